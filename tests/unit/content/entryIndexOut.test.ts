import { describe, expect, it } from 'vitest';
import { EntryIndex, INDEX_KEY, MAX_OUT_IDS } from '../../../lib/content/entryIndex.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

// The ids published once and out now (EntryIndex.out): what the output published, kept however the index is made.
const A = EntryIndex.contextFor('title: A\n', 'code');
const B = EntryIndex.contextFor('title: B\n', 'code');
const out = (n: number) => ({ key: `entries/2014/${n}.md`, id: `2014/${n}`, url: `https://x.example/${n}`, date: Date.UTC(2014, 4, 1) - n * 60_000, draft: false, source: { name: 'S' } });

async function written(index: EntryIndex): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.put(INDEX_KEY, Buffer.concat(index.serialize([], new Set())), { contentType: 'application/json' });
  return store;
}

describe('EntryIndex.out', () => {
  it('is written and read back, for this site.yml and another alike', async () => {
    const index = new EntryIndex(A);
    const noSource = { key: 'entries/2014/2.md', id: '2014/2', url: 'https://x.example/2', date: out(2).date, draft: false };
    index.setOut([out(1), noSource]);
    const store = await written(index);
    const expected = [out(1), noSource];
    expect((await EntryIndex.load(store, A)).out).toEqual(expected);
    expect((await EntryIndex.load(store, B)).out).toEqual(expected);
  });

  it('leaves the index as it was when there is none, and marks it changed only when they differ', async () => {
    const index = new EntryIndex(A);
    expect(Buffer.concat(index.serialize([], new Set())).toString()).toBe(`{"context":"${A}","records":{}}`);
    index.setOut([out(1)]);
    const loaded = await EntryIndex.load(await written(index), A);
    loaded.setOut([out(1)]);
    expect(loaded.changedFromLoaded(loaded.serialize([], new Set()))).toBe(false);
    loaded.setOut([]);
    expect(loaded.changedFromLoaded(loaded.serialize([], new Set()))).toBe(true);
  });

  it(`keeps the first ${MAX_OUT_IDS} (the newest), and passes over a stored one of another form`, async () => {
    const index = new EntryIndex(A);
    index.setOut(Array.from({ length: MAX_OUT_IDS + 5 }, (_, n) => out(n)));
    expect(index.out).toHaveLength(MAX_OUT_IDS);
    expect(index.out.at(-1)).toEqual(out(MAX_OUT_IDS - 1));
    const store = new MemoryStore();
    const stored = { context: A, records: {}, out: [['2014/x', 'entries/2014/x.md', 'https://x.example/x', 'yesterday', 'S'], { id: '2014/y' }, ['2014/z', 'entries/2014/z.md', 'https://x.example/z', 5, '']] };
    await store.put(INDEX_KEY, Buffer.from(JSON.stringify(stored)), { contentType: 'application/json' });
    expect((await EntryIndex.load(store, A)).out).toEqual([{ key: 'entries/2014/z.md', id: '2014/z', url: 'https://x.example/z', date: 5, draft: false }]);
  });

  it('keeps the feeds an id was in (fedIn), none included, and reads an index written before they were kept as not known', async () => {
    const index = new EntryIndex(A);
    const fed = { ...out(1), fedIn: ['', 'tags/rail/'] };
    const inNone = { ...out(2), fedIn: [] };
    index.setOut([fed, inNone, out(3)]);
    expect((await EntryIndex.load(await written(index), B)).out).toEqual([fed, inNone, out(3)]);
    const store = new MemoryStore();
    const stored = { context: A, records: {}, out: [['2014/x', 'entries/2014/x.md', 'https://x.example/x', 5, 'S'], ['2014/y', 'entries/2014/y.md', 'https://x.example/y', 4, 'S', [1]]] };
    await store.put(INDEX_KEY, Buffer.from(JSON.stringify(stored)), { contentType: 'application/json' });
    expect((await EntryIndex.load(store, A)).out).toEqual([
      { key: 'entries/2014/x.md', id: '2014/x', url: 'https://x.example/x', date: 5, draft: false, source: { name: 'S' } },
      { key: 'entries/2014/y.md', id: '2014/y', url: 'https://x.example/y', date: 4, draft: false, source: { name: 'S' } },
    ]);
  });

  it('stores each id out as the five fields the code before fedIn reads (it passes over any other length), the feeds beside them by place', async () => {
    const index = new EntryIndex(A);
    const fed = { ...out(1), fedIn: ['', 'tags/rail/'] };
    index.setOut([fed, out(2), { ...out(3), fedIn: [] }]);
    const stored = JSON.parse((await (await written(index)).get(INDEX_KEY))!.toString()) as { out: unknown[][]; outFedIn: unknown };
    expect(stored.out).toEqual([1, 2, 3].map((n) => [`2014/${n}`, `entries/2014/${n}.md`, `https://x.example/${n}`, out(n).date, 'S']));
    expect(stored.outFedIn).toEqual([['', 'tags/rail/'], null, []]);
    // An item passed over keeps the others' feeds in their places; an index that kept them as a sixth element still reads.
    const store = new MemoryStore();
    const mixed = { context: A, records: {}, out: [{ id: 'junk' }, ['2014/x', 'entries/2014/x.md', 'https://x.example/x', 5, 'S'], ['2014/y', 'entries/2014/y.md', 'https://x.example/y', 4, 'S', ['tags/y/']]], outFedIn: [['tags/junk/'], ['', 'tags/x/'], null] };
    await store.put(INDEX_KEY, Buffer.from(JSON.stringify(mixed)), { contentType: 'application/json' });
    expect((await EntryIndex.load(store, B)).out).toEqual([
      { key: 'entries/2014/x.md', id: '2014/x', url: 'https://x.example/x', date: 5, draft: false, source: { name: 'S' }, fedIn: ['', 'tags/x/'] },
      { key: 'entries/2014/y.md', id: '2014/y', url: 'https://x.example/y', date: 4, draft: false, source: { name: 'S' }, fedIn: ['tags/y/'] },
    ]);
  });

  it('is changed when only the feeds an id was in change', async () => {
    const index = new EntryIndex(A);
    index.setOut([out(1)]);
    const loaded = await EntryIndex.load(await written(index), A);
    loaded.setOut([{ ...out(1), fedIn: [''] }]);
    expect(loaded.changedFromLoaded(loaded.serialize([], new Set()))).toBe(true);
  });
});
