import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { ContentError, IdChangeError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// Content refused for its problems names, as warnings, the published entries whose id it would change too, as
// check --out does: an editor who fixes only the problems named would meet a second refusal, for the id.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const a = entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' });
const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' });
const run = (output: MemoryStore, entries: Record<string, string>, more: { allowIdChange?: boolean } = {}) =>
  publish({ content: memoryContent({ entries }), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts], ...more });
const renamedAndBroken = { '2014/a-renamed.md': entryText(a), '2014/b.md': entryText({ ...b, date: '2014-02-30' }) };

describe('content refused for its problems, with a published entry renamed', () => {
  it('names the id change among its warnings, in the words and fix of the refusal it would meet', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText(b) });
    const error = await run(output, renamedAndBroken).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContentError);
    expect(error).not.toBeInstanceOf(IdChangeError);
    expect((error as ContentError).problems.map((problem) => [problem.file, problem.field])).toEqual([['entries/2014/b.md', 'date']]);
    expect((error as ContentError).warnings).toEqual([
      {
        file: 'entries/2014/a-renamed.md',
        field: 'id',
        message: 'its url was published from entries/2014/a.md with the id "2014/a"; under the id "2014/a-renamed" every reader would show it again as a new item',
        fix: 'add `id: 2014/a` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs',
      },
    ]);
  });

  it('says nothing of it with --allow-id-change, which publishes the new id', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText(b) });
    const error = await run(output, renamedAndBroken, { allowIdChange: true }).catch((thrown: unknown) => thrown);
    expect((error as ContentError).warnings).toEqual([]);
  });
});
