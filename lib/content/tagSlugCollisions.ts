import type { Problem } from '../shared/errors.js';
import { listSome } from '../shared/listSome.js';
import { tagDir } from '../shared/outputLayout.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';

/**
 * Tags spelled differently ("C++", "C#", "C") whose slugs are one (`tags/c/`) share one page and feed, named after
 * whichever entry is newest: one warning per spelling, on the first file (in key order) that uses it, naming the
 * others, with the fix. Spellings that differ only by case, accents or spacing are one tag, and no warning; nor are
 * spellings site.yml's `tagSlugs` gives the slug of another (`{"북한 경제": <slug of 북한경제>}` merges them by choice).
 */
export function tagSlugCollisions(entries: readonly { key: string; tags: readonly Tag[] }[], overrides?: Readonly<Record<string, string>>): Problem[] {
  // slug → spelling → the first file and name using it.
  const bySlug = new Map<string, Map<string, { key: string; name: string }>>();
  for (const entry of entries) {
    for (const tag of entry.tags) {
      let spellings = bySlug.get(tag.slug);
      if (!spellings) bySlug.set(tag.slug, (spellings = new Map()));
      const spelling = tagSpelling(tag.name);
      if (!spellings.has(spelling)) spellings.set(spelling, { key: entry.key, name: tag.name });
    }
  }
  const warnings: Problem[] = [];
  for (const [slug, spellings] of bySlug) {
    if (spellings.size < 2) continue;
    // Shared by choice unless two spellings got the slug from slugify.
    if ([...spellings.keys()].filter((spelling) => overrides?.[spelling] === undefined).length < 2) continue;
    const all = [...spellings.values()];
    for (const use of all) {
      const others = listSome(all, (other) => other === use, all.length - 1, (other) => `${JSON.stringify(other.name)} (${other.key})`);
      const example = all.slice(0, 3).map((other, index) => `${JSON.stringify(other.name)}: ${slug}-${index + 1}`).join(', ');
      warnings.push({
        file: use.key,
        field: 'tags',
        message: `the tag ${JSON.stringify(use.name)} is published at ${tagDir(slug)} with ${others}: one page and feed for all`,
        fix: `use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {${example}}`,
      });
    }
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
