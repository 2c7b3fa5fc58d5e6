import { describe, expect, it } from 'vitest';
import { INSTANTS, localDates } from '../../../lib/time/localDates.js';
import { luxonLocalDate } from '../../support/luxonReference.js';

// A publish dates every entry, and at 100,000 entries tens of thousands of them have a time of day: the instants of
// one local day share one LocalDate, and each zone, language and options keeps at most INSTANTS instants and days.
const DAY = 86_400_000;

describe('localDates: what its caches hold', () => {
  it('gives the instants of one local day one LocalDate, and the next day another', () => {
    const dateOf = localDates('Asia/Seoul', 'en', { year: 'numeric', month: 'short', day: 'numeric', weekday: 'long' });
    // 2014-05-09 in Seoul (+09:00) runs from 2014-05-08T15:00Z to 2014-05-09T14:59:59.999Z.
    const [midnight, noon, last, next] = ['2014-05-08T15:00:00Z', '2014-05-09T03:30:00Z', '2014-05-09T14:59:59.999Z', '2014-05-09T15:00:00Z'].map(Date.parse) as [number, number, number, number];
    expect(dateOf(noon)).toEqual({ iso: '2014-05-09', text: 'Friday, May 9, 2014' });
    expect(dateOf(midnight)).toBe(dateOf(noon));
    expect(dateOf(last)).toBe(dateOf(noon));
    expect(dateOf(next)).toEqual({ iso: '2014-05-10', text: 'Saturday, May 10, 2014' });
  });

  it('shares nothing between instants whose text is the same but whose day is not', () => {
    // A month alone: every day of May 2014 writes "May", each with its own ISO date.
    const options = { month: 'long' } as const;
    const dateOf = localDates('UTC', 'en', options);
    const days = [Date.UTC(2014, 4, 1), Date.UTC(2014, 4, 2, 12), Date.UTC(2014, 4, 31, 23, 59)];
    for (const millis of days) expect(dateOf(millis)).toEqual(luxonLocalDate(millis, 'UTC', 'en', options));
    expect(days.map((millis) => dateOf(millis).iso)).toEqual(['2014-05-01', '2014-05-02', '2014-05-31']);
  });

  it('writes each instant its own text when the options hold a time of day', () => {
    const options = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const;
    const dateOf = localDates('America/New_York', 'en', options);
    const [morning, evening] = [Date.UTC(2024, 2, 12, 13), Date.UTC(2024, 2, 12, 22, 15)];
    expect(dateOf(morning)).toEqual(luxonLocalDate(morning, 'America/New_York', 'en', options));
    expect(dateOf(evening)).toEqual(luxonLocalDate(evening, 'America/New_York', 'en', options));
    expect(dateOf(morning).text).not.toBe(dateOf(evening).text);
  });

  it(`keeps at most ${INSTANTS} instants and days: past them, a day asked again is formatted again`, () => {
    // Options of this test alone, so its caches start empty.
    const dateOf = localDates('UTC', 'en', { year: 'numeric', month: '2-digit', day: '2-digit' });
    const first = Date.UTC(1900, 0, 1);
    const kept = dateOf(first);
    expect(dateOf(first + 3_600_000)).toBe(kept);
    // As many other days as the caches hold: each instant and each day a new key, so both are cleared.
    for (let i = 1; i <= INSTANTS; i++) dateOf(first + i * DAY);
    const again = dateOf(first);
    expect(again).not.toBe(kept);
    expect(again).toEqual({ iso: '1900-01-01', text: '01/01/1900' });
  });
});
