import type { DigestConfig } from '../content/digestConfig.js';
import type { IsoWeek } from '../time/isoWeek.js';
import { instantAtWallClock, wallClockAt } from '../time/zoneClock.js';

const DAY = 86_400_000;

/**
 * When a week's issue is due (epoch milliseconds): digest.day at digest.time on the clocks of `zone`, in the week
 * after it, as the deployed schedule sends it (README "The weekly digest"). A time the clocks skip on that day is
 * read with the offset before the gap, so it lands as far past the gap as it was into it: Europe/London's 01:30 on
 * 2014-03-30 is 01:30Z, 02:30 BST (check warns of such a send time).
 */
export function weekDueAt(week: IsoWeek, zone: string, digest: Pick<DigestConfig, 'day' | 'hour' | 'minute'>): number {
  // The week's end is the next Monday (00:00, or the first moment after a skipped midnight): its calendar date.
  const monday = wallClockAt(zone, week.end.toMillis());
  const sendDay = new Date(Date.UTC(monday.year, monday.month - 1, monday.day) + (digest.day - 1) * DAY);
  return instantAtWallClock(zone, { year: sendDay.getUTCFullYear(), month: sendDay.getUTCMonth() + 1, day: sendDay.getUTCDate(), hour: digest.hour, minute: digest.minute, second: 0, millisecond: 0 });
}
