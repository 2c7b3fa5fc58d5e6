import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { earlierNowProblem, refuseEarlierNow } from '../../../lib/publish/refuseEarlierNow.js';
import { EarlierNowError } from '../../../lib/shared/errors.js';

describe('refuseEarlierNow: a publish as of a moment before one the last publish output needs', () => {
  // The last publish's output holds from 2027-01-11T00:00+13:00 (Monday in Auckland) on.
  const window = { from: Date.parse('2027-01-10T11:00:00Z'), until: null };

  it('is refused, naming both moments in the zone of --now, and the flag that allows it', () => {
    const now = DateTime.fromISO('2027-01-04T08:00:00+13:00', { setZone: true });
    expect(() => refuseEarlierNow(window, now, false)).toThrow(EarlierNowError);
    expect(() => refuseEarlierNow(window, now, false)).toThrow(
      '--now 2027-01-04T08:00:00+13:00 is before 2027-01-11T00:00:00+13:00, when an entry, a correction or a digest week the last publish put on the site came due: this run would take it down again; nothing was written: run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back',
    );
  });

  it('allowed, gives the moment the output needed', () => {
    const now = DateTime.fromISO('2027-01-04T08:00:00+13:00', { setZone: true });
    expect(refuseEarlierNow(window, now, true)?.toMillis()).toBe(window.from);
  });

  it('passes that moment itself, any later one, a window open at its start, and a first publish', () => {
    expect(refuseEarlierNow(window, DateTime.fromMillis(window.from), false)).toBeUndefined();
    expect(refuseEarlierNow(window, DateTime.fromMillis(window.from + 1), false)).toBeUndefined();
    expect(refuseEarlierNow({ from: null, until: null }, DateTime.fromMillis(0), false)).toBeUndefined();
    expect(refuseEarlierNow(undefined, DateTime.fromMillis(0), false)).toBeUndefined();
  });

  it('is check --out\'s problem in the refusal\'s words, naming the output, and none where a publish goes ahead', () => {
    const now = DateTime.fromISO('2027-01-04T08:00:00+13:00', { setZone: true });
    expect(earlierNowProblem(window, now, 's3://site/')).toEqual({
      file: 's3://site/',
      field: '--now',
      message: '2027-01-04T08:00:00+13:00 is before 2027-01-11T00:00:00+13:00, when an entry, a correction or a digest week the last publish put on the site came due: a publish as of it would take it down again',
      fix: 'run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back',
    });
    expect(earlierNowProblem(window, DateTime.fromMillis(window.from), 's3://site/')).toBeUndefined();
    expect(earlierNowProblem(undefined, now, 's3://site/')).toBeUndefined();
  });
});
