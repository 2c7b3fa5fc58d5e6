import { DateTime, IANAZone, Info, type Zone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../../../lib/time/localDates.js';
import { instantAtWallClock, resolveLocalTime, startOfLocalDay, wallClockAt, wallClockAsUtc, zoneOffsetMinutes } from '../../../lib/time/zoneClock.js';
import { isAmbiguousInLuxon, luxonLocalInstant } from '../../support/luxonReference.js';

// lib/time/zoneClock.ts places instants in zones without luxon; luxon (over the same ICU data) is the reference.
// Zones picked for their transitions: midnight gaps (Sao Paulo) and overlaps (Havana), a skipped day (Apia),
// half-hour DST (Lord Howe), 45-minute offsets (Kathmandu, Chatham), negative DST (Dublin), two-hour DST
// (Troll), Ramadan suspensions (Casablanca), offsets changed for good (Moscow), local mean time before 1900.
const ZONES = [
  'Asia/Seoul',
  'America/Sao_Paulo',
  'America/Havana',
  'America/Santiago',
  'Africa/Casablanca',
  'Pacific/Apia',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Europe/Dublin',
  'Antarctica/Troll',
  'Europe/Moscow',
  'America/St_Johns',
  'Asia/Kolkata',
  'America/New_York',
  'UTC',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(1880, 0, 1);
const UNTIL = Date.UTC(2038, 0, 1);

const isoDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

// Thousands of samples per zone are compared in the loop and asserted once: an expect() per sample cost more
// than the comparisons. The first mismatches are named.
function expectNone(mismatches: string[], zone: string): void {
  expect(mismatches.slice(0, 20), `${mismatches.length} disagreements with luxon in ${zone}`).toEqual([]);
}

/**
 * luxon's IANA zone, each offset it reads remembered: the cases below ask it again for the same instants (the scan
 * for transitions, each sample's reading, the two readings of a wall-clock time), and the reading is luxon's costly part.
 */
class RememberedZone extends IANAZone {
  readonly #offsets = new Map<number, number>();

  override offset(ts: number): number {
    let offset = this.#offsets.get(ts);
    if (offset === undefined) this.#offsets.set(ts, (offset = super.offset(ts)));
    return offset;
  }
}

const references = new Map<string, Zone>();

/** The zone luxon reads `zone` as (UTC is its fixed-offset zone), one for every case of the file. */
function referenceOf(zone: string): Zone {
  let reference = references.get(zone);
  if (!reference) {
    const luxons = Info.normalizeZone(zone);
    references.set(zone, (reference = luxons instanceof IANAZone ? new RememberedZone(zone) : luxons));
  }
  return reference;
}

const transitions = new Map<string, number[]>();

/**
 * Instants (UTC) just after each change of the zone's offset in [FROM, UNTIL), to the hour: where the cases below
 * look. Found by the name ICU gives the offset (`GMT-04:56:02`, `GMT+09:00`), the data luxon's offset is read from,
 * which is cheaper to ask than luxon: the scan asks every week since 1880, and only where the offset changes matters.
 */
function transitionsOf(zone: string): number[] {
  const known = transitions.get(zone);
  if (known) return known;
  const names = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  // The date is written too ("1/1/1880, GMT-04:56:02"): the name is the last word.
  const offset = (t: number) => {
    const text = names.format(t);
    return text.slice(text.lastIndexOf(' ') + 1);
  };
  const found: number[] = [];
  let previous = offset(FROM);
  for (let t = FROM + 7 * DAY; t < UNTIL; t += 7 * DAY) {
    const now = offset(t);
    if (now === previous) continue;
    let [low, high] = [t - 7 * DAY, t];
    while (high - low > HOUR) {
      const middle = low + Math.floor((high - low) / 2 / HOUR) * HOUR;
      if (offset(middle) === previous) low = middle;
      else high = middle;
    }
    found.push(high);
    previous = now;
  }
  transitions.set(zone, found);
  return found;
}

describe('zoneOffsetMinutes and wallClockAt', () => {
  it.each(ZONES)('agree with luxon in %s from 1880 to 2037, around every transition and between them', (zone) => {
    const instants: number[] = [];
    // An odd stride, so the samples drift through every hour, minute and second of the day.
    for (let t = FROM; t < UNTIL; t += 37 * DAY + 7 * HOUR + 13 * 60_000 + 17_000) instants.push(t);
    for (const transition of transitionsOf(zone)) for (let t = transition - 2 * HOUR; t <= transition + 2 * HOUR; t += 30 * 60_000) instants.push(t);
    const mismatches: string[] = [];
    for (const t of instants) {
      const wall = wallClockAt(zone, t);
      // luxon's DateTime holds the zone's offset at t, as IANAZone.offset(t) gives it.
      const local = DateTime.fromMillis(t, { zone: referenceOf(zone) });
      const ours = [zoneOffsetMinutes(zone, t), wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond];
      const luxons = [local.offset, local.year, local.month, local.day, local.hour, local.minute, local.second, local.millisecond];
      if (ours.some((value, at) => value !== luxons[at])) mismatches.push(`${new Date(t).toISOString()}: ${ours.join(' ')}, luxon ${luxons.join(' ')}`);
    }
    expectNone(mismatches, zone);
  });

  it('keeps years before 100 and the milliseconds', () => {
    const t = Date.UTC(2014, 4, 8, 0, 0, 0, 250) ;
    expect(wallClockAt('UTC', t)).toEqual({ year: 2014, month: 5, day: 8, hour: 0, minute: 0, second: 0, millisecond: 250 });
    const early = new Date(Date.UTC(2000, 0, 1));
    early.setUTCFullYear(42, 2, 3);
    expect(wallClockAt('UTC', early.getTime())).toMatchObject({ year: 42, month: 3, day: 3 });
  });
});

describe('startOfLocalDay and instantAtWallClock', () => {
  it.each(ZONES)('agree with luxon in %s on the days around every transition and on every 31st day', (zone) => {
    const days = new Set<number>();
    for (let t = Date.UTC(1900, 0, 1); t < UNTIL; t += 31 * DAY) days.add(t);
    for (const transition of transitionsOf(zone)) {
      const day = Date.UTC(new Date(transition).getUTCFullYear(), new Date(transition).getUTCMonth(), new Date(transition).getUTCDate());
      for (let d = -2; d <= 2; d++) days.add(day + d * DAY);
    }
    const mismatches: string[] = [];
    for (const day of days) {
      const iso = isoDay(day);
      const [year, month, date] = iso.split('-').map(Number) as [number, number, number];
      const [ours, luxons] = [startOfLocalDay(zone, year, month, date), luxonLocalInstant(iso, referenceOf(zone))];
      if (ours !== luxons) mismatches.push(`${iso}: ${ours}, luxon ${luxons}`);
    }
    expectNone(mismatches, zone);
  });

  it.each(ZONES)('agree with luxon in %s on wall-clock times every 20 minutes across each transition', (zone) => {
    const mismatches: string[] = [];
    for (const transition of transitionsOf(zone).filter((t) => t >= Date.UTC(1900, 0, 1))) {
      for (let t = transition - 4 * HOUR; t <= transition + 4 * HOUR; t += 20 * 60_000) {
        // The wall time an hour-aligned neighbour shows, read back: it may fall in the gap or the overlap.
        const wall = wallClockAt(zone, t);
        const iso = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:00.000`;
        const [ours, luxons] = [instantAtWallClock(zone, { ...wall, second: 0, millisecond: 0 }), luxonLocalInstant(iso, referenceOf(zone))];
        if (ours !== luxons) mismatches.push(`${iso}: ${ours}, luxon ${luxons}`);
      }
    }
    expectNone(mismatches, zone);
  });

  // Worked out from the tz database's rules, not from either implementation.
  it('takes the earlier instant of a midnight that occurs twice (Havana, 2 November 2014: 01:00 CDT goes back to 00:00 CST)', () => {
    expect(isAmbiguousInLuxon('2014-11-02T00:00', 'America/Havana')).toBe(true);
    // 00:00 CDT (UTC−4), not 00:00 CST (UTC−5).
    expect(startOfLocalDay('America/Havana', 2014, 11, 2)).toBe(Date.UTC(2014, 10, 2, 4));
  });

  it('reads a skipped midnight with the offset before the gap (São Paulo, 4 November 2018: 00:00 BRT became 01:00 BRST)', () => {
    // 00:00 at UTC−3 is 03:00Z, which the clocks showed as 01:00 at UTC−2.
    expect(startOfLocalDay('America/Sao_Paulo', 2018, 11, 4)).toBe(Date.UTC(2018, 10, 4, 3));
  });

  it('gives a skipped day the first moment after it (Apia, 30 December 2011 did not happen)', () => {
    // 29 December 24:00 at UTC−10 is 30 December 10:00Z, when the clocks jumped to 31 December 00:00 at UTC+14.
    expect(startOfLocalDay('Pacific/Apia', 2011, 12, 30)).toBe(Date.UTC(2011, 11, 30, 10));
    expect(localIsoDate(Date.UTC(2011, 11, 30, 10), 'Pacific/Apia')).toBe('2011-12-31');
  });
});

describe('resolveLocalTime', () => {
  // Worked out from the tz database's rules, as above.
  const midnight = (year: number, month: number, day: number) => wallClockAsUtc({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });

  it('reads a time that occurs twice with the offset tried first (Havana, 2 November 2014, 00:00 at −04:00 and at −05:00)', () => {
    expect(resolveLocalTime('America/Havana', midnight(2014, 11, 2), -240)).toEqual([Date.UTC(2014, 10, 2, 4), -240]);
    expect(resolveLocalTime('America/Havana', midnight(2014, 11, 2), -300)).toEqual([Date.UTC(2014, 10, 2, 5), -300]);
  });

  it('reads a skipped time with the offset before the gap, whichever of the two is tried first (São Paulo, 4 November 2018)', () => {
    for (const guess of [-180, -120]) expect(resolveLocalTime('America/Sao_Paulo', midnight(2018, 11, 4), guess)).toEqual([Date.UTC(2018, 10, 4, 3), -120]);
  });

  it('needs no second try for a time that exists once', () => {
    expect(resolveLocalTime('Asia/Seoul', midnight(2014, 5, 8), 540)).toEqual([Date.UTC(2014, 4, 7, 15), 540]);
    expect(resolveLocalTime('Asia/Seoul', midnight(2014, 5, 8), 0)).toEqual([Date.UTC(2014, 4, 7, 15), 540]);
  });
});
