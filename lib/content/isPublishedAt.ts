import type { EntryMeta } from './entry.js';

/**
 * An entry dated after `nowMs` is embargoed: it appears nowhere until then. Drafts never publish. The plan's rule
 * (lib/plan/sitePlan.ts isPublished), here for the checks that read entries before any plan.
 */
export function isPublishedAt(entry: Pick<EntryMeta, 'draft' | 'date'>, nowMs: number): boolean {
  return !entry.draft && entry.date <= nowMs;
}
