/**
 * Wall-clock time in an IANA zone, read from the ICU data luxon reads too (Intl), without building DateTime
 * objects: the entry dates of a publish and the weeks of the digest archive are placed in the site's zone here.
 * One formatter per zone; `format` read by position is cheaper than `formatToParts`.
 * Every function takes a zone Intl knows (lib/time/isValidZone.ts). tests/unit/time/zoneClock.test.ts compares
 * each with luxon across zones with unusual transitions (midnight gaps and overlaps, a skipped day, 30- and
 * 45-minute offsets, local mean time).
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
  const fields = readWallClock(formatterFor(zone), millis);
  return { year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4], second: fields[5], millisecond: ((millis % 1000) + 1000) % 1000 };
}

type Fields = [year: number, month: number, day: number, hour: number, minute: number, second: number];

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const twoDigits = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

function readWallClock(formatter: Intl.DateTimeFormat, millis: number): Fields {
  const text = formatter.format(millis);
  let fields: Fields;
  // "MM/DD/YYYY AD, HH:MM:SS", read by position: this runs for every entry date.
  if (text.length === 23 && text.charCodeAt(11) === 65 /* A */ && text.charCodeAt(14) === 32 && text.charCodeAt(17) === 58 && text.charCodeAt(20) === 58) {
    fields = [digit(text, 6) * 1000 + digit(text, 7) * 100 + twoDigits(text, 8), twoDigits(text, 0), twoDigits(text, 3), twoDigits(text, 15), twoDigits(text, 18), twoDigits(text, 21)];
  } else {
    const match = FORMATTED.exec(text);
    let era: string;
    if (match) {
      fields = [Number(match[3]), Number(match[1]), Number(match[2]), Number(match[5]), Number(match[6]), Number(match[7])];
      era = match[4]!;
    } else {
      const parts: Record<string, string> = {};
      for (const part of formatter.formatToParts(millis)) parts[part.type] = part.value;
      fields = [Number(parts.year), Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)];
      era = parts.era ?? 'AD';
    }
    if (era === 'BC') fields[0] = 1 - fields[0];
  }
  // Some ICU versions write midnight as 24 under h23.
  if (fields[3] === 24) fields[3] = 0;
  return fields;
}

/** Milliseconds since the epoch of a wall clock read as if it were UTC; years 0–99 are not shifted to 19xx. */
export function wallClockAsUtc(wall: WallClock): number {
  return utcMillis(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number): number {
  return daysFromCivil(year, month, day) * DAY + hour * 3_600_000 + minute * MINUTE + second * 1000 + millisecond;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for any year, as Date.UTC is not for 0–99. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The zone's offset from UTC at `millis`, in minutes (fractional for local mean time), as luxon's IANAZone.offset. */
export function zoneOffsetMinutes(zone: string, millis: number): number {
  const [year, month, day, hour, minute, second] = readWallClock(formatterFor(zone), millis);
  const wholeSecond = millis - (((millis % 1000) + 1000) % 1000);
  return (utcMillis(year, month, day, hour, minute, second, 0) - wholeSecond) / MINUTE;
}

/**
 * The instant at which the clocks in `zone` show `local` (a wall clock read as UTC, see wallClockAsUtc), and the
 * offset in force then, in minutes. A local time that exists once has one answer. For the others the offset
 * tried first, `guess`, decides: a time skipped by a forward transition is read with the offset before it (it
 * lands after the gap) when `guess` is that offset or the one after; a time that occurs twice is read with
 * `guess` when `guess` is one of its two offsets.
 */
export function resolveLocalTime(zone: string, local: number, guess: number): [instant: number, offset: number] {
  let instant = local - guess * MINUTE;
  const second = zoneOffsetMinutes(zone, instant);
  if (second === guess) return [instant, guess];
  instant -= (second - guess) * MINUTE;
  const third = zoneOffsetMinutes(zone, instant);
  if (third === second) return [instant, second];
  return [local - Math.min(second, third) * MINUTE, Math.max(second, third)];
}

/**
 * The instant at which the clocks in `zone` show `wall`. A time skipped by a forward transition is read with
 * the offset before it (so it lands after the gap); a time that occurs twice is the earlier one, whatever the
 * current date: the offset a day before is tried first, which is the one in force before any transition near
 * this time.
 */
export function instantAtWallClock(zone: string, wall: WallClock): number {
  const local = wallClockAsUtc(wall);
  return resolveLocalTime(zone, local, zoneOffsetMinutes(zone, local - DAY))[0];
}

/** 00:00 of a calendar day in `zone` (or the first moment of that day, where midnight is skipped). */
export function startOfLocalDay(zone: string, year: number, month: number, day: number): number {
  return instantAtWallClock(zone, { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}
