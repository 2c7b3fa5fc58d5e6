import { DateTime, Settings } from 'luxon';
import { UsageError } from '../lib/shared/errors.js';
import { checkEntryDate, OUTSIDE_PUBLISHED_DATES } from '../lib/time/entryInstant.js';

// Every date the output shows names its language (site.yml); nothing depends on the machine's locale, so luxon
// need not ask the system for it (the first DateTime would otherwise look it up, at a cost docs/benchmarks.md
// measures). Set here, where the commands that use dates get their clock: `check` and `push-content` never load
// luxon at all.
Settings.defaultLocale = 'en-US';

/**
 * `--now`: an RFC 3339 date-time with an offset (§5.6; +0900 read as +09:00), or a date (00:00 UTC), by an entry's date
 * rules and in its words (lib/time/entryInstant.ts); a space may stand for the T. Default: the current time.
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
  // An entry's date rules (RFC 3339 §5.6 and the calendar), which luxon's ISO 8601 reading is wider than: it takes
  // 24:00, week dates (2026-W53-1), a leap second's :60 as invalid without saying why. An offset without its colon,
  // as `date +%z` writes it, is read as with one.
  const entryRules = checkEntryDate(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const parsed = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  if (!parsed.isValid && !entryRules.ok) throw new UsageError(`--now: ${entryRules.message} (${entryRules.fix})`);
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
  // The years are --now's own (README, "Limits"): the check above, which takes the first and last day an entry may not.
  if (!entryRules.ok && !entryRules.message.endsWith(OUTSIDE_PUBLISHED_DATES)) throw new UsageError(`--now: ${entryRules.message} (${entryRules.fix})`);
  return parsed;
}

const OFFSET_END = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/** A clock that reads `start` now and runs on with real time (`wall`, epoch milliseconds). */
export function clockFrom(start: DateTime, wall: () => number = Date.now): () => DateTime {
  const began = wall();
  return () => start.plus(wall() - began);
}
