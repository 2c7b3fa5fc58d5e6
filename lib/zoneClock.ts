/**
 * Wall-clock time in an IANA zone, read from the same ICU data luxon reads (Intl), without building DateTime
 * objects: parsing 10,000 entry dates and grouping them into weeks spent most of its time in luxon's offset
 * code. One formatter per zone; `format` and a regular expression cost a third of `formatToParts`.
 * tests/unit/core/zoneClock.test.ts compares every function here with luxon across zones with unusual
 * transitions (midnight gaps and overlaps, a skipped day, 30- and 45-minute offsets, local mean time).
 */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // en-US with h23 and the era: "12/31/1879 AD, 19:03:58". The shape is checked on every use, so another
    // ICU's pattern falls back to formatToParts instead of misreading.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const FORMATTED = /^(\d{2})\/(\d{2})\/(\d+) (AD|BC), (\d{2}):(\d{2}):(\d{2})$/;

/** The wall clock in `zone` at `millis` (whole seconds; the milliseconds are carried over). */
export function wallClockAt(zone: string, millis: number): WallClock {
  const formatter = formatterFor(zone);
  const match = FORMATTED.exec(formatter.format(millis));
  let year: number, month: number, day: number, hour: number, minute: number, second: number, era: string;
  if (match) {
    [month, day, year, hour, minute, second] = [match[1], match[2], match[3], match[5], match[6], match[7]].map(Number) as [number, number, number, number, number, number];
    era = match[4]!;
  } else {
    const parts: Record<string, string> = {};
    for (const part of formatter.formatToParts(millis)) parts[part.type] = part.value;
    [month, day, year, hour, minute, second] = [parts.month, parts.day, parts.year, parts.hour, parts.minute, parts.second].map(Number) as [number, number, number, number, number, number];
    era = parts.era ?? 'AD';
  }
  if (era === 'BC') year = 1 - year;
  // Some ICU versions write midnight as 24 under h23.
  if (hour === 24) hour = 0;
  return { year, month, day, hour, minute, second, millisecond: ((millis % 1000) + 1000) % 1000 };
}

/** Milliseconds since the epoch of a wall clock read as if it were UTC; years 0–99 are not shifted to 19xx. */
export function wallClockAsUtc(wall: WallClock): number {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond));
  if (wall.year < 100 && wall.year >= 0) date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  return date.getTime();
}

/** The zone's offset from UTC at `millis`, in minutes (fractional for local mean time), as luxon's IANAZone.offset. */
export function zoneOffsetMinutes(zone: string, millis: number): number {
  const wall = wallClockAt(zone, millis);
  const wholeSecond = millis - wall.millisecond;
  return (wallClockAsUtc({ ...wall, millisecond: 0 }) - wholeSecond) / MINUTE;
}

/**
 * The instant at which the clocks in `zone` show `wall`. A time skipped by a forward transition is read with
 * the offset before it (so it lands after the gap, as luxon does); a time that occurs twice is the earlier
 * one. luxon would pick by the offset in force at the real current time, which a publish must not depend on.
 */
export function instantAtWallClock(zone: string, wall: WallClock): number {
  const local = wallClockAsUtc(wall);
  // The offset a day before: the one in force before any transition near this time (luxon's fixOffset, from it).
  const guess = zoneOffsetMinutes(zone, local - DAY);
  let instant = local - guess * MINUTE;
  const second = zoneOffsetMinutes(zone, instant);
  if (second === guess) return instant;
  instant -= (second - guess) * MINUTE;
  const third = zoneOffsetMinutes(zone, instant);
  if (third === second) return instant;
  return local - Math.min(second, third) * MINUTE;
}

/** 00:00 of a calendar day in `zone` (or the first moment of that day, where midnight is skipped). */
export function startOfLocalDay(zone: string, year: number, month: number, day: number): number {
  return instantAtWallClock(zone, { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** The ISO 8601 date (YYYY-MM-DD) of `millis` on the clocks of `zone`. */
export function localIsoDate(zone: string, millis: number): string {
  const { year, month, day } = wallClockAt(zone, millis);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
