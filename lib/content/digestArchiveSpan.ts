import type { Problem } from '../shared/errors.js';
import type { DigestConfig } from './digestConfig.js';
import { SITE_FILE } from './contentKeys.js';
import { mainDateRange } from './dateOutliers.js';
import { MAX_DIGEST_ARCHIVE_WEEKS, MAX_DIGEST_ARCHIVE_YEARS } from './limits.js';
import { parseEntryInstant } from '../time/entryInstant.js';
import { zoneOffsetMinutes } from '../time/zoneClock.js';

const DAY = 86_400_000;
/** The weeks a suggested digest.since leaves before the bound is reached again. */
const SINCE_ROOM_WEEKS = 520;

/**
 * With sendEmpty, the instant whose week the empty weeks start at: the oldest date of the entries' main run
 * (mainDateRange; `dateAt(i)` ascending), or `digest.since` when later. Undefined without entries.
 */
export function emptyWeeksStart(digest: DigestConfig, zone: string, count: number, dateAt: (index: number) => number): number | undefined {
  const oldest = mainDateRange(count, dateAt)?.from;
  const since = sinceInstant(digest, zone);
  return oldest === undefined || since === undefined ? oldest : Math.max(oldest, since);
}

/** digest.since as an instant in `zone`; undefined without one. */
export function sinceInstant(digest: DigestConfig, zone: string): number | undefined {
  const since = digest.since === undefined ? undefined : parseEntryInstant(digest.since, zone);
  return since?.ok ? since.value : undefined;
}

/** The local day number (days since 1970-01-01) of an instant in `zone`. */
const localDay = (millis: number, zone: string) => Math.floor((millis + zoneOffsetMinutes(zone, millis) * 60_000) / DAY);
/** Monday-based weeks since the week of 1970-01-01 (a Thursday, so day 4 is the first Monday). */
const weekOfDay = (day: number) => Math.floor((day + 3) / 7);
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * The problem of a sendEmpty archive longer than MAX_DIGEST_ARCHIVE_WEEKS: every week from `start`'s (the
 * archive's start, emptyWeeksStart) to `end.at`'s, both counted, would be archived. `zone` places the instants
 * (`UTC` for check's dates, already local days). A site-level problem on `digest.since`, whose fix it names.
 */
export function digestArchiveSpanProblem(digest: DigestConfig, zone: string, start: number | undefined, end: { at: number; what: string }): Problem | undefined {
  if (!digest.sendEmpty || start === undefined || start >= end.at) return undefined;
  const [startDay, endDay] = [localDay(start, zone), localDay(end.at, zone)];
  const weeks = weekOfDay(endDay) - weekOfDay(startDay) + 1;
  if (weeks <= MAX_DIGEST_ARCHIVE_WEEKS) return undefined;
  const fromSince = start === sinceInstant(digest, zone);
  // A Monday ten years (SINCE_ROOM_WEEKS) later than the one that makes the span exactly the limit: check measures
  // to the newest entry and a publish to its now, so a since on the limit itself would fail next week's publish.
  const suggested = isoDay((weekOfDay(endDay) - MAX_DIGEST_ARCHIVE_WEEKS + 1 + SINCE_ROOM_WEEKS) * 7 - 3);
  return {
    file: SITE_FILE,
    field: 'digest.since',
    message: `with sendEmpty: true the digest archive would hold every week from ${isoDay(startDay)} (${fromSince ? 'digest.since' : 'the oldest entry'}) to ${isoDay(endDay)} (${end.what}): ${weeks.toLocaleString('en-US')} weeks, more than the ${MAX_DIGEST_ARCHIVE_WEEKS.toLocaleString('en-US')} (${MAX_DIGEST_ARCHIVE_YEARS} years) it may hold`,
    fix: `set digest.since to the first day to archive, "YYYY-MM-DD", at most ${MAX_DIGEST_ARCHIVE_YEARS} years before ${isoDay(endDay)}, e.g. since: "${suggested}", which leaves ten years before the bound is reached again`,
  };
}
