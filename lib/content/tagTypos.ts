import type { Problem } from '../shared/errors.js';
import { NearNames } from '../shared/nearNames.js';
import { nearestName } from '../shared/nearestName.js';
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

/** Below this many entries, a site's tags are mostly one entry's each: two such tags near each other are said too. */
export const SMALL_SITE_ENTRIES = 10;

/**
 * A tag on one entry only, a slip or two from a tag other entries share (`Trdae` beside the site's `Trade`): a
 * publish gives it a page, feeds and a subscription topic of its own. The rule is `broadsheet new`'s for --tags
 * (nearestName: two slips at most, fewer than half its letters, never a guess between two). Said, not refused: a
 * new tag is often meant; so only the tag one entry has, near one at least two have (on a larger site, two entries'
 * tags each near the other say nothing: below), and not when the entry has that one too. Spellings that differ only in spaces, or share a
 * slug, are tagSpacingVariants' and tagSlugCollisions'. One pass over the entries' tags, then a lookup per lone
 * tag whose cost is its length's (NearNames), so a site of many entries pays for its distinct tags, not entries × tags.
 *
 * A site of fewer than SMALL_SITE_ENTRIES entries has few tags two entries share yet: there, a tag one entry has near
 * a tag one other entry has is said too, on each of the two (which is the slip, no rule can tell), each naming the
 * other's file. Not on a larger site, where two tags of one entry each (`Iran`, `Iraq`) are most often both meant.
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
  const compact = (name: string) => tagSpelling(name).replaceAll(' ', '');
  // Not a slip for `other`: the entry has that tag too, or the two are one tag (one slug), or spaced apart only.
  const apart = (use: TagUse, other: TagUse) => use.tags.some((tag) => tagSpelling(tag.name) === tagSpelling(other.name)) || other.slug === use.slug || compact(other.name) === compact(use.name);
  const warnings: Problem[] = [];
  const near = shared.size === 0 ? undefined : new NearNames(shared.keys());
  // A lone tag near a shared one is that one's slip; only one near no shared tag is asked of the other lone ones.
  const unmatched: TagUse[] = [];
  for (const use of lone) {
    const meant = near?.nearest(use.name);
    const other = meant === undefined ? undefined : shared.get(meant);
    if (other === undefined) {
      unmatched.push(use);
      continue;
    }
    if (apart(use, other)) continue;
    warnings.push({
      file: use.key,
      field: `tags[${use.index}]`,
      message: `tag ${quote(use.name)} is used by this entry only; did you mean ${quote(other.name)} (used by ${other.entries} entries)?`,
      fix: `if so, write ${other.name} in this entry's tags; if a new tag is meant, leave it: a publish adds a page, feeds and a subscription topic for ${use.name}`,
    });
  }
  if (entries.length < SMALL_SITE_ENTRIES) {
    const loneNamed = new Map(lone.map((use) => [use.name, use]));
    const paired = new Map<TagUse, TagUse>();
    for (const use of unmatched) {
      const meant = nearestName(use.name, [...loneNamed.keys()].filter((name) => name !== use.name));
      const other = meant === undefined ? undefined : loneNamed.get(meant);
      if (other !== undefined && !apart(use, other)) paired.set(use, other);
    }
    const pairWarning = (use: TagUse, other: TagUse): Problem => ({
      file: use.key,
      field: `tags[${use.index}]`,
      message: `tag ${quote(use.name)} is used by this entry only, and ${quote(other.name)}, a slip away, by ${other.key} only: is one a slip for the other?`,
      fix: `if so, write the same spelling in both entries; if two tags are meant, leave them: a publish adds a page, feeds and a subscription topic for each`,
    });
    for (const [use, other] of paired) {
      warnings.push(pairWarning(use, other));
      // Said at the other too, whose own nearest is not this one (two as near, so no guess): the slip may be either.
      if (!paired.has(other) && unmatched.includes(other)) warnings.push(pairWarning(other, use));
    }
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
