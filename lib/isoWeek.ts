import { DateTime } from 'luxon';
import { UsageError } from './errors.js';

/** One ISO 8601 week in a time zone: Monday 00:00 up to (not including) the next Monday 00:00. */
export interface IsoWeek {
  /** `YYYY-Www`, e.g. `2014-W19`; the year is the ISO week-year, not the calendar year. */
  name: string;
  weekYear: number;
  weekNumber: number;
  /** Monday 00:00 local time. */
  start: DateTime;
  /** The next Monday 00:00 local time (exclusive). A week across a DST change is 167 or 169 hours long. */
  end: DateTime;
}

const NAME = /^(\d{4})-W(\d{2})$/;

export function formatIsoWeekName(weekYear: number, weekNumber: number): string {
  return `${String(weekYear).padStart(4, '0')}-W${String(weekNumber).padStart(2, '0')}`;
}

/**
 * The week called `name` in `zone`, or undefined when there is no such week. ISO 8601 week-years have 52 or 53
 * weeks (2020 has a W53, 2021 does not); W01 is the week with the year's first Thursday, so 2026-W01 starts on
 * Monday 2025-12-29.
 */
export function parseIsoWeek(name: string, zone: string): IsoWeek | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  if (weekNumber < 1 || weekNumber > weeksInWeekYear(weekYear)) return undefined;
  return isoWeekOf(DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone }));
}

/** The week that contains `moment`, in `moment`'s own zone (set it with `setZone` first). */
export function isoWeekOf(moment: DateTime): IsoWeek {
  // Calendar arithmetic in the zone: startOf('week') is Monday 00:00 local, plus({ weeks: 1 }) keeps the wall time.
  const start = moment.startOf('week');
  const end = start.plus({ weeks: 1 });
  return { name: formatIsoWeekName(start.weekYear, start.weekNumber), weekYear: start.weekYear, weekNumber: start.weekNumber, start, end };
}

/** The last week that has fully ended at `now` in `zone`: the week a digest sent at `now` covers. */
export function weekEndedBefore(now: DateTime, zone: string): IsoWeek {
  return isoWeekOf(now.setZone(zone).startOf('week').minus({ days: 1 }));
}

/**
 * The week a digest sent at `now` covers: the named one (`YYYY-Www`, already checked), or the last one ended.
 * A week still running is refused (UsageError): a digest covers a whole week.
 */
export function digestWeekAt(now: DateTime, zone: string, name?: string): IsoWeek {
  const week = name === undefined ? weekEndedBefore(now, zone) : parseIsoWeek(name, zone)!;
  if (week.end > now) throw new UsageError(`--week: ${week.name} has not ended at ${now.setZone(zone).toISO()} in ${zone}; a digest covers a whole week`);
  return week;
}

/** The week after `week`. */
export function nextIsoWeek(week: IsoWeek): IsoWeek {
  return isoWeekOf(week.end);
}

export function weeksInWeekYear(weekYear: number): number {
  // December 28th is always in the last ISO week of its week-year.
  return DateTime.fromObject({ year: weekYear, month: 12, day: 28 }, { zone: 'utc' }).weekNumber;
}

/** True when `epochMs` falls inside the week. */
export function inWeek(week: IsoWeek, epochMs: number): boolean {
  return epochMs >= week.start.toMillis() && epochMs < week.end.toMillis();
}
