import { DateTime } from 'luxon';
import { UsageError } from '../shared/errors.js';
import { isValidZone } from './isValidZone.js';
import { weekNameProblem } from './weekName.js';
import { resolveLocalTime, wallClockAsUtc, zoneOffsetMinutes } from './zoneClock.js';

/** One ISO 8601 week in a time zone: Monday 00:00 up to (not including) the next Monday 00:00. */
export interface IsoWeek {
  /** `YYYY-Www`, e.g. `2014-W19`; the year is the ISO week-year, not the calendar year. */
  name: string;
  weekYear: number;
  weekNumber: number;
  /** Monday 00:00 local time (where it is skipped, the first moment after the gap; where it occurs twice, the first). */
  start: DateTime;
  /** The next Monday 00:00 local time (exclusive): the next week's start. A week across a transition is shorter or longer. */
  end: DateTime;
}

/**
 * The week that holds the instant `millis` in `zone`: from the Monday at 00:00 on the zone's clocks to the next
 * Monday at 00:00 (README "The weekly digest"). Each Monday's midnight is one instant, whichever week asks, so the
 * weeks follow each other without a gap or an overlap: where it is skipped, the first moment after the gap (01:00
 * where the clocks went from 00:00 to 01:00); where it occurs twice, the first of the two, as for an entry's date
 * (lib/time/entryInstant.ts). A week across a transition is that much shorter or longer (167 or 169 hours, 144 in
 * Apia across its skipped 30 December 2011). Computed from the zone's clock, not luxon: an incremental publish
 * finds every archived week again, and luxon's offset lookups would make that a noticeable part of it (docs/benchmarks.md).
 * tests/unit/time/isoWeekFast.test.ts holds them to luxon's reading of those midnights across zones with unusual
 * transitions.
 */
export function isoWeekAt(millis: number, zone: string): IsoWeek {
  const dateTime = (instant: number) => DateTime.fromMillis(instant, { zone });
  if (!isValidZone(zone)) return isoWeekByLuxon(dateTime(millis));
  // The Monday of the week, 00:00, as a wall clock read as UTC.
  const wall = millis + zoneOffsetMinutes(zone, millis) * MINUTE;
  let monday = (Math.floor(wall / DAY) - (isoWeekday(wall) - 1)) * DAY;
  let start = mondayMidnight(zone, monday);
  let end = mondayMidnight(zone, monday + 7 * DAY);
  // A clock set back across midnight shows the Sunday again after the Monday began (and the reverse): such an
  // instant belongs to the week its Monday midnights enclose, not to the one its wall date names.
  while (millis >= end) [monday, start, end] = [monday + 7 * DAY, end, mondayMidnight(zone, monday + 14 * DAY)];
  while (millis < start) [monday, start, end] = [monday - 7 * DAY, mondayMidnight(zone, monday - 7 * DAY), start];
  // The week is the one holding its Thursday, and its week-year is the Thursday's year.
  const thursday = monday + 3 * DAY;
  const weekYear = new Date(thursday).getUTCFullYear();
  const newYear = wallClockAsUtc({ year: weekYear, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
  const weekNumber = Math.floor((Math.floor(thursday / DAY) - Math.floor(newYear / DAY)) / 7) + 1;
  return { name: weekName(weekYear, weekNumber), weekYear, weekNumber, start: dateTime(start), end: dateTime(end) };
}

/** The instant a week starts: Monday 00:00 (`monday`, a wall clock read as UTC) in `zone`, as instantAtWallClock reads it. */
function mondayMidnight(zone: string, monday: number): number {
  return resolveLocalTime(zone, monday, zoneOffsetMinutes(zone, monday - DAY))[0];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** ISO weekday, 1 (Monday) to 7 (Sunday), of a wall clock read as UTC. 1970-01-01 was a Thursday. */
function isoWeekday(local: number): number {
  const days = Math.floor(local / DAY);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** For a zone Intl does not know (site.yml never names one): luxon's own calendar arithmetic. */
function isoWeekByLuxon(moment: DateTime): IsoWeek {
  const start = moment.startOf('week');
  const end = start.plus({ weeks: 1 });
  return { name: weekName(start.weekYear, start.weekNumber), weekYear: start.weekYear, weekNumber: start.weekNumber, start, end };
}

function weekName(weekYear: number, weekNumber: number): string {
  return `${String(weekYear).padStart(4, '0')}-W${String(weekNumber).padStart(2, '0')}`;
}

/**
 * The week called `name` (`YYYY-Www`) in `zone`, or undefined when there is no such week (lib/time/weekName.ts):
 * ISO 8601 week-years have 52 or 53 weeks; W01 is the week with the year's first Thursday, so 2026-W01 starts
 * on Monday 2025-12-29.
 */
export function parseIsoWeek(name: string, zone: string): IsoWeek | undefined {
  if (weekNameProblem(name) !== undefined) return undefined;
  const monday = DateTime.fromObject({ weekYear: Number(name.slice(0, 4)), weekNumber: Number(name.slice(6)), weekday: 1 }, { zone });
  return isoWeekAt(monday.toMillis(), zone);
}

/** The week after `week`, in the same zone. */
export function nextIsoWeek(week: IsoWeek): IsoWeek {
  return isoWeekAt(week.end.toMillis(), week.end.zoneName ?? 'UTC');
}

/** The last week that has fully ended at `now` in `zone`: the week a digest sent at `now` covers. */
export function weekEndedBefore(now: DateTime, zone: string): IsoWeek {
  return isoWeekAt(now.setZone(zone).startOf('week').minus({ days: 1 }).toMillis(), zone);
}

/**
 * The week a digest sent at `now` covers: the named one (`YYYY-Www`, already checked), or the last one ended.
 * A week still running is refused (UsageError), opening with `field`, the name the caller gave the week (the CLI's
 * `--week`, POST /digest's `"week"`): a digest covers a whole week.
 */
export function digestWeekAt(now: DateTime, zone: string, name: string | undefined, field: string): IsoWeek {
  const week = name === undefined ? weekEndedBefore(now, zone) : parseIsoWeek(name, zone)!;
  if (week.end > now) {
    const shown = (moment: DateTime) => moment.setZone(zone).toISO({ suppressMilliseconds: true });
    throw new UsageError(
      `${field}: ${week.name} has not ended at ${shown(now)} (${zone}): it ends at ${shown(week.end)}, and a digest covers a whole week; ` +
        `run it from then on, or name a week that has ended (the last one is ${weekEndedBefore(now, zone).name})`,
    );
  }
  return week;
}

/** True when `epochMs` falls inside the week. */
export function inWeek(week: IsoWeek, epochMs: number): boolean {
  return epochMs >= week.start.toMillis() && epochMs < week.end.toMillis();
}
