import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { reDatedWarnings } from '../../../lib/plan/reDatedWarnings.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import type { PreviousEntry } from '../../../lib/content/entryIndex.js';

// Sunday 2014-06-01 in Seoul, week 2014-W22; the digest of 2014-W19 (5–11 May) was mailed.
const now = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const ZONE = 'Asia/Seoul';
const entry = (key: string, date: string): EntryMeta => ({ key, id: key, url: 'https://example.com/', title: 'T', source: { name: 'S' }, date: Date.parse(date), tags: [], related: [], draft: false });
const previous = (key: string, date: string): PreviousEntry => ({ key, id: key, url: 'https://example.com/', date: Date.parse(date), draft: false });
const redated = entry('entries/2014/a.md', '2014-07-01T00:00:00+09:00');
const late = entry('entries/2014/late.md', '2014-05-06T00:00:00+09:00');
const files = (entries: EntryMeta[], before: PreviousEntry[], reread: EntryMeta[]) => ({ entries, keys: entries.map((one) => one.key), before: { entries: before, reread: new Set(reread.map((one) => one.key)) } });

describe('reDatedWarnings: what a publish warns of an entry dated since the last publish', () => {
  it('names a published entry re-dated past now, then one added to a week mailed', () => {
    const warnings = reDatedWarnings(files([redated, late], [previous(redated.key, '2014-05-01T00:00:00+09:00')], [redated, late]), now, ZONE, ['2014-W19']);
    expect(warnings.map((warning) => [warning.file, warning.message.slice(0, 40)])).toEqual([
      ['entries/2014/a.md', 'was published, and is now held back unti'],
      ['entries/2014/late.md', 'is dated 2014-05-06T00:00:00+09:00, in w'],
    ]);
  });

  it('counts the output as published to when the index knew an entry, read unchanged or gone; not on a first publish there', () => {
    const unchanged = entry('entries/2014/b.md', '2014-05-02T00:00:00+09:00');
    expect(reDatedWarnings(files([unchanged, late], [], [late]), now, ZONE, ['2014-W19']).map((warning) => warning.file)).toEqual(['entries/2014/late.md']);
    expect(reDatedWarnings(files([late], [previous('entries/2014/gone.md', '2014-05-02T00:00:00+09:00')], [late]), now, ZONE, ['2014-W19']).map((warning) => warning.file)).toEqual(['entries/2014/late.md']);
    expect(reDatedWarnings(files([unchanged, late], [], [unchanged, late]), now, ZONE, ['2014-W19'])).toEqual([]);
  });
});
