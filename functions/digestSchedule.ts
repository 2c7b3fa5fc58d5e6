import { DateTime, type WeekdayNumbers } from 'luxon';
import { digestSendTime, type DigestConfig } from '../lib/content/digestConfig.js';
import { ConfigError } from '../lib/shared/errors.js';
import { digestWeekAt, weekEndedBefore, type IsoWeek } from '../lib/time/isoWeek.js';
import { DIGEST_WEEK_FIELD } from './digestEvents.js';

/** How far the schedule's time may be from site.yml's send time (EventBridge Scheduler fires within a minute). */
export const SCHEDULE_TOLERANCE_MINUTES = 15;
const WEEK_MINUTES = 7 * 24 * 60;
const CRON_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/**
 * Refuses a scheduled run whose schedule is out of step with site.yml: the digestSchedule and digestTimezone params
 * fire the digest, while digest.day and digest.time (in site.yml's timezone) say when it is meant to go out. Out of
 * step, a run before the week's end would send the week before, one already sent, so each digest would go out a
 * week late without a word. `scheduledTime` is the time the schedule was due (EventBridge Scheduler's
 * <aws.scheduler.scheduled-time>, ISO 8601), the same on every retry of that run. Returns it in `zone`.
 */
export function checkSchedule(scheduledTime: string, zone: string, digest: Pick<DigestConfig, 'day' | 'hour' | 'minute'>): DateTime {
  const at = DateTime.fromISO(scheduledTime, { setZone: true }).setZone(zone);
  if (!at.isValid) throw new ConfigError(`the schedule's scheduledTime ${JSON.stringify(scheduledTime.slice(0, 40))} is not an ISO 8601 time (serverless.yml passes <aws.scheduler.scheduled-time>)`);
  // The send time in the same ISO week (Monday first), then the nearer of it and its neighbours a week away.
  const intended = at.set({ weekday: digest.day as WeekdayNumbers, hour: digest.hour, minute: digest.minute, second: 0, millisecond: 0 });
  const off = at.diff(intended, 'minutes').minutes;
  const drift = ((((off + WEEK_MINUTES / 2) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES) - WEEK_MINUTES / 2;
  if (Math.abs(drift) <= SCHEDULE_TOLERANCE_MINUTES) return at;
  const { day, time } = digestSendTime(digest);
  throw new ConfigError(
    `the digest's schedule fired on ${at.toFormat('cccc HH:mm')} in ${zone}, but site.yml sends it on ${day} at ${time} (digest.day, digest.time, timezone): nothing was sent; deploy with --param digestSchedule='cron(${digest.minute} ${digest.hour} ? * ${CRON_DAYS[digest.day - 1]} *)' --param digestTimezone=${zone}, or change site.yml`,
  );
}

/**
 * The week a digest run sends. A scheduled run's is the last one ended at `scheduledTime` (checked against site.yml
 * first), not at the clock's now: every retry carries the same scheduledTime, so a retry after the next week has
 * ended (a Sunday 23:50 send retried after midnight) sends the same week. That week has ended by `now` too, so the
 * publish function accepts it. A manual run's is the named week, or the last one ended at `now`.
 */
export function runWeek(now: DateTime, zone: string, digest: Pick<DigestConfig, 'day' | 'hour' | 'minute'>, run: { scheduledTime?: string; named?: string }): IsoWeek {
  if (run.scheduledTime !== undefined) return weekEndedBefore(checkSchedule(run.scheduledTime, zone, digest), zone);
  return digestWeekAt(now, zone, run.named, DIGEST_WEEK_FIELD);
}
