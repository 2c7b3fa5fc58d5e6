import { DateTime } from 'luxon';
import { BoundedCache } from '../shared/boundedCache.js';
import { DATE_FIX, DATE_ONLY, DATE_RANGE_FIX, DATE_TIME, DATE_TIME_RANGE_FIX } from './entryInstant.js';

export type DateParse = { ok: true; value: DateTime } | { ok: false; message: string; fix: string };

/**
 * Reads an entry date: `YYYY-MM-DD` is 00:00 in `zone`; an RFC 3339 date-time keeps its offset,
 * and one without an offset is in `zone`.
 */
export function parseEntryDate(raw: unknown, zone: string, allowDateOnly = true): DateParse {
  const fix = allowDateOnly ? DATE_FIX : 'write an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00';
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, message: 'must be a date', fix };
  const text = String(raw).trim();
  if (allowDateOnly && DATE_ONLY.test(text)) return parseDateOnly(text, zone);
  if (DATE_TIME.test(text) || (!allowDateOnly && DATE_ONLY.test(text))) {
    const value = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true });
    if (!value.isValid) return { ok: false, message: `${text} is not a real date and time`, fix: DATE_TIME_RANGE_FIX };
    return { ok: true, value };
  }
  return { ok: false, message: `${JSON.stringify(text)} is not a date`, fix };
}

// 15 years are 5,479 days however many entries share them, and luxon's zone-offset work is most of the cost of
// a date: each (zone, day) is parsed once. DateTime is immutable, so sharing one is safe. Bounded, since the
// days come from user text.
const dateOnlyCache = new BoundedCache<string, DateParse>(50_000);

function parseDateOnly(text: string, zone: string): DateParse {
  return dateOnlyCache.get(`${zone}\n${text}`, () => {
    const value = DateTime.fromISO(text, { zone });
    return value.isValid ? { ok: true, value } : { ok: false, message: `${text} is not a real date`, fix: DATE_RANGE_FIX };
  });
}
