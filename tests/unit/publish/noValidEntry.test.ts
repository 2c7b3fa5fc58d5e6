import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// A search and replace gone wrong over every entry file: --skip-invalid would leave every entry out and replace the
// live site with one of no entry, as content without an entry file would (README, "Content"): refused the same way.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const a = entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' });
const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' });
const run = (output: MemoryStore, entries: Record<string, string>) =>
  publish({ content: memoryContent({ entries }), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts], skipInvalid: true });
const snapshot = (store: MemoryStore) => new Map([...store.objects].map(([key, object]) => [key, object.body.toString('base64')]));

describe('--skip-invalid with every entry invalid', () => {
  it('is refused with every problem and one saying why, and the output is left as it was', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText(b) });
    const before = snapshot(output);
    const error = await run(output, { '2014/a.md': entryText({ ...a, date: '2014-02-30' }), '2014/b.md': entryText({ ...b, date: '2014-02-31' }) }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map((problem) => [problem.file, problem.field])).toEqual([
      ['entries/2014/a.md', 'date'],
      ['entries/2014/b.md', 'date'],
      ['entries/', 'file'],
    ]);
    expect((error as ContentError).problems[2]!.message).toBe('holds no valid entry (2 entries are invalid): skipping the invalid entries would replace the published site with one of no entry');
    expect(snapshot(output)).toEqual(before);
  });

  it('a first publish, which replaces no site, goes ahead with no entry', async () => {
    const output = new MemoryStore();
    const result = await run(output, { '2014/a.md': entryText({ ...a, date: '2014-02-30' }) });
    expect(result.entries).toMatchObject({ published: 0, skipped: 1 });
  });

  it('publishes as before when one entry is valid, leaving the other out', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText(b) });
    const result = await run(output, { '2014/a.md': entryText(a), '2014/b.md': entryText({ ...b, date: '2014-02-31' }) });
    expect(result.entries).toMatchObject({ published: 1, skipped: 1 });
  });
});
