import { quote } from '../shared/quote.js';
import { BoundedCache } from '../shared/boundedCache.js';
import { isValidZone } from './isValidZone.js';
import { instantAtWallClock, startOfLocalDay, wallClockAsUtc, wallClockAt, zoneOffsetMinutes, type WallClock } from './zoneClock.js';

const DATE_FIX = 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00';
const DATE_RANGE_FIX = 'check the month (01-12) and the day of the month';
const DATE_TIME_RANGE_FIX = 'check the month, day, hour (00-23) and minute (00-59)';
const SECONDS_FIX = 'write the seconds from 00 to 59 (for a leap second, write :59)';
const OFFSET_FIX = 'write the offset from UTC as +HH:MM or -HH:MM, from -23:59 to +23:59, e.g. +09:00';
/**
 * The dates an entry may have. Every format the output uses writes a four-digit year (RFC 3339 §5.6, RFC 822 as
 * RSS 2.0 reads it, ISO week names). Two days' margin at both ends: the typed offset (or the site's zone) moves the
 * instant less than a day from the date, and any zone shows it less than a day from the instant, so it is shown
 * inside years 1000 to 9999 in every zone, whichever the site uses.
 */
export const FIRST_ENTRY_DATE = '1000-01-03';
export const LAST_ENTRY_DATE = '9999-12-29';
const DATE_LIMIT_FIX = `check the year: dates from ${FIRST_ENTRY_DATE} to ${LAST_ENTRY_DATE} can be published`;

export type InstantParse = { ok: true; value: number } | { ok: false; message: string; fix: string };

// `YYYY-MM-DD`, or an RFC 3339 §5.6 date-time with the offset optional (then the site's zone applies) and a
// space allowed for the T; the fields captured.
const DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?)?$/;

/**
 * An entry date as epoch milliseconds: `YYYY-MM-DD` is 00:00 in `zone`; an RFC 3339 date-time keeps its offset,
 * and one without an offset is in `zone` (where the clocks skip it, read with the offset before the change;
 * where they show it twice, the earlier: lib/time/zoneClock.ts). No luxon, so `check` and the parse of a
 * publish never load it. tests/unit/time/entryInstant.test.ts holds it to luxon's reading of the same text.
 */
export function parseEntryInstant(raw: unknown, zone: string): InstantParse {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, message: 'must be a date', fix: DATE_FIX };
  const text = String(raw).trim();
  // Most entries are dated YYYY-MM-DD and many share a day: one lookup, before any parsing.
  return text.length === 10 ? dayInstants.get(`${zone}\n${text}`, () => parseText(text, zone)) : parseText(text, zone);
}

// Bounded, since the dates come from user text. Results are shared and never changed.
const dayInstants = new BoundedCache<string, InstantParse>(50_000);

function parseText(text: string, zone: string): InstantParse {
  const read = readDateText(text);
  if (!read.ok) return read;
  const { wall, dateOnly, offsetMinutes } = read;
  if (dateOnly) return { ok: true, value: startOfLocalDay(zone, wall.year, wall.month, wall.day) };
  if (offsetMinutes === undefined) return { ok: true, value: instantAtWallClock(zone, wall) };
  return { ok: true, value: wallClockAsUtc(wall) - offsetMinutes * 60_000 };
}

export type DateCheck = { ok: true } | { ok: false; message: string; fix: string };

/** The end of the message for a real date outside the published range (cli/now.ts keeps its own years for --now). */
export const OUTSIDE_PUBLISHED_DATES = ' is outside the dates that can be published';

/**
 * Whether `raw` is an entry date parseEntryInstant accepts, with its messages, without computing the instant:
 * whether a date or date-time is valid never depends on the zone (a local time in a gap is moved, not refused),
 * and the zone's rules are most of the cost. For `check`, which keeps no instant.
 */
export function checkEntryDate(raw: unknown): DateCheck {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, message: 'must be a date', fix: DATE_FIX };
  const read = readDateText(String(raw).trim());
  return read.ok ? VALID : read;
}

const VALID: DateCheck = { ok: true };

/**
 * The warning for a local date-time (no offset) that `zone`'s clocks skip when they go forward, or none: such a
 * time names no instant, and parseEntryInstant reads it with the offset before the change, so it is published
 * as a later time (02:30 as 03:30). A date alone is its day's first moment, which is on that day unless the clocks
 * skip the whole day (Pacific/Apia, 2011-12-30): then it is published on the next. A time with its offset is
 * always the instant it says.
 */
export function skippedTimeWarning(raw: unknown, zone: string): { message: string; fix: string } | undefined {
  if (typeof raw !== 'string' || !isValidZone(zone)) return undefined;
  const text = raw.trim();
  const read = readDateText(text);
  if (!read.ok || read.offsetMinutes !== undefined) return undefined;
  if (read.dateOnly) return skippedDays.get(`${zone}\n${text}`, () => skippedDayWarning(text, read.wall, zone)) ?? undefined;
  const local = wallClockAsUtc(read.wall);
  // A gap needs the offset to rise: two lookups rule it out for almost every date.
  if (zoneOffsetMinutes(zone, local + DAY) <= zoneOffsetMinutes(zone, local - DAY)) return undefined;
  const instant = instantAtWallClock(zone, read.wall);
  const shown = wallClockAt(zone, instant);
  if (wallClockAsUtc(shown) === local) return undefined;
  const readAs = localText(shown, /:\d{2}:\d{2}/.test(text));
  const offset = zoneOffsetMinutes(zone, instant);
  return {
    message: `${text} does not exist in ${zone} (the clocks go forward over it): it is read as ${Number.isInteger(offset) ? `${readAs}${offsetText(offset)}` : readAs}`,
    fix: `write the time you mean, e.g. ${readAs}, or give it with its offset`,
  };
}

