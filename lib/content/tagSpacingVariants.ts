import type { Problem } from '../shared/errors.js';
import { listSome } from '../shared/listSome.js';
import { tagDir } from '../shared/outputLayout.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';

interface Spelling {
  name: string;
  slug: string;
  /** The first file (in key order) using it. */
  key: string;
  /** How many entries use it. */
  entries: number;
}

/**
 * Tags whose names are one once spaces, hyphens, underscores and case are dropped ("북한 경제" and "북한경제", "North
 * Korea" and "NorthKorea") but whose slugs differ: each has its own page, feed and topic, so a subscriber who chooses
 * one misses the entries tagged the other. One warning per spelling, on the first file that uses it, naming the others;
 * the fix gives every spelling the slug of the most used one (tagSlugs merges them: tagSlugCollisions does not warn
 * about a slug shared by choice).
 */
export function tagSpacingVariants(entries: readonly { key: string; tags: readonly Tag[] }[]): Problem[] {
  // Name without spaces and hyphens → spelling (tagSpelling) → its use.
  const byCompact = new Map<string, Map<string, Spelling>>();
  for (const entry of entries) {
    for (const tag of entry.tags) {
      const spelling = tagSpelling(tag.name);
      const compact = spelling.replaceAll(' ', '');
      let spellings = byCompact.get(compact);
      if (!spellings) byCompact.set(compact, (spellings = new Map()));
      const use = spellings.get(spelling);
      if (use) use.entries++;
      else spellings.set(spelling, { name: tag.name, slug: tag.slug, key: entry.key, entries: 1 });
    }
  }
  const warnings: Problem[] = [];
  for (const spellings of byCompact.values()) {
    const all = [...spellings.values()];
    if (new Set(all.map((use) => use.slug)).size < 2) continue;
    // The page and feed to keep: the one of most entries, the first used on a tie (all is in first-use order).
    const perSlug = new Map<string, number>();
    for (const use of all) perSlug.set(use.slug, (perSlug.get(use.slug) ?? 0) + use.entries);
    const keptSlug = [...perSlug].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
    const merge = all.filter((use) => use.slug !== keptSlug).map((use) => `${JSON.stringify(use.name)}: ${keptSlug}`);
    for (const use of all) {
      const elsewhere = all.filter((other) => other.slug !== use.slug).length;
      const others = listSome(all, (other) => other.slug === use.slug, elsewhere, (other) => `${JSON.stringify(other.name)} (${other.key}, ${tagDir(other.slug)})`);
      warnings.push({
        file: use.key,
        field: 'tags',
        message: `the tag ${JSON.stringify(use.name)} (${tagDir(use.slug)}) differs only in spaces, hyphens or case from ${others}: each has its own page, feed and topic, and a subscriber who chooses one misses the entries tagged the other`,
        fix: `write one spelling in every entry, or publish them as one tag with site.yml tagSlugs: {${merge.join(', ')}}`,
      });
    }
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
