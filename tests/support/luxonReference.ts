import { DateTime, Settings, type Zone } from 'luxon';

// luxon resolves a wall-clock time that occurs twice by the offset in force at the real current time, so a
// reference computed with it depends on the season the tests run in. Computing it with luxon's clock set a day
// before and a day after the time gives both readings (the offsets before and after any transition near it);
// where they differ the time is ambiguous, and Broadsheet takes the earlier.
function readings(iso: string, zone: string | Zone): DateTime[] {
  const asUtc = DateTime.fromISO(iso, { zone: 'utc' }).toMillis();
  return [asUtc - 86_400_000, asUtc + 86_400_000].map((now) => withNow(now, () => DateTime.fromISO(iso, { zone })));
}

function withNow<T>(now: number, work: () => T): T {
  const saved = Settings.now;
  Settings.now = () => now;
  try {
    return work();
  } finally {
    Settings.now = saved;
  }
}

/** luxon's instant for an ISO text without offset in `zone`, the earlier one when the text names two; undefined if invalid. */
export function luxonLocalInstant(iso: string, zone: string | Zone): number | undefined {
  const both = readings(iso, zone);
  if (!both[0]!.isValid) return undefined;
  return Math.min(...both.map((reading) => reading.toMillis()));
}

/** Whether luxon's two readings differ: the wall-clock time occurs twice in `zone`. */
export function isAmbiguousInLuxon(iso: string, zone: string): boolean {
  const [before, after] = readings(iso, zone).map((reading) => reading.toMillis());
  return before !== after;
}

// The references below are luxon's own calls. lib/time computes the same answers from the zone's clock, and
// must keep giving exactly these: the published dates, weeks and instants depend on them.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 §5.6 date-time, with the offset optional (then the zone applies) and a space allowed for T.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$/;

export type LuxonDateParse = { ok: true; value: DateTime } | { ok: false; message: string; fix: string };

/**
 * An entry date read by luxon: `YYYY-MM-DD` is 00:00 in `zone`; an RFC 3339 date-time keeps its offset, and one
 * without an offset is in `zone` (a time that occurs twice is read as luxon reads it: see luxonLocalInstant).
 */
export function luxonEntryDate(raw: unknown, zone: string): LuxonDateParse {
  const fix = 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00';
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, message: 'must be a date', fix };
  const text = String(raw).trim();
  // The published range and the offset limit, stated here apart from lib/time (luxon takes years 0000 and +24:60).
  const outOfRange = (year: number, month: number, day: number) => {
    const ymd = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return ymd < '1000-01-03' || ymd > '9999-12-29';
  };
  const rangeProblem = { ok: false as const, message: `${text} is outside the dates that can be published`, fix: 'check the year: dates from 1000-01-03 to 9999-12-29 can be published' };
  if (DATE_ONLY.test(text)) {
    const value = DateTime.fromISO(text, { zone });
    if (!value.isValid) return { ok: false, message: `${text} is not a real date`, fix: monthDaysFix(text) ?? 'check the month (01-12) and the day of the month' };
    return outOfRange(value.year, value.month, value.day) ? rangeProblem : { ok: true, value };
  }
  if (DATE_TIME.test(text)) {
    const iso = text.replace(' ', 'T');
    const value = DateTime.fromISO(iso, { zone, setZone: true });
    if (!value.isValid) {
      // Second 60 is the only reason when the same text with second 59 is valid.
      const at59 = /^(.{16}):60/.exec(iso);
      if (at59 && DateTime.fromISO(iso.replace(/^(.{16}):60/, '$1:59'), { zone, setZone: true }).isValid) {
        return { ok: false, message: `${text}: the seconds must be from 00 to 59`, fix: 'write the seconds from 00 to 59 (for a leap second, write :59)' };
      }
      const clock = /[Tt ](\d{2}):(\d{2})/.exec(text)!;
      const fix = Number(clock[1]) > 23 || Number(clock[2]) > 59 ? undefined : monthDaysFix(text);
      return { ok: false, message: `${text} is not a real date and time`, fix: fix ?? 'check the month, day, hour (00-23) and minute (00-59)' };
    }
    const offset = /[+-](\d{2}):(\d{2})$/.exec(text);
    if (offset && (Number(offset[1]) > 23 || Number(offset[2]) > 59)) {
      return { ok: false, message: `${text} has a UTC offset beyond ±23:59`, fix: 'write the offset from UTC as +HH:MM or -HH:MM, from -23:59 to +23:59, e.g. +09:00' };
    }
    const wall = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)!;
    return outOfRange(Number(wall[1]), Number(wall[2]), Number(wall[3])) ? rangeProblem : { ok: true, value };
  }
  return { ok: false, message: `${JSON.stringify(text)} is not a date`, fix };
}

/** For a day past the end of a real month, luxon's count of its days: `June 2014 has 30 days`. */
function monthDaysFix(text: string): string | undefined {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return undefined;
  const first = DateTime.utc(year, month, 1);
  return day > first.daysInMonth! ? `${first.setLocale('en').toFormat('LLLL')} ${year} has ${first.daysInMonth} days` : undefined;
}

/** The local date luxon gives an instant in `zone` and `language`: `toISODate()` and `toLocaleString(options)`. */
export function luxonLocalDate(millis: number, zone: string, language: string, options: Intl.DateTimeFormatOptions): { iso: string; text: string } {
  const date = DateTime.fromMillis(millis, { zone }).setLocale(language);
  return { iso: date.toISODate() ?? '', text: date.toLocaleString(options) };
}

/**
 * The ISO week holding `millis` in `zone` as the README defines it, by luxon: from a Monday 00:00 to the next, each
 * midnight read as luxon reads the text `YYYY-MM-DDT00:00:00` in the zone (a skipped one moves on past the gap; of
 * two, the earlier: luxonLocalInstant). luxon's startOf('week') names the Monday; where a clock set back across
 * midnight puts `millis` outside that Monday's week, the week next to it holds it.
 */
export function luxonIsoWeek(millis: number, zone: string): { name: string; start: string; end: string } {
  let monday = DateTime.fromMillis(millis, { zone }).startOf('week').setZone('utc', { keepLocalTime: true });
  const midnight = (day: DateTime) => luxonLocalInstant(`${day.toISODate()}T00:00:00`, zone)!;
  while (millis >= midnight(monday.plus({ weeks: 1 }))) monday = monday.plus({ weeks: 1 });
  while (millis < midnight(monday)) monday = monday.minus({ weeks: 1 });
  const [start, end] = [monday, monday.plus({ weeks: 1 })].map((day) => DateTime.fromMillis(midnight(day), { zone }).toISO()!);
  return { name: `${String(monday.weekYear).padStart(4, '0')}-W${String(monday.weekNumber).padStart(2, '0')}`, start: start!, end: end! };
}

/** The number of ISO weeks in a week-year, by luxon: 28 December is always in the last one. */
export function luxonWeeksInWeekYear(weekYear: number): number {
  return DateTime.fromObject({ year: weekYear, month: 12, day: 28 }, { zone: 'utc' }).weekNumber;
}
