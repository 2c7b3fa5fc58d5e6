import type { Problem } from '../shared/errors.js';
import { listSome } from '../shared/listSome.js';
import { tagDir } from '../shared/outputLayout.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';
import { byNewest } from './byNewest.js';
import { isPublishedAt } from './isPublishedAt.js';

interface Spelling {
  name: string;
  slug: string;
  /** The first file (in key order) using it. */
  key: string;
  /** How many entries use it. */
  entries: number;
  /** The last file warned of it. */
  warned?: string;
}

/** An entry as the check reads it: one that could not be read has no date, and names no tag's page. */
interface Tagged {
  key: string;
  tags: readonly Tag[];
  id?: string;
  date?: number;
  draft?: boolean;
}

/**
 * Tags whose names are one once spaces, hyphens, underscores and case are dropped ("북한 경제" and "북한경제", "North
 * Korea" and "NorthKorea") but whose slugs differ: each has its own page, feed and topic, so a subscriber who chooses
 * one misses the entries tagged the other. One warning per spelling, on the first file that uses it, naming the others,
 * and the same on every other file of a spelling whose slug is not kept (the CLI prints those beyond five as one
 * line, lib/shared/warningLines.ts); the fix gives every spelling the slug of the most used one (tagSlugs merges
 * them: tagSlugCollisions does not warn about a slug shared by choice). And those sharing one slug, one tag, when the newest entry spells it unlike every
 * other (renamingSpellings).
 */
export function tagSpacingVariants(entries: readonly Tagged[], nowMs = Infinity): Problem[] {
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
  // A spelling whose page is not the one to keep → the warning each of its files gets.
  const notKept = new Map<Spelling, Omit<Problem, 'file'>>();
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
      const warning = {
        field: 'tags',
        message: `the tag ${JSON.stringify(use.name)} (${tagDir(use.slug)}) differs only in spaces, hyphens or case from ${others}: each has its own page, feed and topic, and a subscriber who chooses one misses the entries tagged the other`,
        fix: `write one spelling in every entry, or publish them as one tag with site.yml tagSlugs: {${merge.join(', ')}}`,
      };
      warnings.push({ file: use.key, ...warning });
      // Each file of a spelling whose page is not kept is one to edit.
      if (use.slug !== keptSlug) notKept.set(use, warning);
    }
  }
  // The other files of those spellings, in the words of the first: found again only when a group warned.
  if (notKept.size > 0) {
    for (const entry of entries) {
      for (const tag of entry.tags) {
        const spelling = tagSpelling(tag.name);
        const use = byCompact.get(spelling.replaceAll(' ', ''))?.get(spelling);
        const warning = use && notKept.get(use);
        if (!warning || use.key === entry.key || use.warned === entry.key) continue;
        use.warned = entry.key;
        warnings.push({ file: entry.key, ...warning });
      }
    }
  }
  warnings.push(...renamingSpellings(entries, nowMs));
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * A tag's page, feeds and topic are named as its newest entry spells it (lib/plan/sitePlan.ts): a case or spacing
 * variant typed in that entry alone ("trade" where the others have "Trade") renames the tag for the whole site. One
 * warning, on that entry, naming the spelling the tag had before it, when at least two entries have that one. Spellings that slug alike but are otherwise
 * different are tagSlugCollisions' (or tagSlugs' choice); an older entry's variant names nothing. Only the entries
 * published at `nowMs` count, as in the plan: an embargoed one names the tag only once its date comes.
 */
function renamingSpellings(entries: readonly Tagged[], nowMs: number): Problem[] {
  // slug → the entries published at nowMs tagged with it, and how each spells it.
  const bySlug = new Map<string, { key: string; id: string; date: number; name: string }[]>();
  for (const entry of entries) {
    if (entry.date === undefined || !isPublishedAt({ date: entry.date, draft: Boolean(entry.draft) }, nowMs)) continue;
    for (const tag of entry.tags) {
      let uses = bySlug.get(tag.slug);
      if (!uses) bySlug.set(tag.slug, (uses = []));
      uses.push({ key: entry.key, id: entry.id ?? entry.key, date: entry.date, name: tag.name });
    }
  }
  const warnings: Problem[] = [];
  for (const uses of bySlug.values()) {
    // The order the plan names the tag by.
    uses.sort(byNewest);
    const [newest, ...others] = uses;
    if (!newest || others.length === 0 || others.some((other) => other.name === newest.name)) continue;
    const before = others[0]!.name;
    if (tagSpelling(before) !== tagSpelling(newest.name)) continue;
    const count = others.filter((other) => other.name === before).length;
    // One entry each: neither spelling is yet the site's.
    if (count < 2) continue;
    warnings.push({
      file: newest.key,
      field: 'tags',
      message: `${JSON.stringify(newest.name)} is spelled ${JSON.stringify(before)} in ${count < others.length ? `${count} of the other ${others.length} entries` : `the other ${count} entries`} with that tag: as its newest entry, this one renames the tag ${JSON.stringify(newest.name)} on its page, feeds and subscription topic`,
      fix: `write ${JSON.stringify(before)} here, or ${JSON.stringify(newest.name)} in the other entries to rename the tag`,
    });
  }
  return warnings;
}
