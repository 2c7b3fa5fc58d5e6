import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { mailedAgain } from '../../../lib/plan/mailedAgain.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import type { PreviousEntry } from '../../../lib/content/entryIndex.js';

// Monday 2026-12-07 10:00 in Seoul: week 2026-W50, not mailed; the digest of 2026-W49 (November 30 – December 6) was sent.
const now = DateTime.fromISO('2026-12-07T01:00:00Z');
const ZONE = 'Asia/Seoul';
const entry = (key: string, date: string, draft = false, id = key): EntryMeta => ({ key, id, url: 'https://example.com/', title: 'T', source: { name: 'S' }, date: Date.parse(date), tags: [], related: [], draft });
const previous = (key: string, date: string, extra: Partial<PreviousEntry> = {}): PreviousEntry => ({ key, id: key, url: 'https://example.com/', date: Date.parse(date), draft: false, ...extra });
const twice = (file: string, date: string) => ({
  file,
  field: 'date',
  message: `was in week 2026-W49, whose digest was already sent to subscribers, and is dated ${date} now, in week 2026-W50, whose digest is not sent yet: that digest will carry it again, so subscribers who had it in the 2026-W49 email see it twice`,
  fix: 'to keep it to the 2026-W49 email, date it in 2026-W49 again (its dates read in Asia/Seoul); or leave it, if it is news to subscribers again or was added to 2026-W49 after that digest went out',
});
const run = (entries: EntryMeta[], old: PreviousEntry[], extra: { mailedIn?: Map<string, string[]>; indexed?: boolean } = {}) =>
  mailedAgain({ entries, before: { entries: old, reread: new Set(entries.map((one) => one.key)), mailedIn: extra.mailedIn ?? new Map<string, string[]>() }, indexed: extra.indexed ?? true, mailedWeeks: ['2026-W49'], now, zone: ZONE });

describe('mailedAgain: entries a mailed week carried, moved since the last publish into a later week not mailed yet', () => {
  it('names one re-dated out of the mailed week into the current one', () => {
    const redated = entry('entries/2026/redated.md', '2026-12-07T08:00:00+09:00');
    expect(run([redated], [previous(redated.key, '2026-12-04T09:00:00+09:00')])).toEqual([twice(redated.key, '2026-12-07T08:00:00+09:00')]);
    // Found by its id under another file name too.
    const renamed = entry('entries/2026/renamed.md', '2026-12-07T08:00:00+09:00', false, 'kept-id');
    expect(run([renamed], [previous('entries/2026/old-name.md', '2026-12-04T09:00:00+09:00', { id: 'kept-id' })])).toEqual([twice(renamed.key, '2026-12-07T08:00:00+09:00')]);
  });

  it('names one re-dated past now: held back until its date, the digest of its week carries it again then', () => {
    const ahead = entry('entries/2026/ahead.md', '2026-12-15T08:00:00+09:00');
    expect(run([ahead], [previous(ahead.key, '2026-12-04T09:00:00+09:00')])).toEqual([
      {
        file: ahead.key,
        field: 'date',
        message:
          'was in week 2026-W49, whose digest was already sent to subscribers, and is dated 2026-12-15T08:00:00+09:00 now, in week 2026-W51, whose digest is not sent yet: that digest will carry it again once its date comes, so subscribers who had it in the 2026-W49 email see it twice',
        fix: twice(ahead.key, '').fix,
      },
    ]);
    // Later today, in the current week.
    const today = entry('entries/2026/today.md', '2026-12-07T23:00:00+09:00');
    expect(run([today], [previous(today.key, '2026-12-04T09:00:00+09:00')])[0]?.message).toContain('in week 2026-W50, whose digest is not sent yet: that digest will carry it again once its date comes');
  });

  it('names one written with an offset whose week a change of timezone moved, though its date did not (PreviousEntry.zone)', () => {
    // Sunday 6 December 21:00 in London (2026-W49, mailed then) is Monday 06:00 in Seoul (2026-W50).
    const offset = entry('entries/2026/offset.md', '2026-12-06T21:00:00+00:00');
    expect(run([offset], [previous(offset.key, '2026-12-06T21:00:00+00:00', { zone: 'Europe/London' })])).toEqual([twice(offset.key, '2026-12-07T06:00:00+09:00')]);
    // Read in Seoul both times, it never was in 2026-W49.
    expect(run([offset], [previous(offset.key, '2026-12-06T21:00:00+00:00')])).toEqual([]);
  });

  it('none for one whose week did not change: still in the mailed week, or edited again in the week it was moved to (warned then)', () => {
    const stayed = entry('entries/2026/stayed.md', '2026-12-05T09:00:00+09:00');
    expect(run([stayed], [previous(stayed.key, '2026-12-04T09:00:00+09:00')])).toEqual([]);
    const again = entry('entries/2026/again.md', '2026-12-07T09:00:00+09:00');
    expect(run([again], [previous(again.key, '2026-12-07T08:00:00+09:00', { mailedIn: ['2026-W49'] })])).toEqual([]);
    // Invalid at the last publish, its file kept the week that mailed it (EntryBefore.mailedIn) and no date: named.
    expect(run([again], [], { mailedIn: new Map([[again.key, ['2026-W49']]]) })).toEqual([twice(again.key, '2026-12-07T09:00:00+09:00')]);
  });

  it('none for one no mailed week had, one now a draft, one moved to an earlier week, or on a first publish', () => {
    const fresh = entry('entries/2026/fresh.md', '2026-12-07T08:00:00+09:00');
    expect(run([fresh], [])).toEqual([]);
    expect(run([fresh], [previous(fresh.key, '2026-12-04T09:00:00+09:00', { draft: true })])).toEqual([]);
    const drafted = entry('entries/2026/drafted.md', '2026-12-07T08:00:00+09:00', true);
    expect(run([drafted], [previous(drafted.key, '2026-12-04T09:00:00+09:00')])).toEqual([]);
    const earlier = entry('entries/2026/earlier.md', '2026-11-27T08:00:00+09:00');
    expect(run([earlier], [previous(earlier.key, '2026-12-04T09:00:00+09:00')])).toEqual([]);
    const redated = entry('entries/2026/redated.md', '2026-12-07T08:00:00+09:00');
    expect(run([redated], [previous(redated.key, '2026-12-04T09:00:00+09:00')], { indexed: false })).toEqual([]);
  });
});
