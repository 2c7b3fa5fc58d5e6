import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { Problem } from '../shared/errors.js';
import { asPublishedAt, isPublished } from './sitePlan.js';

/**
 * A warning for each entry published at `now` whose `updated:` is later than `now`: its text is published as it is,
 * the only text there is, while its update time waits for that moment (lib/plan/sitePlan.ts, asPublishedAt); a date
 * in the future is more often a typo of the year.
 */
export function futureUpdates(entries: readonly EntryMeta[], now: DateTime, zone: string): Problem[] {
  const nowMs = now.toMillis();
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  return entries
    .filter((entry) => isPublished(entry, now) && asPublishedAt(entry, nowMs) !== entry)
    .map((entry) => ({
      file: entry.key,
      field: 'updated',
      message: `${shown(entry.updated!)} is later than now (${shown(nowMs)}): the entry is published as it reads now, but its feeds keep its update time (Atom updated, JSON Feed date_modified) at its date, and its page shows no correction date, until then`,
      fix: 'check the date: a correction is dated when it is made',
    }));
}
