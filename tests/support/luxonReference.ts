import { DateTime, Settings } from 'luxon';

// luxon resolves a wall-clock time that occurs twice by the offset in force at the real current time, so a
// reference computed with it depends on the season the tests run in. Computing it with luxon's clock set a day
// before and a day after the time gives both readings (the offsets before and after any transition near it);
// where they differ the time is ambiguous, and Broadsheet takes the earlier.
function readings(iso: string, zone: string): DateTime[] {
  const asUtc = DateTime.fromISO(iso, { zone: 'utc' }).toMillis();
  return [asUtc - 86_400_000, asUtc + 86_400_000].map((now) => withNow(now, () => DateTime.fromISO(iso, { zone })));
}

function withNow<T>(now: number, work: () => T): T {
  const saved = Settings.now;
  Settings.now = () => now;
  try {
    return work();
  } finally {
    Settings.now = saved;
  }
}

/** luxon's instant for an ISO text without offset in `zone`, the earlier one when the text names two; undefined if invalid. */
export function luxonLocalInstant(iso: string, zone: string): number | undefined {
  const both = readings(iso, zone);
  if (!both[0]!.isValid) return undefined;
  return Math.min(...both.map((reading) => reading.toMillis()));
}

/** Whether luxon's two readings differ: the wall-clock time occurs twice in `zone`. */
export function isAmbiguousInLuxon(iso: string, zone: string): boolean {
  const [before, after] = readings(iso, zone).map((reading) => reading.toMillis());
  return before !== after;
}
