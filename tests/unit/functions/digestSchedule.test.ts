import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkSchedule, runWeek, SCHEDULE_TOLERANCE_MINUTES } from '../../../functions/digestSchedule.js';

const MONDAY_8 = { day: 1, hour: 8, minute: 0 };

describe('checkSchedule', () => {
  it('accepts the schedule firing at site.yml\'s day and time in its zone, and within the tolerance of it', () => {
    // Monday 2014-05-12 08:00 in Seoul (UTC+9, no DST) is Sunday 23:00 UTC.
    expect(() => checkSchedule('2014-05-11T23:00:00Z', 'Asia/Seoul', MONDAY_8)).not.toThrow();
    expect(() => checkSchedule('2014-05-11T23:15:00Z', 'Asia/Seoul', MONDAY_8)).not.toThrow();
    expect(() => checkSchedule('2014-05-11T22:45:00Z', 'Asia/Seoul', MONDAY_8)).not.toThrow();
    expect(SCHEDULE_TOLERANCE_MINUTES).toBe(15);
  });

  it('accepts the same local time on both sides of a DST change (the scheduler keeps local time)', () => {
    // New York: Monday 08:00 is 13:00 UTC in winter (EST, UTC-5) and 12:00 UTC in summer (EDT, UTC-4).
    expect(() => checkSchedule('2014-03-03T13:00:00Z', 'America/New_York', MONDAY_8)).not.toThrow();
    expect(() => checkSchedule('2014-03-10T12:00:00Z', 'America/New_York', MONDAY_8)).not.toThrow();
    expect(() => checkSchedule('2014-11-03T13:00:00Z', 'America/New_York', MONDAY_8)).not.toThrow();
  });

  it('accepts a send day at the end of the ISO week (Sunday) and at its start across the week boundary', () => {
    // Sunday 2014-05-18 23:50 in Seoul is 14:50 UTC.
    expect(() => checkSchedule('2014-05-18T14:50:00Z', 'Asia/Seoul', { day: 7, hour: 23, minute: 50 })).not.toThrow();
    // Monday 00:05 local for a Sunday 23:55 send: ten minutes on, in the next ISO week.
    expect(() => checkSchedule('2014-05-18T15:05:00Z', 'Asia/Seoul', { day: 7, hour: 23, minute: 55 })).not.toThrow();
  });

  it('refuses a schedule out of step, saying when it fired, when site.yml sends, and the params that would match', () => {
    // The default schedule (Monday 08:00 Seoul) for a site in New York: Sunday 19:00 there (EDT).
    expect(() => checkSchedule('2014-05-11T23:00:00Z', 'America/New_York', MONDAY_8)).toThrow(
      "the digest's schedule fired on Sunday 19:00 in America/New_York, but site.yml sends it on Monday at 08:00 (digest.day, digest.time, timezone): nothing was sent; deploy with --param digestSchedule='cron(0 8 ? * MON *)' --param digestTimezone=America/New_York, or change site.yml",
    );
    expect(() => checkSchedule('2014-05-11T23:16:00Z', 'Asia/Seoul', MONDAY_8)).toThrow(/fired on Monday 08:16 in Asia\/Seoul/);
    expect(() => checkSchedule('2014-05-13T23:00:00Z', 'Asia/Seoul', { day: 3, hour: 8, minute: 30 })).toThrow(/sends it on Wednesday at 08:30 .*cron\(30 8 \? \* WED \*\)/);
    expect(() => checkSchedule('yesterday', 'Asia/Seoul', MONDAY_8)).toThrow(/scheduledTime "yesterday" is not an ISO 8601 time/);
  });
});

describe('runWeek', () => {
  // Sunday 23:50 in Auckland: Sunday 2027-01-03 23:50 NZDT (UTC+13) is 10:50 UTC.
  const SUNDAY_2350 = { day: 7, hour: 23, minute: 50 };
  const AUCKLAND = 'Pacific/Auckland';
  const scheduledTime = '2027-01-03T10:50:00Z';
  // 2026-W53 runs Monday 28 December to Sunday 3 January: still running at Sunday 23:50, ended at Monday 00:00.
  const afterMidnight = DateTime.fromISO('2027-01-04T00:02:00+13:00');

  it('sends a scheduled run the week ended at its scheduled time, on a retry after the next week has ended too', () => {
    expect(runWeek(DateTime.fromISO('2027-01-03T23:50:05+13:00'), AUCKLAND, SUNDAY_2350, { scheduledTime }).name).toBe('2026-W52');
    expect(runWeek(afterMidnight, AUCKLAND, SUNDAY_2350, { scheduledTime }).name).toBe('2026-W52');
  });

  it('sends a manual run the week ended at the clock\'s now, or the named week', () => {
    expect(runWeek(afterMidnight, AUCKLAND, SUNDAY_2350, {}).name).toBe('2026-W53');
    expect(runWeek(afterMidnight, AUCKLAND, SUNDAY_2350, { named: '2026-W40' }).name).toBe('2026-W40');
  });

  it('refuses a scheduled run out of step, as checkSchedule does', () => {
    expect(() => runWeek(afterMidnight, 'America/New_York', MONDAY_8, { scheduledTime: '2014-05-11T23:00:00Z' })).toThrow(/fired on Sunday 19:00 in America\/New_York/);
  });
});
