import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestWeekAt, inWeek, isoWeekAt, nextIsoWeek, parseIsoWeek, weekEndedBefore } from '../../../lib/time/isoWeek.js';
import { isoWeeksInYear } from '../../../lib/time/weekName.js';

const hours = (name: string, zone: string) => {
  const week = parseIsoWeek(name, zone)!;
  return week.end.diff(week.start, 'hours').hours;
};

describe('ISO week windows', () => {
  it('runs Monday 00:00 to the next Monday 00:00 in the zone (Seoul, no DST)', () => {
    const week = parseIsoWeek('2014-W19', 'Asia/Seoul')!;
    // 2014-05-05 is a Monday; Seoul is UTC+9, so the week starts at 2014-05-04T15:00Z.
    expect(week.start.toUTC().toISO()).toBe('2014-05-04T15:00:00.000Z');
    expect(week.end.toUTC().toISO()).toBe('2014-05-11T15:00:00.000Z');
    expect(hours('2014-W19', 'Asia/Seoul')).toBe(168);
  });

  it('is 167 hours long in New York when the clocks go forward (2024-03-10)', () => {
    // 2024-W10 is Monday 4 March to Monday 11 March; DST starts Sunday 10 March at 02:00.
    const week = parseIsoWeek('2024-W10', 'America/New_York')!;
    expect(week.start.toISO()).toBe('2024-03-04T00:00:00.000-05:00');
    expect(week.end.toISO()).toBe('2024-03-11T00:00:00.000-04:00');
    expect(hours('2024-W10', 'America/New_York')).toBe(167);
  });

  it('is 169 hours long in New York when the clocks go back (2024-11-03)', () => {
    // 2024-W44 is Monday 28 October to Monday 4 November; DST ends Sunday 3 November at 02:00.
    const week = parseIsoWeek('2024-W44', 'America/New_York')!;
    expect(week.start.toISO()).toBe('2024-10-28T00:00:00.000-04:00');
    expect(week.end.toISO()).toBe('2024-11-04T00:00:00.000-05:00');
    expect(hours('2024-W44', 'America/New_York')).toBe(169);
    expect(hours('2024-W45', 'America/New_York')).toBe(168);
  });

  it('knows 2020 has a week 53 and 2021 does not', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    const w53 = parseIsoWeek('2020-W53', 'UTC')!;
    // 2020-12-28 (Monday) to 2021-01-04: the week belongs to week-year 2020.
    expect(w53.start.toISODate()).toBe('2020-12-28');
    expect(w53.end.toISODate()).toBe('2021-01-04');
    expect(parseIsoWeek('2021-W53', 'UTC')).toBeUndefined();
    expect(parseIsoWeek('2021-W00', 'UTC')).toBeUndefined();
    expect(parseIsoWeek('2021-W5', 'UTC')).toBeUndefined();
  });

  it('starts 2026-W01 on Monday 2025-12-29, in the calendar year before', () => {
    const week = parseIsoWeek('2026-W01', 'Asia/Seoul')!;
    expect(week.start.toISO()).toBe('2025-12-29T00:00:00.000+09:00');
    // A moment on 2025-12-31 belongs to 2026-W01 by ISO week-year rules.
    expect(isoWeekAt(DateTime.fromISO('2025-12-31T23:00:00', { zone: 'Asia/Seoul' }).toMillis(), 'Asia/Seoul').name).toBe('2026-W01');
    // and 2021-01-03 (a Sunday) still belongs to 2020-W53.
    expect(isoWeekAt(DateTime.fromISO('2021-01-03T12:00:00', { zone: 'UTC' }).toMillis(), 'UTC').name).toBe('2020-W53');
  });

  it('names the week just ended in the site zone, not in UTC', () => {
    // Monday 2014-05-12 08:00 in Seoul is still Sunday 23:00 UTC: the week just ended is W19 in Seoul.
    const now = DateTime.fromISO('2014-05-12T08:00:00+09:00');
    expect(weekEndedBefore(now, 'Asia/Seoul').name).toBe('2014-W19');
    // In UTC that moment is in W19 itself, so the week just ended there is W18.
    expect(weekEndedBefore(now, 'UTC').name).toBe('2014-W18');
  });
});

