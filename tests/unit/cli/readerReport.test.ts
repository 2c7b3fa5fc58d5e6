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
