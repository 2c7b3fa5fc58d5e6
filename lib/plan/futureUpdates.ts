import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { Problem } from '../shared/errors.js';
import { asPublishedAt, isPublished } from './sitePlan.js';

/**
 * A warning for each entry published at `now` whose `updated:` is later than `now`: no feed shows that correction
 * until then (lib/plan/sitePlan.ts, asPublishedAt), and a date in the future is more often a typo of the year.
 */
export function futureUpdates(entries: readonly EntryMeta[], now: DateTime, zone: string): Problem[] {
  const nowMs = now.toMillis();
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  return entries
    .filter((entry) => isPublished(entry, now) && asPublishedAt(entry, nowMs) !== entry)
    .map((entry) => ({
      file: entry.key,
      field: 'updated',
      message: `${shown(entry.updated!)} is later than now (${shown(nowMs)}): no feed shows this correction until then`,
      fix: 'check the date: a correction is dated when it is made',
    }));
}
