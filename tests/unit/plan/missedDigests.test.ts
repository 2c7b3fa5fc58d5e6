import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { missedDigests } from '../../../lib/plan/missedDigests.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import type { PreviousEntry } from '../../../lib/content/entryIndex.js';

// Monday 2026-12-07 10:00 in Seoul: week 2026-W50; the digest of 2026-W49 (November 30 – December 6) was sent.
const now = DateTime.fromISO('2026-12-07T01:00:00Z');
const ZONE = 'Asia/Seoul';
const entry = (key: string, date: string, draft = false, id = key): EntryMeta => ({ key, id, url: 'https://example.com/', title: 'T', source: { name: 'S' }, date: Date.parse(date), tags: [], related: [], draft });
const previous = (key: string, date: string, draft = false, id = key): PreviousEntry => ({ key, id, url: 'https://example.com/', date: Date.parse(date), draft });
const missed = (file: string, date: string) => ({
  file,
  field: 'date',
  message: `is dated ${date}, in week 2026-W49, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it)`,
  fix: 'if it is news to subscribers, date it in the current week (2026-W50) so that the next digest carries it; otherwise leave it',
});

describe('missedDigests: entries added since the last publish into a week whose digest was mailed', () => {
  const entries = [
    entry('entries/2026/new.md', '2026-12-03T15:00:00+09:00'),
    entry('entries/2026/redated.md', '2026-12-04T09:00:00+09:00'),
    entry('entries/2026/undrafted.md', '2026-12-05T09:00:00+09:00'),
    entry('entries/2026/edited.md', '2026-12-02T09:00:00+09:00'),
    entry('entries/2026/unchanged.md', '2026-12-01T09:00:00+09:00'),
    entry('entries/2026/moved.md', '2026-12-01T12:00:00+09:00', false, 'kept-id'),
    entry('entries/2026/w48.md', '2026-11-25T09:00:00+09:00'),
    // Sunday 23:00 in UTC (2026-W49) is Monday 08:00 in Seoul: the site's week 2026-W50.
    entry('entries/2026/monday.md', '2026-12-07T08:00:00+09:00'),
    entry('entries/2026/draft.md', '2026-12-03T09:00:00+09:00', true),
  ];
  const before = {
    entries: [
      previous('entries/2026/redated.md', '2026-12-08T09:00:00+09:00'),
      previous('entries/2026/undrafted.md', '2026-12-05T09:00:00+09:00', true),
      previous('entries/2026/edited.md', '2026-12-01T09:00:00+09:00'),
      previous('entries/2026/old-path.md', '2026-12-01T12:00:00+09:00', false, 'kept-id'),
    ],
    reread: new Set(entries.map((one) => one.key).filter((key) => key !== 'entries/2026/unchanged.md')),
  };
  const inputs = { entries, before, indexed: true, mailedWeeks: ['2026-W49'], now, zone: ZONE };

  it('names each new, re-dated or undrafted one dated in a mailed week of the site zone, with the current week to date it in', () => {
    expect(missedDigests(inputs)).toEqual([
      missed('entries/2026/new.md', '2026-12-03T15:00:00+09:00'),
      missed('entries/2026/redated.md', '2026-12-04T09:00:00+09:00'),
      missed('entries/2026/undrafted.md', '2026-12-05T09:00:00+09:00'),
    ]);
  });

  it('names the first week not mailed to date it in when the current week was mailed already (a digest run as of a later --now)', () => {
    // 2026-W50 (the current week, 7–13 December) and W51 were mailed ahead of this clock: W52 begins Monday 21 December.
    const ahead = entry('entries/2026/ahead.md', '2026-12-07T09:00:00+09:00');
    expect(missedDigests({ ...inputs, entries: [ahead], before: { entries: [], reread: new Set([ahead.key]) }, mailedWeeks: ['2026-W49', '2026-W50', '2026-W51'] })).toEqual([
      {
        file: 'entries/2026/ahead.md',
        field: 'date',
        message: "is dated 2026-12-07T09:00:00+09:00, in week 2026-W50, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it)",
        fix: 'if it is news to subscribers, date it in 2026-W52, from 2026-12-21T00:00:00+09:00, the first week whose digest was not sent yet (the current week, 2026-W50, was sent already, by a digest run as of a later moment), so that its digest carries it; it is held back until that date; otherwise leave it',
      },
    ]);
  });

  it('none on a first publish to the output, or with no week mailed', () => {
    expect(missedDigests({ ...inputs, indexed: false })).toEqual([]);
    expect(missedDigests({ ...inputs, mailedWeeks: [] })).toEqual([]);
  });

  it('none for one moved back into a mailed week whose email carried it before an edit moved it out (PreviousEntry.mailedIn)', () => {
    const back = entry('entries/2026/back.md', '2026-12-02T09:00:00+09:00');
    // At the last publish it was dated in 2026-W50, and in 2026-W49 when that week was mailed.
    const out = { ...previous('entries/2026/back.md', '2026-12-08T09:00:00+09:00'), mailedIn: ['2026-W49'] };
    expect(missedDigests({ ...inputs, entries: [back], before: { entries: [out], reread: new Set([back.key]) } })).toEqual([]);
    const { mailedIn: _mailedIn, ...never } = out;
    expect(missedDigests({ ...inputs, entries: [back], before: { entries: [never], reread: new Set([back.key]) } })).toEqual([missed('entries/2026/back.md', '2026-12-02T09:00:00+09:00')]);
  });

  it('none for one whose email carried it before its file was invalid (EntryBefore.mailedIn, by file)', () => {
    const back = entry('entries/2026/back.md', '2026-12-02T09:00:00+09:00');
    expect(missedDigests({ ...inputs, entries: [back], before: { entries: [], reread: new Set([back.key]), mailedIn: new Map([[back.key, ['2026-W49']]]) } })).toEqual([]);
    expect(missedDigests({ ...inputs, entries: [back], before: { entries: [], reread: new Set([back.key]), mailedIn: new Map([[back.key, ['2026-W48']]]) } })).toEqual([missed('entries/2026/back.md', '2026-12-02T09:00:00+09:00')]);
  });

  it('none for one moved from one mailed week into another: the first email carried it, and no email loses it', () => {
    const mailedWeeks = ['2026-W48', '2026-W49'];
    const earlier = entry('entries/2026/earlier.md', '2026-11-25T09:00:00+09:00');
    const later = entry('entries/2026/later.md', '2026-12-02T09:00:00+09:00', false, 'kept-later');
    const old = [previous(earlier.key, '2026-12-02T09:00:00+09:00'), previous('entries/2026/old-later.md', '2026-11-25T09:00:00+09:00', false, 'kept-later')];
    expect(missedDigests({ ...inputs, entries: [earlier, later], before: { entries: old, reread: new Set([earlier.key, later.key]) }, mailedWeeks })).toEqual([]);
    // Moved out of 2026-W48 at an earlier publish (PreviousEntry.mailedIn), then from 2026-W50 into 2026-W49.
    const out = { ...previous(later.key, '2026-12-08T09:00:00+09:00', false, 'kept-later'), mailedIn: ['2026-W48'] };
    expect(missedDigests({ ...inputs, entries: [later], before: { entries: [out], reread: new Set([later.key]) }, mailedWeeks })).toEqual([]);
    // From a week not mailed, it is named.
    const { mailedIn: _mailedIn, ...never } = out;
    expect(missedDigests({ ...inputs, entries: [later], before: { entries: [never], reread: new Set([later.key]) }, mailedWeeks })).toEqual([missed(later.key, '2026-12-02T09:00:00+09:00')]);
  });

  it('after a change of timezone, places each date the last publish read in the zone it read it in (PreviousEntry.zone)', () => {
    // Written without an offset and read in London then, Sunday 6 December 20:00 was in 2026-W49 and its email carried
    // it; read in Seoul now, it is still Sunday of 2026-W49, though its instant moved 9 hours.
    const stayed = entry('entries/2026/stayed.md', '2026-12-06T20:00:00+09:00');
    const wasLondon = { ...previous(stayed.key, '2026-12-06T20:00:00Z'), zone: 'Europe/London' };
    expect(missedDigests({ ...inputs, entries: [stayed], before: { entries: [wasLondon], reread: new Set([stayed.key]) } })).toEqual([]);
    // Written with an offset, Monday 7 December 01:00 in Auckland (2026-W50, not mailed) is Sunday 21:00 in Seoul, in
    // 2026-W49, mailed without it: its instant did not move, its week did.
    const moved = entry('entries/2026/moved-in.md', '2026-12-07T01:00:00+13:00');
    const wasAuckland = { ...previous(moved.key, '2026-12-07T01:00:00+13:00'), zone: 'Pacific/Auckland' };
    expect(missedDigests({ ...inputs, entries: [moved], before: { entries: [wasAuckland], reread: new Set([moved.key]) } })).toEqual([missed('entries/2026/moved-in.md', '2026-12-06T21:00:00+09:00')]);
  });
});
