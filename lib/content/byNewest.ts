import type { EntryMeta } from './entry.js';

/** Newest first, ties by id: the order of every feed, and the one whose first entry names a tag (lib/plan/sitePlan.ts). */
export function byNewest(a: Pick<EntryMeta, 'date' | 'id'>, b: Pick<EntryMeta, 'date' | 'id'>): number {
  return b.date - a.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
