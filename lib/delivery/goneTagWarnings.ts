import type { Problem } from '../shared/errors.js';
import { countOf } from '../shared/countOf.js';

/**
 * Subscribers who chose a tag the site no longer has (no published entry carries it, no tagSlugs line gives it):
 * the digest matches their choice by slug, so they get nothing, every week, as in a quiet one. Most often the tag
 * was renamed; a tagSlugs line giving the new name the old slug keeps their topic. `gone`: each such slug and how
 * many subscribers chose it.
 */
export function goneTagWarnings(gone: Readonly<Record<string, number>>): Problem[] {
  return Object.entries(gone)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([slug, subscribers]) => ({
      file: 'site.yml',
      field: 'tagSlugs',
      message: `${countOf(subscribers, 'subscriber', 'subscribers')} chose the tag ${slug}, which no published entry has any more: no entry of any week reaches them through it, as if every week were a quiet one`,
      fix: `if the tag was renamed, add tagSlugs: {"New name": ${slug}} with its new name to keep their topic; otherwise tell them to choose their topics again`,
    }));
}

/** Two counts of subscribers by gone tag (one per shard of the store) as one. */
export function mergeGoneTags(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined): Record<string, number> | undefined {
  if (!a && !b) return undefined;
  // No prototype: a slug such as constructor is a key like any other.
  const merged: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, a);
  for (const [slug, n] of Object.entries(b ?? {})) merged[slug] = (merged[slug] ?? 0) + n;
  return merged;
}
