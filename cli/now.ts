import { DateTime, Settings } from 'luxon';
import { UsageError } from '../lib/shared/errors.js';

// Every date the output shows names its language (site.yml); nothing depends on the machine's locale, so luxon
// need not ask the system for it (the first DateTime would otherwise look it up, at a cost docs/benchmarks.md
// measures). Set here, where the commands that use dates get their clock: `check` and `push-content` never load
// luxon at all.
Settings.defaultLocale = 'en-US';

/**
 * `--now`: an ISO 8601 date-time with an offset, or a date (00:00 UTC); a space may stand for the T, as in an
 * entry's date (RFC 3339 §5.6). Default: the current time.
 */
export function parseNow(value: string | undefined, clock: () => DateTime = () => DateTime.now()): DateTime {
  if (value === undefined) return clock();
  // An RFC 9557 suffix (`…+13:00[Pacific/Auckland]`): luxon would read the zone in it and drop the offset.
  const suffix = /(?:\[[^\]]*\])+$/.exec(value);
  if (suffix) {
    const bare = value.slice(0, suffix.index);
    const fix = OFFSET_END.test(bare) ? `write the time with its offset alone: ${bare}` : `write the time with its offset alone, e.g. ${bare}Z for UTC or ${bare}+09:00`;
    throw new UsageError(`--now: ${JSON.stringify(value)} ends in ${suffix[0]}, a bracketed time zone (RFC 9557) that --now does not read (${fix})`);
  }
  const text = value.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T');
  const parsed = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  if (!parsed.isValid) throw new UsageError(`--now: ${JSON.stringify(value)} is not an ISO 8601 date-time (write e.g. 2014-05-19T08:00:00+09:00)`);
  // A clock time without an offset would be read in UTC, where an entry's date without one is in the site's zone:
  // the same text, two instants hours apart. The moment that decides embargoes says which it is.
  if (/[Tt]/.test(text) && !OFFSET_END.test(text)) {
    throw new UsageError(`--now: ${JSON.stringify(value)} has a time but no offset (write it with one: ${value}Z for UTC, or e.g. ${value}+09:00)`);
  }
  // The same limits as an entry's date (lib/time/entryInstant.ts): every output writes a four-digit year.
  const utc = parsed.toUTC();
  if (Math.abs(parsed.offset) >= 24 * 60 || utc.year < 1000 || utc.year > 9999 || parsed.year < 1000 || parsed.year > 9999) {
    throw new UsageError(`--now: ${JSON.stringify(value)} is outside the years 1000 to 9999, or its offset beyond ±23:59 (write e.g. 2014-05-19T08:00:00+09:00)`);
  }
  return parsed;
}

const OFFSET_END = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/** A clock that reads `start` now and runs on with real time (`wall`, epoch milliseconds). */
export function clockFrom(start: DateTime, wall: () => number = Date.now): () => DateTime {
  const began = wall();
  return () => start.plus(wall() - began);
}
