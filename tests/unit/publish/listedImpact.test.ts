import { describe, expect, it } from 'vitest';
import { listedImpact, READER_ITEMS_LISTED, READERS_LISTED_BYTES } from '../../../lib/publish/listedImpact.js';
import type { FeedImpact } from '../../../lib/publish/readerImpact.js';
import type { IdChange } from '../../../lib/plan/idChanges.js';

const MAX = 200;
const item = (feed: number, i: number, title = `Item ${i}`) => ({ id: `tag:w.example.org,2014:${feed}/${i}`, title });
/** `feeds` tag feeds, each with `each` new items and one removed. */
function tagFeeds(feeds: number, each: number, title?: string): FeedImpact[] {
  return Array.from({ length: feeds }, (_, f) => ({
    feed: `tags/t${f}/`,
    new: Array.from({ length: each }, (_, i) => item(f, i, title)),
    updated: [],
    removed: [item(f, each)],
  }));
}
const idChange = (i: number): IdChange => ({ url: `https://news.example.org/${i}`, oldKey: `entries/2014/${i}.md`, oldId: `2014/${i}`, newKey: `entries/2014/${i}-renamed.md`, newId: `2014/${i}-renamed` });

describe('listedImpact', () => {
  it('lists the first 200 of 300 changed tag feeds, each with its first items of a kind and their count, with the total', () => {
    const readers = tagFeeds(300, 25);
    const listed = listedImpact(readers, [], MAX);
    expect(listed.readersTotal).toBe(300);
    expect(listed.readers).toHaveLength(MAX);
    expect(listed.readers!.map((feed) => feed.feed)).toEqual(readers.slice(0, MAX).map((feed) => feed.feed));
    const first = listed.readers![0]!;
    expect(first.new).toEqual(readers[0]!.new.slice(0, READER_ITEMS_LISTED));
    expect(first.newTotal).toBe(25);
    // A kind within the cap is listed whole, with no count beside.
    expect(first.removed).toEqual([item(0, 25)]);
    expect(first.removedTotal).toBeUndefined();
    expect('idChanges' in listed).toBe(false);
  });

  it('lists the first 200 of 300 id changes, with their total', () => {
    const changes = Array.from({ length: 300 }, (_, i) => idChange(i));
    const listed = listedImpact(undefined, changes, MAX);
    expect(listed).toEqual({ idChanges: changes.slice(0, MAX), idChangesTotal: 300 });
  });

  it('keeps a small report as it is', () => {
    const readers = tagFeeds(3, 2);
    expect(listedImpact(readers, [idChange(1)], MAX)).toEqual({ readers, readersTotal: 3, idChanges: [idChange(1)], idChangesTotal: 1 });
    expect(listedImpact([], [], MAX)).toEqual({ readers: [], readersTotal: 0 });
  });

  it('stops listing feeds at READERS_LISTED_BYTES: 200 feeds of 300-character titles would be megabytes', () => {
    // 300 CJK characters, 900 bytes in UTF-8: each listed feed keeps 10 such titles, about 9.5 KB; 200 would be 1.9 MB.
    const readers = tagFeeds(300, 30, '經'.repeat(300));
    const listed = listedImpact(readers, [], MAX);
    const bytesOf = (feeds: readonly unknown[]) => feeds.reduce<number>((sum, feed) => sum + Buffer.byteLength(JSON.stringify(feed)), 0);
    const all = readers.map((feed) => ({ ...feed, new: feed.new.slice(0, READER_ITEMS_LISTED), newTotal: 30 }));
    const n = listed.readers!.length;
    // As many as fit, in order: the first n within the bytes, the first n + 1 past them.
    expect(listed.readers).toEqual(all.slice(0, n));
    expect(bytesOf(all.slice(0, n))).toBeLessThanOrEqual(READERS_LISTED_BYTES);
    expect(bytesOf(all.slice(0, n + 1))).toBeGreaterThan(READERS_LISTED_BYTES);
    expect(n).toBeGreaterThan(100);
    expect(n).toBeLessThan(MAX);
    expect(listed.readersTotal).toBe(300);
  });
});
