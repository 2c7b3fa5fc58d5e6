import { digestSendTime, type DigestConfig } from '../content/digestConfig.js';
import type { Problem } from '../shared/errors.js';
import { instantAtWallClock, wallClockAsUtc, wallClockAt, zoneOffsetMinutes, type WallClock } from '../time/zoneClock.js';

const DAY = 86_400_000;
/** How far ahead send days are looked at: every DST rule the tz database has for the zone repeats within it. */
export const SKIPPED_SEND_YEARS = 5;

/**
 * The send days (local `YYYY-MM-DD`), from `now` for `years`, on which the clocks in `zone` skip the send time
 * (digest.day at digest.hour:minute): a time in the gap of a forward DST change. EventBridge Scheduler skips a
 * run due in that gap, so the week's digest would never go out. Read with Intl (lib/time/zoneClock.ts), not luxon,
 * since `check` loads no luxon.
 */
export function skippedSendDays(zone: string, digest: Pick<DigestConfig, 'day' | 'hour' | 'minute'>, now: number, years = SKIPPED_SEND_YEARS): string[] {
  const today = wallClockAt(zone, now);
  // Calendar days as UTC midnights, stepped a week at a time from the next send day.
  let date = Date.UTC(today.year, today.month - 1, today.day);
  const weekday = ((new Date(date).getUTCDay() + 6) % 7) + 1;
  date += ((digest.day - weekday + 7) % 7) * DAY;
  const end = Date.UTC(today.year + years, today.month - 1, today.day);
  const skipped: string[] = [];
  for (; date < end; date += 7 * DAY) {
    const day = new Date(date);
    const wall = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: digest.hour, minute: digest.minute, second: 0, millisecond: 0 };
    // A skipped time is read as the moment after the gap, which the clocks show as another time.
    const shown = wallClockAt(zone, instantAtWallClock(zone, wall));
    if (shown.day !== wall.day || shown.hour !== wall.hour || shown.minute !== wall.minute) skipped.push(day.toISOString().slice(0, 10));
  }
  return skipped;
}

/** check's warning for a send time the clocks skip on some send days, or none. */
export function skippedSendTimeWarning(zone: string, digest: Pick<DigestConfig, 'day' | 'hour' | 'minute'>, now: number): Problem | undefined {
  const days = skippedSendDays(zone, digest, now);
  if (days.length === 0) return undefined;
  const { day, time } = digestSendTime(digest);
  const more = days.length > 1 ? ` and ${days.length - 1} more ${day}s in the next ${SKIPPED_SEND_YEARS} years` : '';
  return {
    file: 'site.yml',
    field: 'digest.time',
    message: `"${time}" on ${day}s is skipped in ${zone} when the clocks go forward (on ${days[0]}${more}): EventBridge Scheduler skips a run due then, so that week's digest would not be sent`,
    fix: `choose a time outside ${[...new Set(days.map((day) => skippedSpan(zone, sendTimeOn(day, digest))))].join(' and ')}, which the clocks skip`,
  };
}

function sendTimeOn(day: string, digest: Pick<DigestConfig, 'hour' | 'minute'>): WallClock {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { year, month, day: date, hour: digest.hour, minute: digest.minute, second: 0, millisecond: 0 };
}

/** The local times the clocks skip in the gap `wall` falls in, `HH:MM–HH:MM`: an hour mostly, half an hour on Lord Howe Island. */
function skippedSpan(zone: string, wall: WallClock): string {
  // `wall` is read with the offset before the change, which puts it after the change by less than the gap.
  const after = instantAtWallClock(zone, wall);
  const before = (wallClockAsUtc(wall) - after) / 60_000;
  const gap = (zoneOffsetMinutes(zone, after) - before) * 60_000;
  // The change itself: the first second with the new offset, found by halving (changes fall on whole seconds).
  let low = Math.floor((after - gap) / 1000);
  let high = Math.floor(after / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffsetMinutes(zone, middle * 1000) === before) low = middle;
    else high = middle;
  }
  const start = high * 1000 + before * 60_000;
  const hhmm = (local: number) => new Date(local).toISOString().slice(11, 16);
  return `${hhmm(start)}–${hhmm(start + gap)}`;
}
