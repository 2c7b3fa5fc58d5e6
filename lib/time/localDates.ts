import { DateTime, type DateTimeFormatOptions } from 'luxon';
import { BoundedCache } from '../shared/boundedCache.js';
import { isValidZone } from './isValidZone.js';
import { wallClockAt } from './zoneClock.js';

/** A calendar date in a zone: ISO 8601 (`2014-05-09`) and in the site's language (`Fri, 9 May 2014`). */
export interface LocalDate {
  readonly iso: string;
  readonly text: string;
}

/**
 * The local date of each instant, as `DateTime.fromMillis(millis, { zone }).setLocale(language)` gives it by
 * `toISODate()` and `toLocaleString(options)`, without making a DateTime per instant: the pages and the digest
 * archive date every entry they show. luxon is asked once per zone, language and options which locale,
 * numbering system and calendar its formatter resolves to (`resolvedLocaleOptions`), and one Intl.DateTimeFormat
 * made with exactly those does the formatting; the ISO date comes from the zone's clock. Zones Intl does not
 * know, and years outside 0001–9999 (which luxon writes with a sign), go through luxon itself.
 * tests/unit/time/localDates.test.ts compares both ways.
 */
export function localDates(zone: string, language: string, options: DateTimeFormatOptions): (millis: number) => LocalDate {
  const key = `${zone}\n${language}\n${JSON.stringify(options)}`;
  let dates = datesBy.get(key);
  if (!dates) {
    dates = makeLocalDates(zone, language, options);
    datesBy.set(key, dates);
  }
  return dates;
}

const datesBy = new Map<string, (millis: number) => LocalDate>();

/** The ISO 8601 date (`YYYY-MM-DD`) the clocks of `zone` show at `millis`, as luxon's `toISODate()` writes it. */
export function localIsoDate(millis: number, zone: string): string {
  return millis < FIRST || millis > LAST || !isValidZone(zone) ? (DateTime.fromMillis(millis, { zone }).toISODate() ?? '') : clockIsoDate(millis, zone);
}

/** The ISO date from the zone's clock: years 0001–9999 and zones Intl knows only. */
function clockIsoDate(millis: number, zone: string): string {
  const { year, month, day } = wallClockAt(zone, millis);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// 0001-01-02 to 9999-12-30 in UTC: a day inside years 1–9999 in every zone (offsets stay under a day).
const FIRST = -62_135_596_800_000 + 86_400_000;
const LAST = 253_402_214_400_000 - 86_400_000;

function makeLocalDates(zone: string, language: string, options: DateTimeFormatOptions): (millis: number) => LocalDate {
  const byLuxon = (millis: number): LocalDate => {
    const date = DateTime.fromMillis(millis, { zone }).setLocale(language);
    return { iso: date.toISODate() ?? '', text: date.toLocaleString(options) };
  };
  const probe = DateTime.fromMillis(0, { zone }).setLocale(language);
  if (!isValidZone(zone) || !probe.isValid) return byLuxon;
  const { locale, numberingSystem, outputCalendar } = probe.resolvedLocaleOptions(options);
  const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone, numberingSystem, calendar: outputCalendar });
  // Entries dated YYYY-MM-DD share their day's midnight: each instant is formatted once. Bounded.
  const seen = new BoundedCache<number, LocalDate>(INSTANTS);
  // The instants of one day (entries with a time of day) share one LocalDate, so the cache holds an instant's key
  // and not two strings and an object for each. Keyed by the text and checked by the ISO date: options with a time
  // of day write a text per instant, which is then not shared.
  const days = new BoundedCache<string, LocalDate>(INSTANTS);
  const fast = (millis: number): LocalDate => {
    const date: LocalDate = { iso: clockIsoDate(millis, zone), text: format.format(millis) };
    const kept = days.get(date.text, () => date);
    return kept.iso === date.iso ? kept : date;
  };
  return (millis) => (millis < FIRST || millis > LAST ? byLuxon(millis) : seen.get(millis, fast));
}

/** The instants, and the days, kept for each zone, language and options. */
export const INSTANTS = 50_000;