const DAY = 86_400_000;

// Most entries are dated YYYY-MM-DD and many share a day, as for dayInstants; null: no warning (a miss is undefined).
const skippedDays = new BoundedCache<string, { message: string; fix: string } | null>(50_000);

function skippedDayWarning(text: string, wall: WallClock, zone: string): { message: string; fix: string } | null {
  const shown = wallClockAt(zone, startOfLocalDay(zone, wall.year, wall.month, wall.day));
  if (shown.day === wall.day) return null;
  const readAs = localText(shown, false).slice(0, 10);
  return {
    message: `${text} does not exist in ${zone} (the clocks go forward over the whole day): it is read as ${readAs}`,
    fix: `write the day you mean, e.g. ${readAs}`,
  };
}

/** `YYYY-MM-DDTHH:MM`, with the seconds when `seconds`. */
function localText(wall: WallClock, seconds: boolean): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(wall.hour)}:${two(wall.minute)}${seconds ? `:${two(wall.second)}${wall.millisecond ? `.${String(wall.millisecond).padStart(3, '0')}` : ''}` : ''}`;
  return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}T${time}`;
}

/** An offset in minutes as RFC 3339 writes it: `-07:00`, `+05:45`. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const NEAR_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?([+-])(\d{2}):?(\d{2})$/;

type DateRead =
  | { ok: true; wall: WallClock; dateOnly: boolean; offsetMinutes: number | undefined }
  | { ok: false; message: string; fix: string };

/** The fields of a date or date-time, checked against the calendar and the clock; no time zone involved. */
function readDateText(text: string): DateRead {
  const match = DATE_OR_DATE_TIME.exec(text);
  if (!match) {
    // An export's date-time with its offset apart (`… 09:30:00 +09:00`) or without its colon (`+0900`): the rewrite is known.
    const near = NEAR_DATE_TIME.exec(text);
    const rewrite = near ? `${near[1]}T${near[2]}${near[3]}${near[4]}:${near[5]}` : undefined;
    return { ok: false, message: `${quote(text)} is not a date`, fix: rewrite && DATE_OR_DATE_TIME.test(rewrite) && readDateText(rewrite).ok ? `write it as RFC 3339 has it: ${rewrite}` : DATE_FIX };
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const dateOnly = match[4] === undefined;
  const hour = dateOnly ? 0 : Number(match[4]);
  const minute = dateOnly ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const offsetHours = match[10] === undefined ? 0 : Number(match[10]);
  const offsetMinutesPart = match[11] === undefined ? 0 : Number(match[11]);
  const realDate = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (dateOnly) {
    if (!realDate) return { ok: false, message: `${text} is not a real date`, fix: monthDaysFix(year, month, day) ?? DATE_RANGE_FIX };
    if (!inPublishedRange(year, month, day)) return { ok: false, message: `${text}${OUTSIDE_PUBLISHED_DATES}`, fix: DATE_LIMIT_FIX };
    return { ok: true, wall: { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, dateOnly, offsetMinutes: undefined };
  }
  if (!realDate || hour > 23 || minute > 59) {
    return { ok: false, message: `${text} is not a real date and time`, fix: (hour > 23 || minute > 59 ? undefined : monthDaysFix(year, month, day)) ?? DATE_TIME_RANGE_FIX };
  }
  if (second > 59) return { ok: false, message: `${text}: the seconds must be from 00 to 59`, fix: SECONDS_FIX };
  // RFC 3339 §5.6 allows offset hours 00-23 and minutes 00-59; luxon would take +24:60 as written.
  if (offsetHours > 23 || offsetMinutesPart > 59) return { ok: false, message: `${text} has a UTC offset beyond ±23:59`, fix: OFFSET_FIX };
  if (!inPublishedRange(year, month, day)) return { ok: false, message: `${text}${OUTSIDE_PUBLISHED_DATES}`, fix: DATE_LIMIT_FIX };
  // The fraction of a second is cut to whole milliseconds (truncated, not rounded), as luxon's ISO parser cuts it.
  const millisecond = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  const wall = { year, month, day, hour, minute, second, millisecond };
  const offsetMinutes = match[8] ? 0 : match[9] === undefined ? undefined : (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
  return { ok: true, wall, dateOnly, offsetMinutes };
}

/** Whether a calendar day lies from FIRST_ENTRY_DATE to LAST_ENTRY_DATE. */
function inPublishedRange(year: number, month: number, day: number): boolean {
  const key = year * 10_000 + month * 100 + day;
  return key >= 10_000_103 && key <= 99_991_229;
}

/**
 * For a day past its month's end (`2014-06-31`, `2014-02-29`), how many days that month has: "check the day of the
 * month" leaves the editor to recall it. Month names from Intl (English, as every message is).
 */
function monthDaysFix(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day <= daysInMonth(year, month)) return undefined;
  const name = MONTH_NAMES.format(Date.UTC(2000, month - 1, 1));
  return `${name} ${year} has ${daysInMonth(year, month)} days`;
}

const MONTH_NAMES = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (ISO 8601), year 0 included. */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}
