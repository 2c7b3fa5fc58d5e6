import type { Problem } from '../shared/errors.js';
import { listSome } from '../shared/listSome.js';
import { onFirstCall } from '../shared/onFirstCall.js';
import { tagDir } from '../shared/outputLayout.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';

// Made only for a warning: Intl loads its list patterns as a formatter is made, which every content read would pay.
const conjunction = onFirstCall(() => new Intl.ListFormat('en', { type: 'conjunction' }));

/**
 * Tags spelled differently ("C++", "C#", "C") whose slugs are one (`tags/c/`) share one page and feed, named after
 * whichever entry is newest: one warning per spelling, on the first file (in key order) that uses it alone, naming
 * the others, with the fix; and one on every other file using alone a spelling not kept (the one of most entries, the
 * first used on a tie), word for word its first file's, which the CLI prints as one line beyond five files
 * (lib/shared/warningLines.ts), its fix naming the spelling to write. An entry that has several of them is tagged
 * with its first (mergedTags holds the others): its warning names them all, the one kept, and the other files using
 * the slug. Spellings that differ only by case,
 * accents or spacing are one tag, and no warning; nor are spellings site.yml's `tagSlugs` gives the slug of another
 * (`{"북한 경제": <slug of 북한경제>}` merges them by choice).
 */
