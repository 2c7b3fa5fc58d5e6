import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { failedRunRecord, type RunStart } from '../../../lib/publish/publishRunRecord.js';
import { RUN_RECORD_WARNING_LIMIT } from '../../../lib/publish/runRecord.js';
import { ContentError, IdChangeError, StoreError, type Problem } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

const START: RunStart = { id: 'run-1', kind: 'publish', trigger: 'manual', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:01.000Z' };
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const problem: Problem = { file: 'entries/2014/a.md', line: 2, field: 'title', message: 'is missing', fix: 'add a title: line' };
const warning = (i: number): Problem => ({ file: `entries/2014/w${i}.md`, line: 3, field: 'author', message: `is not a known field ${i}`, fix: 'remove it' });

describe('failedRunRecord', () => {
  it("keeps a refused run's warnings beside its problems, the first RUN_RECORD_WARNING_LIMIT lines and their count", () => {
    const warnings = Array.from({ length: RUN_RECORD_WARNING_LIMIT + 4 }, (_, i) => warning(i));
    const record = failedRunRecord(START, new ContentError([problem], { warnings }));
    expect(record.outcome).toBe('invalid');
    expect(record.warningLines).toEqual(warnings.slice(0, RUN_RECORD_WARNING_LIMIT).map((w) => `${w.file}:3: author: ${w.message} (remove it)`));
    expect(record.warningLinesTotal).toBe(RUN_RECORD_WARNING_LIMIT + 4);
    // None: no field, as for a failure that read no content.
    expect(failedRunRecord(START, new ContentError([problem]))).not.toHaveProperty('warningLines');
    expect(failedRunRecord(START, new StoreError('cannot write rss.xml'))).not.toHaveProperty('warningLines');
  });

  it("lists a refused run's problems as the CLI does: a file that prints like another's starts its line escaped", () => {
    // "é" composed, and e then U+0301: the two names print alike; the decomposed one's mark is written \u301.
    const alike = (file: string): Problem => ({ file, field: 'id', message: 'reads like another id', fix: 'give one a clearly different id: line' });
    const record = failedRunRecord(START, new ContentError([alike('entries/2014/caf\u00e9.md'), alike('entries/2014/cafe\u0301.md'), problem]));
    expect(record.problems).toEqual([
      'entries/2014/caf\u00e9.md: id: reads like another id (give one a clearly different id: line)',
      'entries/2014/cafe\\u301.md: id: reads like another id (give one a clearly different id: line)',
      'entries/2014/a.md:2: title: is missing (add a title: line)',
    ]);
  });

  it("a publish refused for an id change carries the content's warnings into its record", async () => {
    const output = new MemoryStore();
    const b = { title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' };
    await publish({ content: memoryContent({ entries: { '2014/b.md': entryText(entry(b)) } }), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts] });
    // Renamed without id:, and with a field Broadsheet does not know.
    const renamed = memoryContent({ entries: { '2014/b-renamed.md': entryText(entry({ ...b, layout: 'post' })) } });
    const error = await publish({ content: renamed, output, now: NOW, builders: [feedArtifacts, entryPageArtifacts] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IdChangeError);
    const record = failedRunRecord(START, error);
    expect(record.outcome).toBe('refused');
    expect(record.warningLines).toEqual([expect.stringMatching(/^entries\/2014\/b-renamed\.md:\d+: layout: /)]);
  });
});
