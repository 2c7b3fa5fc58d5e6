import { describe, expect, it } from 'vitest';
import { EntryIndex, INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { meta } from '../../support/digestFixtures.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// An index made for another context (another site.yml, the code before an upgrade) holds no record this code reuses;
// what it says was published is still what finding an id change needs (lib/plan/idChanges.ts).
const OLD = EntryIndex.contextFor('title: Old\n', 'older code');
const NEW = EntryIndex.contextFor('title: Old\n', 'this code');

async function stored(records: Record<string, unknown>, context = OLD): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.put(INDEX_KEY, Buffer.from(JSON.stringify({ context, records })), { contentType: 'application/json' });
  return store;
}

describe('EntryIndex.load from an index made for another context', () => {
  it('keeps the mailed weeks an entry was in before an edit moved it out (IndexRecord.mailedIn), written and read back', async () => {
    const made = new EntryIndex(OLD);
    const a = meta('2014-05-13T09:00', { key: 'entries/2014/a.md', id: '2014/a' });
    made.records.set(a.key, { version: 'v1', entry: a, mailedIn: ['2014-W19'] });
    made.markChanged();
    const store = new MemoryStore();
    await store.put(INDEX_KEY, Buffer.concat(made.serialize([a.key], new Set())), { contentType: 'application/json' });
    expect((await EntryIndex.load(store, OLD)).records.get(a.key)?.mailedIn).toEqual(['2014-W19']);
    expect((await EntryIndex.load(store, NEW)).previous).toEqual([{ key: a.key, id: '2014/a', url: a.url, date: a.date, draft: false, tags: a.tags, source: a.source, mailedIn: ['2014-W19'], version: 'v1' }]);
  });

  it('reuses no record, and keeps each entry’s file, id, article, tags, source, date, draft and the file’s version', async () => {
    const made = new EntryIndex(OLD);
    const a = meta('2014-05-06T09:00', { key: 'entries/2014/a.md', id: '2014/a', tags: [{ name: 'Rail', slug: 'rail' }, { name: 'Trade', slug: 'trade-and-aid' }] });
    const b = meta('2014-05-07T09:00', { key: 'entries/2014/b.md', id: 'legacy-b', draft: true });
    made.records.set(a.key, { version: 'v1', entry: a });
    made.records.set(b.key, { version: 'v2', entry: b });
    made.markChanged();
    const store = new MemoryStore();
    await store.put(INDEX_KEY, Buffer.concat(made.serialize([a.key, b.key], new Set())), { contentType: 'application/json' });

    const index = await EntryIndex.load(store, NEW);
    expect(index.records.size).toBe(0);
    expect(index.madeForThisContext).toBe(false);
    expect(index.previous).toEqual([
      { key: a.key, id: '2014/a', url: a.url, date: a.date, draft: false, tags: [{ name: 'Rail', slug: 'rail' }, { name: 'Trade', slug: 'trade-and-aid' }], source: a.source, version: 'v1' },
      { key: b.key, id: 'legacy-b', url: b.url, date: b.date, draft: true, tags: b.tags, source: b.source, version: 'v2' },
    ]);
    // Made for this context: records, and nothing held apart.
    const same = await EntryIndex.load(store, OLD);
    expect(same.records.size).toBe(2);
    expect(same.previous).toEqual([]);
  });

  it('gives each entry the zone its dates were read in, as the index made with one names it, and none for a name Intl does not know', async () => {
    const made = new EntryIndex(OLD, 'Asia/Seoul');
    const a = meta('2014-05-06T09:00', { key: 'entries/2014/a.md', id: '2014/a' });
    made.records.set(a.key, { version: 'v1', entry: a });
    made.markChanged();
    const bytes = Buffer.concat(made.serialize([a.key], new Set()));
    const store = new MemoryStore();
    await store.put(INDEX_KEY, bytes, { contentType: 'application/json' });
    expect((await EntryIndex.load(store, NEW)).previous).toEqual([{ key: a.key, id: '2014/a', url: a.url, date: a.date, draft: false, tags: a.tags, source: a.source, version: 'v1', zone: 'Asia/Seoul' }]);
    const data = JSON.parse(bytes.toString('utf8')) as { zone: string };
    await store.put(INDEX_KEY, Buffer.from(JSON.stringify({ ...data, zone: 'Mars/Olympus_Mons' })), { contentType: 'application/json' });
    expect((await EntryIndex.load(store, NEW)).previous[0]).not.toHaveProperty('zone');
  });

  it('passes over a record in a form this code does not read, and a record without an entry', async () => {
    const store = await stored({
      'entries/2014/a.md': { version: 'v1', e: { t: 'A', u: 'https://news.example.com/a', s: 'Src', d: 1_399_334_400_000 } },
      'entries/2014/other-form.md': { version: 'v1', entry: { title: 'A', url: 'https://news.example.com/b' } },
      'entries/2014/no-date.md': { version: 'v1', e: { t: 'C', u: 'https://news.example.com/c', s: 'Src', d: 'yesterday' } },
      'entries/2014/invalid.md': { version: 'v1', problems: [] },
    });
    const index = await EntryIndex.load(store, NEW);
    expect(index.previous).toEqual([{ key: 'entries/2014/a.md', id: '2014/a', url: 'https://news.example.com/a', date: 1_399_334_400_000, draft: false, tags: [], source: { name: 'Src' }, version: 'v1' }]);
  });
});

describe('loadContent: the mailed weeks kept with a file invalid at the last publish', () => {
  it('are in `before` by its file once it is read again, from an index made for this context or for another', async () => {
    const key = 'entries/2014/a.md';
    const content = memoryContent({ site: SITE, entries: { '2014/a.md': 'no front matter\n' } });
    const output = new MemoryStore();
    const first = await loadContent(await scanContent(content), { cacheStore: output });
    expect(first.index.records.get(key)?.entry).toBeUndefined();
    first.index.records.get(key)!.mailedIn = ['2014-W19'];
    const bytes = Buffer.concat(first.index.serialize(first.keys, new Set()));
    // Fixed: the file is read again.
    await content.put(key, Buffer.from(entryText(entry({ date: '2014-05-06' }))), { contentType: 'text/markdown' });
    await output.put(INDEX_KEY, bytes, { contentType: 'application/json' });
    const fixed = await loadContent(await scanContent(content), { cacheStore: output });
    expect(fixed.index.madeForThisContext).toBe(true);
    expect(fixed.before.mailedIn).toEqual(new Map([[key, ['2014-W19']]]));
    const stored = JSON.parse(bytes.toString('utf8')) as { records: Record<string, unknown> };
    await output.put(INDEX_KEY, Buffer.from(JSON.stringify({ context: OLD, records: stored.records })), { contentType: 'application/json' });
    const upgraded = await loadContent(await scanContent(content), { cacheStore: output });
    expect(upgraded.index.madeForThisContext).toBe(false);
    expect(upgraded.before.mailedIn).toEqual(new Map([[key, ['2014-W19']]]));
  });
});
