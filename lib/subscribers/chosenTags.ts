import type { EntryMeta, Tag } from '../content/entry.js';
import type { Site } from '../content/site.js';
import { tagSlug } from '../content/tagSlug.js';
import { byTagName } from '../plan/byTagName.js';

/** The chosen tags, as the site names them (their slugs are what a subscriber's record keeps); or the names no entry has, with the site's tags by name. */
export type ChosenTags = { ok: true; tags: Tag[] } | { ok: false; unknown: string[]; known: Tag[] };

/**
 * The tags an editor chose for a subscriber, as the digest matches them: by slug (lib/delivery/digestDelivery.ts), so
 * `Trade`, `trade` and `North Korea` are stored as `trade` and `north-korea`, site.yml's tagSlugs applied. A tag no
 * entry has (drafts aside) is refused: a subscriber who chose only such tags would never be sent a digest.
 */
export function chosenTags(given: readonly string[], site: Site, entries: readonly EntryMeta[]): ChosenTags {
  const known = new Map<string, Tag>();
  for (const entry of entries) if (!entry.draft) for (const tag of entry.tags) if (!known.has(tag.slug)) known.set(tag.slug, tag);
  const tags: Tag[] = [];
  const unknown: string[] = [];
  for (const name of given) {
    const tag = known.get(tagSlug(name, site.tagSlugs));
    if (!tag) unknown.push(name);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  if (unknown.length > 0) return { ok: false, unknown, known: [...known.values()].sort(byTagName) };
  return { ok: true, tags };
}
