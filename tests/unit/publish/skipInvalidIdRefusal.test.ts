import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { IdChangeError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// A publish with --skip-invalid refused for an id change: the warning that a published entry is taken down says its
// problem is "listed with the skipped entries", so the refusal lists those problems too, as the run would have.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const a = entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' });
const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' });
const run = (output: MemoryStore, entries: Record<string, string>, skipInvalid: boolean) =>
  publish({ content: memoryContent({ entries }), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts], skipInvalid });

describe('a refused id change with --skip-invalid', () => {
  it('lists the problems of the entries it would skip after the id change, and says so', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText(b) }, false);
    // b made invalid (a date that is no date, on line 5 of its front matter), a renamed without id:.
    const error = await run(output, { '2014/a-renamed.md': entryText(a), '2014/b.md': entryText({ ...b, date: '2014-02-30' }) }, true).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IdChangeError);
    const refused = error as IdChangeError;
    expect(refused.problems.map((problem) => [problem.file, problem.field])).toEqual([
      ['entries/2014/a-renamed.md', 'id'],
      ['entries/2014/b.md', 'date'],
    ]);
    expect(refused.problems[1]).toMatchObject({ line: 5, message: expect.stringContaining('2014-02-30 is not a real date') });
    expect(refused.message).toBe('1 published entry would get a new id, and show again as new in every reader (listed with the 1 problem of the invalid entries it would skip)');
    expect(refused.warnings).toContainEqual(expect.objectContaining({ file: 'entries/2014/b.md', field: 'file', message: expect.stringContaining('was published, and is left out while it is invalid') }));
  });

  it('without invalid entries, lists the id changes alone', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText(b) }, false);
    const error = await run(output, { '2014/a-renamed.md': entryText(a), '2014/b.md': entryText(b) }, true).catch((thrown: unknown) => thrown);
    expect((error as IdChangeError).problems.map((problem) => problem.file)).toEqual(['entries/2014/a-renamed.md']);
    expect((error as IdChangeError).message).toBe('1 published entry would get a new id, and show again as new in every reader');
  });
});
