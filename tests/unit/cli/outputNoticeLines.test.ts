import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { outputNoticeLines } from '../../../cli/outputNoticeLines.js';
import { triggerRecordLines } from '../../../cli/triggerRecordLines.js';
import { outputNotices } from '../../../lib/publish/outputNotices.js';
import { publishedRunRecord } from '../../../lib/publish/publishRunRecord.js';
import { RUN_RECORD_LIST_LIMIT } from '../../../lib/publish/runRecord.js';

const requests = { content: { list: 1, get: 2, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 3, delete: 0 } };
const written = { changes: [], counts: { new: 0, changed: 0, unchanged: 0, deleted: 0 }, skipped: [], warnings: [], requests };
const start = { id: 'run-1', kind: 'publish' as const, trigger: 'manual' as const, startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.000Z' };
const files = (n: number) => Array.from({ length: n }, (_, i) => `tags/t${String(i).padStart(3, '0')}/feed.json`);

describe('outputNoticeLines: what a publish found of its output, in the words publish prints', () => {
  it('says nothing when there is nothing to say', () => {
    expect(outputNoticeLines(outputNotices({ repaired: [], replaced: [] }), true)).toEqual([]);
  });

  it("a dry run: the clock turned back (in the site's zone), a damaged manifest, a file changed by someone else, files no publish wrote", () => {
    // A publish gives the moment in the site's zone; the notices keep it in UTC (09:00 in Seoul is midnight UTC) and name the zone.
    const notices = outputNotices({ turnedBackFrom: DateTime.fromISO('2014-06-04T09:00:00', { zone: 'Asia/Seoul' }), manifestDamaged: 'not JSON', repaired: ['feed.json'], replaced: ['index.html', 'rss.xml'] });
    expect(notices).toMatchObject({ turnedBackFrom: '2014-06-04T00:00:00Z', turnedBackZone: 'Asia/Seoul' });
    expect(outputNoticeLines(notices, true, 's3://site/')).toEqual([
      "warning: the last publish put on the site an entry, a correction or a digest week that came due 2014-06-04T09:00:00+09:00, after this run's now: a publish would take down what came due since",
      'warning: the manifest _broadsheet/manifest.json was damaged (not JSON): a publish would write every file and rewrite it',
      'warning: 1 file deleted or changed in s3://site/ by someone else would be written again: feed.json',
      'would overwrite 2 files in s3://site/ that no publish wrote (--replace-unclaimed):',
      '  index.html',
      '  rss.xml',
    ]);
  });

  it('notices from before they named the zone: the moment in UTC; a zone the caller gives wins', () => {
    const older = { turnedBackFrom: '2014-06-04T00:00:00Z' };
    expect(outputNoticeLines(older, true)[0]).toContain('came due 2014-06-04T00:00:00Z, after');
    expect(outputNoticeLines({ ...older, turnedBackZone: 'Asia/Seoul' }, true, 'public', 'UTC+1')[0]).toContain('came due 2014-06-04T01:00:00+01:00, after');
  });

  it('a publish that ran: was and were, the first 10 repaired named, the output the notices name before the caller\'s', () => {
    expect(outputNoticeLines(outputNotices({ repaired: ['feed.json'] }), false, 'public')).toEqual(['warning: 1 file deleted or changed in public by someone else was written again: feed.json']);
    const twelve = files(12);
    expect(outputNoticeLines({ output: 's3://site/', ...outputNotices({ repaired: twelve, manifestDamaged: 'not JSON' }) }, false, 'the site bucket')).toEqual([
      'warning: the manifest _broadsheet/manifest.json was damaged (not JSON): wrote every file and rewrote it',
      `warning: 12 files deleted or changed in s3://site/ by someone else were written again: ${twelve.slice(0, 10).join(', ')}, …`,
    ]);
  });

  it('notices cut to a limit count the rest, from the total', () => {
    const seven = files(7);
    const notices = outputNotices({ replaced: seven, repaired: seven }, 3);
    expect(notices).toEqual({ repaired: seven.slice(0, 3), repairedTotal: 7, replaced: seven.slice(0, 3), replacedTotal: 7 });
    expect(outputNoticeLines(notices, false)).toEqual([
      `warning: 7 files deleted or changed in the output by someone else were written again: ${seven.slice(0, 3).join(', ')}`,
      'overwrote 7 files in the output that no publish wrote (--replace-unclaimed):',
      ...seven.slice(0, 3).map((key) => `  ${key}`),
      '  ... and 4 more',
    ]);
  });

  it("a run's record keeps them, and broadsheet trigger prints a record's as publish prints the result's", () => {
    const found = { turnedBackFrom: DateTime.fromISO('2014-06-04T00:00:00Z'), repaired: ['feed.json', 'rss.xml'], replaced: files(RUN_RECORD_LIST_LIMIT + 2) };
    const record = JSON.parse(JSON.stringify(publishedRunRecord(start, { ...written, ...found })));
    expect(record.replaced).toHaveLength(RUN_RECORD_LIST_LIMIT);
    expect(record.replacedTotal).toBe(RUN_RECORD_LIST_LIMIT + 2);
    const asPublished = outputNoticeLines(outputNotices(found), false, 'the site bucket');
    // The record lists RUN_RECORD_LIST_LIMIT of the files overwritten, and counts the other 2.
    expect(triggerRecordLines(record, false).stderr).toEqual([...asPublished.slice(0, -2), '  ... and 2 more']);
    // A record written before they were kept says nothing of them.
    expect(triggerRecordLines(publishedRunRecord(start, written), false).stderr).toEqual([]);
  });
});
