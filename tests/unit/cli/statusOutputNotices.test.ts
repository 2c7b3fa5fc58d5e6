import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { partlyPublished } from '../../../cli/partlyPublished.js';
import { runRecordLines } from '../../../cli/runLines.js';
import { failedRunRecord, publishedRunRecord } from '../../../lib/publish/publishRunRecord.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import { StoreError } from '../../../lib/shared/errors.js';

const requests = { content: { list: 1, get: 2, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 3, delete: 0 } };
const written = { changes: [], counts: { new: 5, changed: 0, unchanged: 0, deleted: 0 }, skipped: [], warnings: [], requests };
const start = { id: 'run-1', kind: 'publish' as const, trigger: 'cli' as const, startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.000Z' };
// Read back as status reads it: from the record's JSON.
const stored = (record: RunRecord) => JSON.parse(JSON.stringify(record)) as RunRecord;

describe('status: what a publish found of its output, under its run', () => {
  it('the clock turned back, a damaged manifest, files written again and files overwritten, in publish\'s words', () => {
    const replaced = ['about.html', 'index.html', 'rss.xml', 'style.css', 'tags.html'];
    const record = stored(publishedRunRecord(start, { ...written, turnedBackFrom: DateTime.fromISO('2014-06-04T09:00:00', { zone: 'Asia/Seoul' }), manifestDamaged: 'not JSON', repaired: ['feed.json'], replaced }));
    expect(runRecordLines(record)).toEqual([
      '2014-06-01T00:00:02.000Z  publish  cli       ok        5 new (5 over files no publish wrote, --replace-unclaimed), 0 changed, 0 deleted  (run run-1)',
      "    warning: the last publish put on the site an entry, a correction or a digest week that came due 2014-06-04T09:00:00+09:00, after this run's now: this publish took down what came due since",
      '    warning: the manifest _broadsheet/manifest.json was damaged (not JSON): wrote every file and rewrote it',
      '    warning: 1 file deleted or changed in the output by someone else was written again: feed.json',
      // The first 3 named, as status names a run's first 3 warnings; the record (--json) keeps more.
      '    overwrote 5 files in the output that no publish wrote (--replace-unclaimed):',
      '      about.html',
      '      index.html',
      '      rss.xml',
      '      ... and 2 more',
    ]);
  });

  it('one file overwritten is "a file", in the singular', () => {
    const record = stored(publishedRunRecord(start, { ...written, counts: { new: 1, changed: 0, unchanged: 0, deleted: 0 }, replaced: ['index.html'] }));
    expect(runRecordLines(record)[0]).toBe('2014-06-01T00:00:02.000Z  publish  cli       ok        1 new (1 over a file no publish wrote, --replace-unclaimed), 0 changed, 0 deleted  (run run-1)');
  });

  it('a function\'s record names its bucket; a record with nothing to say, and an older one, print the run line alone', () => {
    const record = stored({ ...publishedRunRecord(start, { ...written, repaired: ['a.html', 'b.html'] }), output: 's3://site/' });
    expect(runRecordLines(record).slice(1)).toEqual(['    warning: 2 files deleted or changed in s3://site/ by someone else were written again: a.html, b.html']);
    expect(runRecordLines(stored(publishedRunRecord(start, written)))).toHaveLength(1);
  });
});

describe('status: a local write that failed partway', () => {
  const cause = new StoreError('cannot write /o/tags/trade/feed.json: no space left on the disk, ENOSPC (free some space on the disk that holds /o/tags/trade)');

  it('says once how to finish it: its message says so, with no generic "run it again" after', () => {
    const record = stored(failedRunRecord(start, partlyPublished(cause, true)));
    expect(runRecordLines(record).slice(1)).toEqual([
      `    reading or writing the store failed: ${cause.message}; the output holds part of this publish, every file whole (the old one or the new): publish again once that is fixed, to finish it`,
    ]);
  });

  it('a store failure before any site file was written keeps the generic advice', () => {
    const record = stored(failedRunRecord(start, partlyPublished(cause, false)));
    expect(runRecordLines(record).slice(1)).toEqual([`    reading or writing the store failed: ${cause.message} (run it again; a scheduled run retries by itself)`]);
  });
});
