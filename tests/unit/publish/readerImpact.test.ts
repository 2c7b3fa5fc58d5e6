import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readerReportLines } from '../../../cli/readerReport.js';
import { BuiltFiles } from '../../../lib/publish/builtFiles.js';
import { publish } from '../../../lib/publish/publish.js';
import { readerImpact } from '../../../lib/publish/readerImpact.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

describe('readerImpact', () => {
  it('marks a feed the publish deletes as deleted, its items being the ones its readers keep', async () => {
    const output = new MemoryStore();
    const item = { id: 'tag:watch.example.org,2014:2014/kaesong', title: 'Kaesong wages' };
    await output.put('tags/kaesong/feed.json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [item] }), { contentType: 'application/feed+json' });
    const impacts = await readerImpact(output, [{ key: 'tags/kaesong/feed.json', status: 'deleted', size: 0 }], new BuiltFiles(), new Set(['tags/kaesong/feed.json']), () => true);
    expect(impacts).toEqual([{ feed: 'tags/kaesong/', new: [], updated: [], removed: [item], deleted: true }]);
  });

  it('tells an item whose id was published once and taken out apart from a new one: it returns', async () => {
    const output = new MemoryStore();
    const kept = { id: 'tag:w.example.org,2014:2014/a', title: 'A' };
    const back = { id: 'tag:w.example.org,2014:2014/b', title: 'B' };
    const fresh = { id: 'tag:w.example.org,2014:2014/c', title: 'C' };
    const feed = (items: object[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items });
    await output.put('feed.json', feed([kept]), { contentType: 'application/feed+json' });
    const files = new BuiltFiles();
    files.add({ key: 'feed.json', body: Buffer.from(feed([fresh, back, kept])), contentType: 'application/feed+json' });
    const change = { key: 'feed.json', status: 'changed' as const, size: 1 };
    try {
      expect(await readerImpact(output, [change], files, new Set(['feed.json']), () => true, new Set([back.id]))).toEqual([{ feed: '', new: [fresh], returned: [back], updated: [], removed: [] }]);
      // Without the ids taken out, both are new, and no `returned` is given.
      expect(await readerImpact(output, [change], files, new Set(['feed.json']), () => true)).toEqual([{ feed: '', new: [fresh, back], updated: [], removed: [] }]);
    } finally {
      files.dispose();
    }
  });
});

describe('publish --dry-run: an entry held back by a later date, when the date comes', () => {
  it('is reported as returned, not new, in every feed it comes back to: readers keep its id, as the warning said', async () => {
    const output = new MemoryStore();
    const a = entryText(entry({ title: 'Kaesong wages', date: '2014-05-01T10:00:00+09:00', tags: ['Trade'] }));
    const b = (date: string) => entryText(entry({ title: 'Rajin coal', url: 'https://news.example.com/b', date, tags: ['Rail'] }));
    const at = (now: string, entries: Record<string, string>, dryRun = false) => publish({ content: memoryContent({ entries }), output, now: DateTime.fromISO(now, { setZone: true }), websub: false, dryRun });
    await at('2014-06-03T09:00:00+09:00', { '2014/a.md': a, '2014/b.md': b('2014-05-02T10:00:00+09:00') });
    const held = await at('2014-06-11T10:00:00+09:00', { '2014/a.md': a, '2014/b.md': b('2014-06-12T10:00:00+09:00') });
    expect(held.warnings.map((warning) => warning.message)).toContainEqual(expect.stringContaining('when it returns readers do not show it as new'));
    // The date come, and an entry no feed had before: new, where b returns.
    const c = entryText(entry({ title: 'Rason port', url: 'https://news.example.com/c', date: '2014-06-12T09:00:00+09:00', tags: ['Rail'] }));
    const dry = await at('2014-06-12T11:00:00+09:00', { '2014/a.md': a, '2014/b.md': b('2014-06-12T10:00:00+09:00'), '2014/c.md': c }, true);
    const id = (name: string) => `tag:${new URL(SITE.url as string).host},${SITE.idDate as string}:2014/${name}`;
    const back = { id: id('b'), title: 'Rajin coal' };
    const fresh = { id: id('c'), title: 'Rason port' };
    expect(dry.readers?.filter((impact) => impact.feed === '' || impact.feed === 'tags/rail/')).toEqual([
      { feed: '', new: [fresh], returned: [back], updated: [], removed: [] },
      { feed: 'tags/rail/', new: [fresh], returned: [back], updated: [], removed: [] },
    ]);
    expect(readerReportLines(dry.readers!.filter((impact) => impact.feed === ''))).toEqual([
      'readers of the site feed: 1 new, 1 returned, 0 updated, 0 removed',
      `  new      ${fresh.id}  Rason port`,
      `  returned ${back.id}  Rajin coal`,
    ]);
  });
});
