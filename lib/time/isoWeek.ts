import { DateTime, Info, type DateTimeOptions, type Zone } from 'luxon';
import { UsageError } from '../shared/errors.js';
import { wallClockAsUtc, zoneOffsetMinutes } from './zoneClock.js';

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
  const zone = intlZoneOf(moment.zone);
  if (zone === undefined) return isoWeekByLuxon(moment);
  // startOf and plus keep the moment's zone and locale.
  const options: DateTimeOptions = { zone: moment.zone };
  if (moment.locale) options.locale = moment.locale;
  if (moment.numberingSystem) options.numberingSystem = moment.numberingSystem;
  if (moment.outputCalendar) options.outputCalendar = moment.outputCalendar;
  return weekFrom(moment.toMillis(), moment.offset, zone, (millis) => DateTime.fromMillis(millis, options));
}

/** The week that contains the instant `millis` in `zone` (an IANA name): isoWeekOf(DateTime.fromMillis(millis, { zone })). */
export function isoWeekAt(millis: number, zone: string): IsoWeek {
  const luxonZone = luxonZoneOf(zone);
  const intlZone = intlZoneOf(luxonZone);
  if (intlZone === undefined) return isoWeekByLuxon(DateTime.fromMillis(millis, { zone: luxonZone }));
  return weekFrom(millis, zoneOffsetMinutes(intlZone, millis), intlZone, (instant) => DateTime.fromMillis(instant, { zone: luxonZone }));
}

function isoWeekByLuxon(moment: DateTime): IsoWeek {
  // Calendar arithmetic in the zone: startOf('week') is Monday 00:00 local, plus({ weeks: 1 }) keeps the wall time.
  const start = moment.startOf('week');
  const end = start.plus({ weeks: 1 });
  return { name: formatIsoWeekName(start.weekYear, start.weekNumber), weekYear: start.weekYear, weekNumber: start.weekNumber, start, end };
}

// The archive finds ~780 weeks (and the digest builder each again): luxon's startOf('week') and plus({ weeks: 1 })
// cost ~85 µs a week in offset lookups. weekFrom does the same arithmetic, step for step as luxon 3 does it
// (DateTime#set and adjustTime through fixOffset, each guessing from the offset before), with zoneClock's
// offsets (luxon's IANAZone.offset from the same Intl data); only the two results become DateTimes.
// tests/unit/digest/isoWeekFast.test.ts compares it with luxon across zones with unusual transitions.
const DAY = 86_400_000;

const luxonZones = new Map<string, Zone>();
function luxonZoneOf(name: string): Zone {
  let zone = luxonZones.get(name);
  if (!zone) {
    zone = Info.normalizeZone(name);
    luxonZones.set(name, zone);
  }
  return zone;
}

/** The zone name for Intl when luxon reads `zone` from Intl (IANA) or it is UTC; otherwise luxon does the work. */
function intlZoneOf(zone: Zone): string | undefined {
  if (zone.type === 'iana' && zone.isValid) return zone.name;
  if (zone.type === 'fixed' && zone.offset(0) === 0) return 'UTC';
  return undefined;
}

/** luxon's fixOffset: the instant whose wall clock (read as UTC) is `local`, trying the offset `guess` first. */
function fixOffset(local: number, guess: number, zone: string): [instant: number, offset: number] {
  let instant = local - guess * 60 * 1000;
  const second = zoneOffsetMinutes(zone, instant);
  if (second === guess) return [instant, guess];
  instant -= (second - guess) * 60 * 1000;
  const third = zoneOffsetMinutes(zone, instant);
  if (second === third) return [instant, second];
  return [local - Math.min(second, third) * 60 * 1000, Math.max(second, third)];
}

/** luxon's objToLocalTS for a date at 00:00 (years 0–99 are not 19xx); `day` may overflow the month. */
function localMidnight(year: number, month: number, day: number): number {
  return wallClockAsUtc({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** ISO weekday, 1 (Monday) to 7 (Sunday), of a wall clock read as UTC. 1970-01-01 was a Thursday. */
function isoWeekday(local: number): number {
  const days = Math.floor(local / DAY);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function weekFrom(millis: number, offset: number, zone: string, dateTime: (instant: number) => DateTime): IsoWeek {
  // luxon's tsToObj: the moment's wall clock.
  const wall = new Date(millis + offset * 60 * 1000);
  const monday = localMidnight(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate() - (isoWeekday(wall.getTime()) - 1));
  const [start, startOffset] = fixOffset(monday, offset, zone);
  // plus({ weeks: 1 }) keeps the start's wall clock (01:00 where Monday's midnight was skipped), seven days on.
  const startWall = new Date(start + startOffset * 60 * 1000).getTime();
  const [end] = fixOffset(startWall + 7 * DAY, startOffset, zone);
  // The ISO week is the one holding its Thursday, and the week-year is the Thursday's year.
  const thursday = new Date(startWall - (isoWeekday(startWall) - 4) * DAY);
  const weekYear = thursday.getUTCFullYear();
  const weekNumber = Math.floor((Math.floor(thursday.getTime() / DAY) - Math.floor(localMidnight(weekYear, 1, 1) / DAY)) / 7) + 1;
  return { name: formatIsoWeekName(weekYear, weekNumber), weekYear, weekNumber, start: dateTime(start), end: dateTime(end) };
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
