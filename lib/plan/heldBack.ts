import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import { isPublished } from './sitePlan.js';

/** An entry a publish leaves out until its date (README, "Embargo"). */
export interface HeldBack {
  file: string;
  /** Its date, RFC 3339 in the site's zone, as the editor would type it. */
  until: string;
}

/**
 * The entries, not drafts, dated after `now`, soonest first (ties by file): named by a publish, since an embargo set
 * by a slip of the year (2025 for 2024) is otherwise only a count one short in its summary.
 */
export function heldBack(entries: readonly EntryMeta[], now: DateTime, zone: string): HeldBack[] {
  return entries
    .filter((entry) => !entry.draft && !isPublished(entry, now))
    .sort((a, b) => a.date - b.date || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => ({ file: entry.key, until: DateTime.fromMillis(entry.date, { zone }).toISO({ suppressMilliseconds: true }) ?? '' }));
}
