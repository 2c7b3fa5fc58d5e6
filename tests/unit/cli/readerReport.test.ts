import { describe, expect, it } from 'vitest';
import { readerReportLines } from '../../../cli/readerReport.js';

describe('readerReportLines', () => {
  it('says a deleted feed is deleted and lists the items its readers keep, not items removed', () => {
    const lines = readerReportLines([{ feed: 'tags/kaesong/', new: [], updated: [], removed: [{ id: 'tag:w.example.org,2014:2014/k', title: 'Kaesong wages' }], deleted: true }]);
    expect(lines).toEqual([
      "readers of the feed in tags/kaesong/: the feed is deleted; their reader's next fetch finds no feed there, and it keeps the 1 item it has",
      '  kept     tag:w.example.org,2014:2014/k  Kaesong wages',
    ]);
  });
});

describe('readerReportLines of the publish function\'s answer', () => {
  const item = (i: number) => ({ id: `tag:w.example.org,2014:2014/${i}`, title: `Item ${i}` });
  it('counts the items the answer left out of a feed, and says how many feeds it left out', () => {
    // 25 new items of which the answer kept 10; 300 feeds of which it listed this one.
    const lines = readerReportLines([{ feed: 'tags/t0/', new: Array.from({ length: 10 }, (_, i) => item(i)), newTotal: 25, updated: [], removed: [] }], 300);
    expect(lines[0]).toBe('readers of the feed in tags/t0/: 25 new, 0 updated, 0 removed');
    expect(lines.slice(1, 11)).toEqual(Array.from({ length: 10 }, (_, i) => `  new      ${item(i).id}  ${item(i).title}`));
    expect(lines[11]).toBe('  new      ... and 15 more');
    expect(lines[12]).toBe('readers of 299 more feeds: not listed (the publish function answers the first 1 of 300); publish --dry-run --bucket SITE_BUCKET lists them all');
    expect(lines).toHaveLength(13);
  });

  it('counts the items a deleted feed keeps that the answer left out', () => {
    const lines = readerReportLines([{ feed: 'tags/k/', new: [], updated: [], removed: Array.from({ length: 10 }, (_, i) => item(i)), removedTotal: 12, deleted: true }]);
    expect(lines[0]).toContain('it keeps the 12 items it has');
    expect(lines.at(-1)).toBe('  kept     ... and 2 more');
  });
});