describe('digestWeekAt', () => {
  it('refuses a week not ended naming its end, the fix and the last week that has ended', () => {
    // Thursday 15 May 2014 10:00 in Seoul is in 2014-W20 (12–18 May), which ends Monday 19 May 00:00; W19 ended last.
    const now = DateTime.fromISO('2014-05-15T01:00:00Z');
    expect(() => digestWeekAt(now, 'Asia/Seoul', '2014-W20', '--week')).toThrow(
      '--week: 2014-W20 has not ended at 2014-05-15T10:00:00+09:00 (Asia/Seoul): it ends at 2014-05-19T00:00:00+09:00, and a digest covers a whole week; run it from then on, or name a week that has ended (the last one is 2014-W19)',
    );
    expect(digestWeekAt(now, 'Asia/Seoul', '2014-W19', '--week').name).toBe('2014-W19');
  });
});

describe('ISO weeks follow each other without overlap', () => {
  it('ends the week of a skipped Monday midnight at the next Monday 00:00 (Casablanca, 2009-W23)', () => {
    // Morocco went from 00:00 +00 to 01:00 +01 on Monday 1 June 2009 and stayed at +01 until August: 2009-W23 runs
    // from Monday 1 June 01:00 +01 (00:00Z) to Monday 8 June 00:00 +01 (7 June 23:00Z), 167 hours.
    const zone = 'Africa/Casablanca';
    const w23 = parseIsoWeek('2009-W23', zone)!;
    expect(w23.start.toUTC().toISO()).toBe('2009-06-01T00:00:00.000Z');
    expect(w23.end.toUTC().toISO()).toBe('2009-06-07T23:00:00.000Z');
    // Monday 8 June 00:30 +01 is in 2009-W24 alone.
    const mondayHalfPast = Date.parse('2009-06-07T23:30:00Z');
    expect(isoWeekAt(mondayHalfPast, zone).name).toBe('2009-W24');
    expect(inWeek(w23, mondayHalfPast)).toBe(false);
    expect(nextIsoWeek(w23).start.toMillis()).toBe(w23.end.toMillis());
  });

  it('gives every instant one week, whose end is the next week’s start, across midnights skipped and repeated', () => {
    // Casablanca 2009-06-01 (skipped), Juba 2021-02-01 (+03 → +02 at Monday 00:00: Sunday 23:00 comes twice),
    // Casablanca 2008-09-01 (the same), Tehran 2021-03-22 (skipped), Apia 2011-12-30 (a skipped day).
    const outside: string[] = [];
    const gaps = new Set<string>();
    for (const [zone, from] of [
      ['Africa/Casablanca', '2009-05-25T00:00:00Z'],
      ['Africa/Juba', '2021-01-25T00:00:00Z'],
      ['Africa/Casablanca', '2008-08-25T00:00:00Z'],
      ['Asia/Tehran', '2021-03-15T00:00:00Z'],
      ['Pacific/Apia', '2011-12-19T00:00:00Z'],
    ] as const) {
      // The week after each week found is read once: isoWeekAt of the same instant gives the same week.
      const nextStarts = new Map<number, number>();
      for (let millis = Date.parse(from); millis < Date.parse(from) + 21 * 86_400_000; millis += 15 * 60_000) {
        const week = isoWeekAt(millis, zone);
        if (!inWeek(week, millis)) outside.push(`${zone} ${new Date(millis).toISOString()}: not in ${week.name} (${week.start.toISO()} to ${week.end.toISO()})`);
        const end = week.end.toMillis();
        if (!nextStarts.has(end)) nextStarts.set(end, isoWeekAt(end, zone).start.toMillis());
        if (nextStarts.get(end) !== end) gaps.add(`${zone} ${week.name}: ends ${new Date(end).toISOString()}, the next week starts ${new Date(nextStarts.get(end)!).toISOString()}`);
      }
    }
    // Thousands of instants, asserted once each way (an expect() per instant cost more than isoWeekAt); the first are named.
    expect(outside.slice(0, 10), `${outside.length} instants outside the week isoWeekAt gives them`).toEqual([]);
    expect([...gaps], 'weeks whose end is not the next week\'s start').toEqual([]);
  });
});