export function tagSlugCollisions(entries: readonly { key: string; tags: readonly Tag[]; mergedTags?: readonly Tag[] }[], overrides?: Readonly<Record<string, string>>): Problem[] {
  // slug → spelling → its first use, the first by another file, and the first by a file that has no other spelling
  // of the slug: an entry that merged spellings has a warning of its own, so its uses must not hide another file's.
  const bySlug = new Map<string, Map<string, Uses>>();
  // slug → the entries that typed several spellings of it: the file, and the names of its spellings, the kept first.
  const merging = new Map<string, { key: string; names: string[] }[]>();
  // slug → how many entries have it, and the last one counted.
  const entriesAt = new Map<string, { entries: number; last: string }>();
  for (const entry of entries) {
    const merges = new Set<string>();
    for (const kept of entry.mergedTags ? entry.tags : []) {
      const names = [kept.name];
      const typed = new Set([tagSpelling(kept.name)]);
      for (const merged of entry.mergedTags!) {
        if (merged.slug !== kept.slug || typed.has(tagSpelling(merged.name))) continue;
        typed.add(tagSpelling(merged.name));
        names.push(merged.name);
      }
      if (names.length < 2) continue;
      merges.add(kept.slug);
      let files = merging.get(kept.slug);
      if (!files) merging.set(kept.slug, (files = []));
      files.push({ key: entry.key, names });
    }
    for (const tag of entry.mergedTags ? [...entry.tags, ...entry.mergedTags] : entry.tags) {
      const at = entriesAt.get(tag.slug);
      if (!at) entriesAt.set(tag.slug, { entries: 1, last: entry.key });
      else if (at.last !== entry.key) {
        at.entries++;
        at.last = entry.key;
      }
      let spellings = bySlug.get(tag.slug);
      if (!spellings) bySlug.set(tag.slug, (spellings = new Map()));
      const spelling = tagSpelling(tag.name);
      const use = { key: entry.key, name: tag.name };
      let uses = spellings.get(spelling);
      if (!uses) spellings.set(spelling, (uses = { first: use, entries: 0 }));
      else if (!uses.other && uses.first.key !== entry.key) uses.other = use;
      // An entry typing one spelling twice counts once.
      if (uses.last !== entry.key) uses.entries++;
      uses.last = entry.key;
      if (!uses.alone && !merges.has(tag.slug)) uses.alone = use;
    }
  }
  const warnings: Problem[] = [];
  // A spelling not kept → the warning each file using it alone gets.
  const notKept = new Map<Uses, Omit<Problem, 'file'>>();
  for (const [slug, spellings] of bySlug) {
    if (spellings.size < 2) continue;
    // Shared by choice unless two spellings got the slug from slugify, or one got it as a hash (HASH_SLUG), which
    // no editor writes for another tag: that merge is told.
    const unchosen = [...spellings.keys()].filter((spelling) => overrides?.[spelling] === undefined);
    if (unchosen.length === 1 && HASH_SLUG.test(slug)) warnings.push(hashSlugChosen(slug, spellings, unchosen[0]!));
    if (unchosen.length < 2) continue;
    const all = [...spellings.values()];
    const example = all.slice(0, 3).map((uses, index) => `${JSON.stringify(uses.first.name)}: ${slug}-${index + 1}`).join(', ');
    const fix = `use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {${example}}`;
    const named = (use: { key: string; name: string }) => `${JSON.stringify(use.name)} (${use.key})`;
    // How many spellings each file alone uses, none of them alone: a merging file's warning has no other file for them.
    const ownOnly = new Map<string, number>();
    for (const uses of all) if (!uses.alone && !uses.other) ownOnly.set(uses.first.key, (ownOnly.get(uses.first.key) ?? 0) + 1);
    for (const { key, names } of merging.get(slug) ?? []) {
      // Each spelling as another file uses it, that file alone if it can be: listed as the message takes them, which
      // is a few, passing over only this file's own spellings.
      const elsewhere = function* () {
        for (const uses of all) {
          const use = uses.alone ?? (uses.first.key === key ? uses.other : uses.first);
          if (use) yield use;
        }
      };
      const count = all.length - (ownOnly.get(key) ?? 0);
      const others = count > 0 ? ` with ${listSome(elsewhere(), () => false, count, named)}` : '';
      const [kept, ...merged] = names.map((name) => JSON.stringify(name));
      warnings.push({
        file: key,
        field: 'tags',
        message: `the tags ${conjunction().format([kept!, ...merged])} are all published at ${tagDir(slug)}${others}, one page and feed: this entry is tagged ${kept} alone, ${conjunction().format(merged)} merged into it`,
        fix,
      });
    }
    // The spelling to keep: the one of most entries, the first used on a tie (all is in first-use order).
    const kept = all.reduce((best, next) => (next.entries > best.entries ? next : best));
    const keepFix = `write ${JSON.stringify(kept.first.name)} here, the spelling of ${kept.entries} of the ${entriesAt.get(slug)!.entries} entries at ${tagDir(slug)}, or give each spelling its own slug in site.yml, e.g. tagSlugs: {${example}}`;
    const shown = all.map((uses) => uses.alone ?? uses.first);
    for (const [index, uses] of all.entries()) {
      if (!uses.alone) continue;
      const warning = {
        field: 'tags',
        message: `the tag ${JSON.stringify(uses.alone.name)} is published at ${tagDir(slug)} with ${listSome(shown, (use) => use === shown[index], shown.length - 1, named)}: one page and feed for all`,
        fix: uses === kept ? fix : keepFix,
      };
      warnings.push({ file: uses.alone.key, ...warning });
      // Each file of a spelling not kept is one to edit.
      if (uses !== kept) notKept.set(uses, warning);
    }
  }
  // The other files using alone a spelling not kept, found again only for the slugs that collide.
  if (notKept.size > 0) {
    for (const entry of entries) {
      for (const tag of entry.tags) {
        const uses = bySlug.get(tag.slug)?.get(tagSpelling(tag.name));
        const warning = uses && notKept.get(uses);
        if (!warning || uses.alone!.key === entry.key) continue;
        // An entry merging another spelling into this one has its own warning.
        if (entry.mergedTags?.some((merged) => merged.slug === tag.slug && tagSpelling(merged.name) !== tagSpelling(tag.name))) continue;
        warnings.push({ file: entry.key, ...warning });
      }
    }
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

// The slug slugify gives a tag of no letter or digit ("!!!"): `tag-` and ten hex digits of its hash.
const HASH_SLUG = /^tag-[0-9a-f]{10}$/;

/**
 * The warning for a hashed slug (HASH_SLUG) site.yml's tagSlugs gives another tag: on the first file using the tag
 * hashed, naming both tags and a file of the other, and the fix.
 */
function hashSlugChosen(slug: string, spellings: ReadonlyMap<string, Uses>, hashed: string): Problem {
  const own = spellings.get(hashed)!.first;
  const others = [...spellings.values()].filter((uses) => uses.first !== own).map((uses) => `${JSON.stringify(uses.first.name)} (${uses.first.key})`);
  return {
    file: own.key,
    field: 'tags',
    message: `the tag ${JSON.stringify(own.name)} gets the slug ${slug} from its name (a hash: it has no letter or digit), which site.yml's tagSlugs also gives ${conjunction().format(others)}: all are published at ${tagDir(slug)}, one page and feed`,
    fix: `give the other tag${others.length === 1 ? '' : 's'} another slug in site.yml's tagSlugs, or this one a slug of its own (tagSlugs: {${JSON.stringify(own.name)}: a-name})`,
  };
}

interface Uses {
  first: { key: string; name: string };
  other?: { key: string; name: string };
  alone?: { key: string; name: string };
  /** How many entries use the spelling, and the last one counted. */
  entries: number;
  last?: string;
}
