import { DateTime } from 'luxon';
import { instantAtWallClock, startOfLocalDay } from './zoneClock.js';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 §5.6 date-time, with the offset optional (then the site's zone applies) and a space allowed for T.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$/;

export type DateParse = { ok: true; value: DateTime } | { ok: false; message: string; fix: string };

/**
 * Reads an entry date: `YYYY-MM-DD` is 00:00 in `zone`; an RFC 3339 date-time keeps its offset,
 * and one without an offset is in `zone`.
 */
export function parseEntryDate(raw: unknown, zone: string, allowDateOnly = true): DateParse {
  const fix = allowDateOnly
    ? 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00'
    : 'write an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00';
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, message: 'must be a date', fix };
  const text = String(raw).trim();
  if (allowDateOnly && DATE_ONLY.test(text)) return parseDateOnly(text, zone);
  if (DATE_TIME.test(text) || (!allowDateOnly && DATE_ONLY.test(text))) {
    const value = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true });
    if (!value.isValid) return { ok: false, message: `${text} is not a real date and time`, fix: 'check the month, day, hour (00-23) and minute (00-59)' };
    return { ok: true, value };
  }
  return { ok: false, message: `${JSON.stringify(text)} is not a date`, fix };
}

// 15 years are 5,479 days however many entries share them, and luxon's zone-offset work is most of the cost of
// a date: each (zone, day) is parsed once. DateTime is immutable, so sharing one is safe. Bounded, since the
// days come from user text.
const dateOnlyCache = new Map<string, DateParse>();
const DATE_ONLY_CACHE_LIMIT = 50_000;

function parseDateOnly(text: string, zone: string): DateParse {
  const key = `${zone}\n${text}`;
  let parsed = dateOnlyCache.get(key);
  if (!parsed) {
    const value = DateTime.fromISO(text, { zone });
    parsed = value.isValid ? { ok: true, value } : { ok: false, message: `${text} is not a real date`, fix: 'check the month (01-12) and the day of the month' };
    if (dateOnlyCache.size >= DATE_ONLY_CACHE_LIMIT) dateOnlyCache.clear();
    dateOnlyCache.set(key, parsed);
  }
  return parsed;
}

export type InstantParse = { ok: true; value: number } | { ok: false; message: string; fix: string };

// RFC 3339 §5.6 date-time, the offset optional, or a bare date: fields for the arithmetic below.
const DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?)?$/;

/**
 * An entry date as epoch milliseconds, by the rules of parseEntryDate. With an offset the instant is arithmetic;
 * without one the site's zone gives it (lib/zoneClock.ts, a time that occurs twice being the earlier). luxon's
 * parser and zone code were most of `check`. Anything implausible goes to parseEntryDate for its message.
 */
export function parseEntryInstant(raw: unknown, zone: string): InstantParse {
  if (typeof raw === 'string') {
    const text = raw.trim();
    // Most entries are dated YYYY-MM-DD and many share a day: one lookup, before any parsing.
    const cacheKey = text.length === 10 ? `${zone}\n${text}` : undefined;
    const cached = cacheKey === undefined ? undefined : dayInstants.get(cacheKey);
    if (cached !== undefined) return cached;
    const parsed = parseInstantFields(text, zone);
    if (parsed) {
      if (cacheKey !== undefined) {
        if (dayInstants.size >= DAY_INSTANTS_LIMIT) dayInstants.clear();
        dayInstants.set(cacheKey, parsed);
      }
      return parsed;
    }
  }
  const parsed = parseEntryDate(raw, zone);
  return parsed.ok ? { ok: true, value: parsed.value.toMillis() } : parsed;
}

// Bounded, since the dates come from user text. A result is a frozen-in-practice { ok, value }: shared.
const dayInstants = new Map<string, InstantParse>();
const DAY_INSTANTS_LIMIT = 50_000;

/** The instant of a plausible RFC 3339 date or date-time, or undefined for parseEntryDate to explain. */
function parseInstantFields(text: string, zone: string): InstantParse | undefined {
  const match = DATE_OR_DATE_TIME.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const offsetHours = match[10] === undefined ? 0 : Number(match[10]);
  const offsetMinutesPart = match[11] === undefined ? 0 : Number(match[11]);
  const plausible = year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutesPart <= 59;
  if (!plausible) return undefined;
  if (match[4] === undefined) return { ok: true, value: startOfLocalDay(zone, year, month, day) };
  // luxon reads the fraction as milliseconds, truncated.
  const millisecond = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  if (match[8] === undefined && match[9] === undefined) return { ok: true, value: instantAtWallClock(zone, { year, month, day, hour, minute, second, millisecond }) };
  const offsetMinutes = match[8] ? 0 : (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
  return { ok: true, value: Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000 };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}
