import type { Problem } from '../shared/errors.js';
import { listSome } from '../shared/listSome.js';
import { tagDir } from '../shared/outputLayout.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';

/**
 * Tags spelled differently ("C++", "C#", "C") whose slugs are one (`tags/c/`) share one page and feed, named after
 * whichever entry is newest: one warning per spelling, on the first file (in key order) that uses it alone, naming
 * the others, with the fix. An entry that has several of them is tagged with its first (mergedTags holds the others):
 * its warning names them all, the one kept, and the other files using the slug. Spellings that differ only by case,
 * accents or spacing are one tag, and no warning; nor are spellings site.yml's `tagSlugs` gives the slug of another
 * (`{"북한 경제": <slug of 북한경제>}` merges them by choice).
 */
export function tagSlugCollisions(entries: readonly { key: string; tags: readonly Tag[]; mergedTags?: readonly Tag[] }[], overrides?: Readonly<Record<string, string>>): Problem[] {
  // slug → spelling → its first use, the first by another file, and the first by a file that has no other spelling
  // of the slug: an entry that merged spellings has a warning of its own, so its uses must not hide another file's.
  const bySlug = new Map<string, Map<string, Uses>>();
  // slug → the entries that typed several spellings of it: the file, and the names of its spellings, the kept first.
  const merging = new Map<string, { key: string; names: string[] }[]>();
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
      let spellings = bySlug.get(tag.slug);
      if (!spellings) bySlug.set(tag.slug, (spellings = new Map()));
      const spelling = tagSpelling(tag.name);
      const use = { key: entry.key, name: tag.name };
      let uses = spellings.get(spelling);
      if (!uses) spellings.set(spelling, (uses = { first: use }));
      else if (!uses.other && uses.first.key !== entry.key) uses.other = use;
      if (!uses.alone && !merges.has(tag.slug)) uses.alone = use;
    }
  }
  const warnings: Problem[] = [];
  const quoted = new Intl.ListFormat('en', { type: 'conjunction' });
  for (const [slug, spellings] of bySlug) {
    if (spellings.size < 2) continue;
    // Shared by choice unless two spellings got the slug from slugify.
    if ([...spellings.keys()].filter((spelling) => overrides?.[spelling] === undefined).length < 2) continue;
    const all = [...spellings.values()];
    const example = all.slice(0, 3).map((uses, index) => `${JSON.stringify(uses.first.name)}: ${slug}-${index + 1}`).join(', ');
    const fix = `use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {${example}}`;
    const named = (use: { key: string; name: string }) => `${JSON.stringify(use.name)} (${use.key})`;
    for (const { key, names } of merging.get(slug) ?? []) {
      // Each spelling as another file uses it, that file alone if it can be.
      const elsewhere = all.flatMap((uses) => {
        const use = uses.alone ?? (uses.first.key === key ? uses.other : uses.first);
        return use ? [use] : [];
      });
      const others = elsewhere.length > 0 ? ` with ${listSome(elsewhere, () => false, elsewhere.length, named)}` : '';
      const [kept, ...merged] = names.map((name) => JSON.stringify(name));
      warnings.push({
        file: key,
        field: 'tags',
        message: `the tags ${quoted.format([kept!, ...merged])} are all published at ${tagDir(slug)}${others}, one page and feed: this entry is tagged ${kept} alone, ${quoted.format(merged)} merged into it`,
        fix,
      });
    }
    const shown = all.map((uses) => uses.alone ?? uses.first);
    for (const [index, { alone }] of all.entries()) {
      if (!alone) continue;
      warnings.push({
        file: alone.key,
        field: 'tags',
        message: `the tag ${JSON.stringify(alone.name)} is published at ${tagDir(slug)} with ${listSome(shown, (use) => use === shown[index], shown.length - 1, named)}: one page and feed for all`,
        fix,
      });
    }
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

interface Uses {
  first: { key: string; name: string };
  other?: { key: string; name: string };
  alone?: { key: string; name: string };
}
