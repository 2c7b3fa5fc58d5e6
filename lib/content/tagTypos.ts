import type { Problem } from '../shared/errors.js';
import { NearNames } from '../shared/nearNames.js';
import { quote } from '../shared/quote.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';

/** A tag as the entries spell it (tagSpelling), with the first entry that has it. */
interface TagUse {
  name: string;
  slug: string;
  entries: number;
  key: string;
  /** Its place in that entry's `tags:` as written, which the warning names (`tags[1]`). */
  index: number;
  /** That entry's tags. */
  tags: readonly Tag[];
}

/**
 * A tag on one entry only, a slip or two from a tag other entries share (`Trdae` beside the site's `Trade`): a
 * publish gives it a page, feeds and a subscription topic of its own. The rule is `broadsheet new`'s for --tags
 * (nearestName: two slips at most, fewer than half its letters, never a guess between two). Said, not refused: a
 * new tag is often meant; so only the tag one entry has, near one at least two have (two entries' tags each near the
 * other say nothing), and not when the entry has that one too. Spellings that differ only in spaces, or share a
 * slug, are tagSpacingVariants' and tagSlugCollisions'. One pass over the entries' tags, then a lookup per lone
 * tag whose cost is its length's (NearNames), so a site of many entries pays for its distinct tags, not entries × tags.
 */
export function tagTypos(entries: readonly { key: string; tags: readonly Tag[]; tagIndexes?: readonly number[] }[]): Problem[] {
  const uses = new Map<string, TagUse>();
  for (const entry of entries) {
    entry.tags.forEach((tag, index) => {
      const spelling = tagSpelling(tag.name);
      const use = uses.get(spelling);
      if (use === undefined) uses.set(spelling, { name: tag.name, slug: tag.slug, entries: 1, key: entry.key, index: entry.tagIndexes?.[index] ?? index, tags: entry.tags });
      // An entry's tags are one per spelling (lib/content/entry.ts), so each use is another entry's.
      else use.entries++;
    });
  }
  const lone = [...uses.values()].filter((use) => use.entries === 1);
  if (lone.length === 0) return [];
  const shared = new Map([...uses.values()].filter((use) => use.entries > 1).map((use) => [use.name, use]));
  if (shared.size === 0) return [];
  const near = new NearNames(shared.keys());
  const compact = (name: string) => tagSpelling(name).replaceAll(' ', '');
  const warnings: Problem[] = [];
  for (const use of lone) {
    const meant = near.nearest(use.name);
    const other = meant === undefined ? undefined : shared.get(meant);
    if (other === undefined || use.tags.some((tag) => tagSpelling(tag.name) === tagSpelling(other.name)) || other.slug === use.slug || compact(other.name) === compact(use.name)) continue;
    warnings.push({
      file: use.key,
      field: `tags[${use.index}]`,
      message: `tag ${quote(use.name)} is used by this entry only; did you mean ${quote(other.name)} (used by ${other.entries} entries)?`,
      fix: `if so, write ${other.name} in this entry's tags; if a new tag is meant, leave it: a publish adds a page, feeds and a subscription topic for ${use.name}`,
    });
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
