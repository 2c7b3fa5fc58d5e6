import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { IdChangeError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';

// An entry taken out of the feeds in one publish and renamed before it returns in a later one comes back under a new
// id, which every reader shows as new: refused as a rename in one publish is (the entry index keeps the id out).
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const a = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' }));
const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' });
const run = (output: MemoryStore, entries: Record<string, string>, more: { skipInvalid?: boolean; allowIdChange?: boolean } = {}) =>
  // The entry pages say which ids a publish made public.
  publish({ content: memoryContent({ entries }), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts], ...more });

const ways: [string, Record<string, string>, { skipInvalid?: boolean }][] = [
  ['drafted', { '2014/a.md': a, '2014/b.md': entryText({ ...b, draft: true }) }, {}],
  ['dated after now', { '2014/a.md': a, '2014/b.md': entryText({ ...b, date: '2014-07-01' }) }, {}],
  ['deleted', { '2014/a.md': a }, {}],
  ['invalid, with --skip-invalid', { '2014/a.md': a, '2014/b.md': entryText({ ...b, title: undefined }) }, { skipInvalid: true }],
];

async function takenOut(out: Record<string, string>, options: { skipInvalid?: boolean }): Promise<MemoryStore> {
  const output = new MemoryStore();
  await run(output, { '2014/a.md': a, '2014/b.md': entryText(b) });
  await run(output, out, options);
  return output;
}

describe('an entry renamed while out of the feeds', () => {
  it.each(ways)('taken out %s, is refused when it returns renamed, naming the file it was published from', async (_, out, options) => {
    const output = await takenOut(out, options);
    const error = await run(output, { '2014/a.md': a, '2014/b-renamed.md': entryText(b) }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IdChangeError);
    expect((error as IdChangeError).problems).toMatchObject([{ file: 'entries/2014/b-renamed.md', field: 'id', message: expect.stringMatching(/^its url was published from entries\/2014\/b\.md with the id "2014\/b";/) }]);
  });

  it('is still refused when renamed as a draft in one publish and published in the next', async () => {
    const output = await takenOut(ways[0]![1], {});
    await run(output, { '2014/a.md': a, '2014/b-renamed.md': entryText({ ...b, draft: true }) });
    await expect(run(output, { '2014/a.md': a, '2014/b-renamed.md': entryText(b) })).rejects.toBeInstanceOf(IdChangeError);
  });

  it('is refused when renamed in the publish that held it back by a later date, once that date comes with nothing else changed', async () => {
    const output = new MemoryStore();
    await run(output, { '2014/a.md': a, '2014/b.md': entryText(b) });
    const later = { '2014/a.md': a, '2014/b-renamed.md': entryText({ ...b, date: '2014-07-01' }) };
    await run(output, later);
    const error = await publish({ content: memoryContent({ entries: later }), output, now: DateTime.fromISO('2014-07-02T00:00:00Z'), builders: [feedArtifacts, entryPageArtifacts] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IdChangeError);
    expect((error as IdChangeError).problems).toMatchObject([{ file: 'entries/2014/b-renamed.md', field: 'id', message: expect.stringMatching(/^its url was published from entries\/2014\/b\.md with the id "2014\/b";/) }]);
  });

  it('given the new id on purpose (--allow-id-change), is forgotten by the entry index', async () => {
    const output = await takenOut(ways[2]![1], {});
    const kept = async () => {
      const { out, outFedIn } = JSON.parse((await output.get(INDEX_KEY))!.toString()) as { out?: unknown[]; outFedIn?: unknown[] };
      return { out, outFedIn };
    };
    // With the feeds it was in: the site feed and its tag's (entry()'s tags: trade).
    expect(await kept()).toEqual({ out: [['2014/b', 'entries/2014/b.md', 'https://news.example.com/b', Date.parse('2014-05-09T00:00:00+09:00'), 'Example News']], outFedIn: [['', 'tags/trade/']] });
    await run(output, { '2014/a.md': a, '2014/b-renamed.md': entryText(b) }, { allowIdChange: true });
    expect(await kept()).toEqual({ out: undefined, outFedIn: undefined });
  });
});
