import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readerReportLines } from '../../../cli/readerReport.js';
import { BuiltFiles } from '../../../lib/publish/builtFiles.js';
import { publish } from '../../../lib/publish/publish.js';
import { readerImpact, type FeedImpact } from '../../../lib/publish/readerImpact.js';
import { returningIds } from '../../../lib/publish/returningIds.js';
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
      expect(await readerImpact(output, [change], files, new Set(['feed.json']), () => true, new Map([[back.id, ['']]]))).toEqual([{ feed: '', new: [fresh], returned: [back], updated: [], removed: [] }]);
      // Without the ids taken out, both are new, and no `returned` is given.
      expect(await readerImpact(output, [change], files, new Set(['feed.json']), () => true)).toEqual([{ feed: '', new: [fresh, back], updated: [], removed: [] }]);
    } finally {
      files.dispose();
    }
  });
});

describe('readerImpact: an id back in a feed', () => {
  const feed = (items: object[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items });
  const back = { id: 'tag:w.example.org,2014:2014/b', title: 'B' };
  const dirs = ['', 'tags/rail/', 'tags/port/'];
  async function impacts(returning: ReadonlyMap<string, readonly string[] | undefined>) {
    const output = new MemoryStore();
    const files = new BuiltFiles();
    for (const dir of dirs) {
      await output.put(`${dir}feed.json`, feed([]), { contentType: 'application/feed+json' });
      files.add({ key: `${dir}feed.json`, body: Buffer.from(feed([back])), contentType: 'application/feed+json' });
    }
    const changes = dirs.map((dir) => ({ key: `${dir}feed.json`, status: 'changed' as const, size: 1 }));
    try {
      return Object.fromEntries((await readerImpact(output, changes, files, new Set(changes.map((change) => change.key)), () => true, returning)).map((impact) => [impact.feed, impact.returned ? 'returned' : impact.new.length ? 'new' : '-']));
    } finally {
      files.dispose();
    }
  }

  it('returns only to the feeds that carried it; in a feed of a tag it never had it is new to that feed\'s readers', async () => {
    expect(await impacts(new Map([[back.id, ['', 'tags/rail/']]]))).toEqual({ '': 'returned', 'tags/rail/': 'returned', 'tags/port/': 'new' });
  });

  it('is new in every feed when none has it under this id (fedIn empty: the id prefix changed while it was out)', async () => {
    expect(await impacts(new Map([[back.id, []]]))).toEqual({ '': 'new', 'tags/rail/': 'new', 'tags/port/': 'new' });
  });

  it('returns to any feed when the feeds are not known (an index written before they were kept)', async () => {
    expect(await impacts(new Map([[back.id, undefined]]))).toEqual({ '': 'returned', 'tags/rail/': 'returned', 'tags/port/': 'returned' });
  });
});

describe('returningIds', () => {
  const site = { idHost: 'w.example.org', idDate: '2014' };
  const out = [{ id: '2014/b', fedIn: ['', 'tags/rail/'] }, { id: '2014/c' }];

  it('gives each id out as the feeds give it, with the feeds that carried it', () => {
    expect(returningIds(out, site)).toEqual(new Map([['tag:w.example.org,2014:2014/b', ['', 'tags/rail/']], ['tag:w.example.org,2014:2014/c', undefined]]));
  });

  it('gives none when this publish changes the id prefix: no reader has any under the id it comes back with', () => {
    expect(returningIds(out, site, true)).toEqual(new Map());
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

  it('is new in every feed after the id prefix changed (--allow-id-change), in the publish that changes it or a later one: no reader has it under its new id', async () => {
    const output = new MemoryStore();
    const a = entryText(entry({ title: 'Kaesong wages', date: '2014-05-01T10:00:00+09:00', tags: ['Trade'] }));
    const b = (date: string) => entryText(entry({ title: 'Rajin coal', url: 'https://news.example.com/b', date, tags: ['Rail'] }));
    const at = (now: string, idDate: string, entries: Record<string, string>, dryRun = false) =>
      publish({ content: memoryContent({ site: { ...SITE, idDate }, entries }), output, now: DateTime.fromISO(now, { setZone: true }), websub: false, dryRun, allowIdChange: true });
    await at('2014-06-03T09:00:00+09:00', '2014', { '2014/a.md': a, '2014/b.md': b('2014-05-02T10:00:00+09:00') });
    const held = { '2014/a.md': a, '2014/b.md': b('2014-06-12T10:00:00+09:00') };
    await at('2014-06-11T10:00:00+09:00', '2014', held);
    const back = (idDate: string) => ({ id: `tag:${new URL(SITE.url as string).host},${idDate}:2014/b`, title: 'Rajin coal' });
    const siteFeed = (readers: FeedImpact[] | undefined) => readers?.find((impact) => impact.feed === '');
    // Changed in the publish it returns in.
    const changing = await at('2014-06-12T11:00:00+09:00', '2015', held, true);
    expect(siteFeed(changing.readers)?.new).toContainEqual(back('2015'));
    expect(siteFeed(changing.readers)?.returned).toBeUndefined();
    // Changed while it was out: it returns in a later publish under the new prefix.
    await at('2014-06-11T11:00:00+09:00', '2015', held);
    const later = await at('2014-06-12T11:00:00+09:00', '2015', held, true);
    expect(later.readers?.filter((impact) => impact.feed === '' || impact.feed === 'tags/rail/')).toEqual([
      { feed: '', new: [back('2015')], updated: [], removed: [] },
      { feed: 'tags/rail/', new: [back('2015')], updated: [], removed: [] },
    ]);
  });
});
