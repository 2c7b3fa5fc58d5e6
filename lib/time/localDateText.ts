import { DateTime, Info, type DateTimeFormatOptions } from 'luxon';
import { BoundedCache } from '../shared/boundedCache.js';
import { localIsoDate } from './zoneClock.js';

/** A calendar date in a zone: ISO 8601 (`2014-05-09`) and in the site's language (`Fri, 9 May 2014`). */
export interface LocalDate {
  iso: string;
  text: string;
}

/**
 * The local date of each entry, as `DateTime.fromMillis(millis, { zone }).setLocale(language)` gives it by
 * `toISODate()` and `toLocaleString(options)`, without making a DateTime per entry: the digest archive and the
 * pages date ~19,000 entries a publish at 10k, and luxon spent ~20 µs on each (offset lookup, Locale, Formatter).
 * Here luxon is asked once per zone and language what it would hand Intl (the Locale's locale, numbering system
 * and calendar; the zone's name), and one Intl.DateTimeFormat made with exactly those does the formatting; the
 * ISO date comes from lib/time/zoneClock.ts. Zones luxon does not read from Intl, and years outside 0001–9999 (which
 * luxon writes with a sign), go through luxon itself. tests/unit/core/localDateText.test.ts compares both ways.
 */
export function localDates(zone: string, language: string, options: DateTimeFormatOptions): (millis: number) => LocalDate {
  const key = `${zone}\n${language}\n${JSON.stringify(options)}`;
  let dates = cache.get(key);
  if (!dates) {
    dates = makeLocalDates(zone, language, options);
    cache.set(key, dates);
  }
  return dates;
}

const cache = new Map<string, (millis: number) => LocalDate>();
const SEEN_LIMIT = 50_000;

/** The slow path, and the reference: what the renderers did before. */
export function localDateByLuxon(millis: number, zone: string, language: string, options: DateTimeFormatOptions): LocalDate {
  const date = DateTime.fromMillis(millis, { zone }).setLocale(language);
  return { iso: date.toISODate() ?? '', text: date.toLocaleString(options) };
}

// 0001-01-02 to 9999-12-30 in UTC: a day inside years 1–9999 in every zone (offsets stay under a day).
const FIRST = -62_135_596_800_000 + 86_400_000;
const LAST = 253_402_214_400_000 - 86_400_000;

function makeLocalDates(zone: string, language: string, options: DateTimeFormatOptions): (millis: number) => LocalDate {
  const slow = (millis: number) => localDateByLuxon(millis, zone, language, options);
  const intlZone = intlZoneName(zone);
  // The Locale that setLocale(language) makes on a DateTime with the default locale, as luxon's Locale#intl.
  const probe = DateTime.fromMillis(0, { zone }).setLocale(language);
  if (intlZone === undefined || !probe.isValid || !probe.locale) return slow;
  const format = new Intl.DateTimeFormat(intlConfigString(probe.locale, probe.numberingSystem, probe.outputCalendar), { ...options, timeZone: intlZone });
  // Entries dated YYYY-MM-DD share their day's midnight: each instant is formatted once. Bounded.
  const seen = new BoundedCache<number, LocalDate>(SEEN_LIMIT);
  const fast = (millis: number): LocalDate => ({ iso: localIsoDate(intlZone, millis), text: format.format(millis) });
  return (millis) => (millis < FIRST || millis > LAST ? slow(millis) : seen.get(millis, fast));
}

/** The zone luxon's PolyDateFormatter gives Intl: an IANA zone's name, or UTC for UTC; undefined for the others. */
function intlZoneName(zone: string): string | undefined {
  const luxonZone = Info.normalizeZone(zone);
  if (luxonZone.type === 'iana' && luxonZone.isValid) return luxonZone.name;
  if (luxonZone.type === 'fixed' && luxonZone.offset(0) === 0) return 'UTC';
  return undefined;
}

/** luxon's intlConfigString (luxon 3): the locale with the numbering system and calendar as Unicode extensions. */
function intlConfigString(locale: string, numberingSystem: string | null, outputCalendar: string | null): string {
  if (!numberingSystem && !outputCalendar) return locale;
  let tag = locale.includes('-u-') ? locale : `${locale}-u`;
  if (outputCalendar) tag += `-ca-${outputCalendar}`;
  if (numberingSystem) tag += `-nu-${numberingSystem}`;
  return tag;
}
