import type { Problem } from '../shared/errors.js';
import { listSome } from '../shared/listSome.js';
import { tagDir } from '../shared/outputLayout.js';
import type { Tag } from './entry.js';
import { tagSpelling } from './tagSlug.js';

/**
 * Tags spelled differently ("C++", "C#", "C") whose slugs are one (`tags/c/`) share one page and feed, named after
 * whichever entry is newest: one warning per spelling, on the first file (in key order) that uses it, naming the
 * others, with the fix. An entry that has several of them is tagged with its first (mergedTags holds the others):
 * its warning names them all and the one kept. Spellings that differ only by case, accents or spacing are one tag,
 * and no warning; nor are spellings site.yml's `tagSlugs` gives the slug of another (`{"북한 경제": <slug of 북한경제>}`
 * merges them by choice).
 */
export function tagSlugCollisions(entries: readonly { key: string; tags: readonly Tag[]; mergedTags?: readonly Tag[] }[], overrides?: Readonly<Record<string, string>>): Problem[] {
  // slug → spelling → the first file and name using it.
  const bySlug = new Map<string, Map<string, { key: string; name: string }>>();
  // slug → the entries that typed several spellings of it: the file, and the names of its spellings, the kept first.
  const merging = new Map<string, { key: string; names: string[] }[]>();
  for (const entry of entries) {
    for (const tag of entry.mergedTags ? [...entry.tags, ...entry.mergedTags] : entry.tags) {
      let spellings = bySlug.get(tag.slug);
      if (!spellings) bySlug.set(tag.slug, (spellings = new Map()));
      const spelling = tagSpelling(tag.name);
      if (!spellings.has(spelling)) spellings.set(spelling, { key: entry.key, name: tag.name });
    }
    for (const kept of entry.mergedTags ? entry.tags : []) {
      const names = [kept.name];
      const typed = new Set([tagSpelling(kept.name)]);
      for (const merged of entry.mergedTags!) {
        if (merged.slug !== kept.slug || typed.has(tagSpelling(merged.name))) continue;
        typed.add(tagSpelling(merged.name));
        names.push(merged.name);
      }
      if (names.length < 2) continue;
      let files = merging.get(kept.slug);
      if (!files) merging.set(kept.slug, (files = []));
      files.push({ key: entry.key, names });
    }
  }
  const warnings: Problem[] = [];
  const quoted = new Intl.ListFormat('en', { type: 'conjunction' });
  for (const [slug, spellings] of bySlug) {
    if (spellings.size < 2) continue;
    // Shared by choice unless two spellings got the slug from slugify.
    if ([...spellings.keys()].filter((spelling) => overrides?.[spelling] === undefined).length < 2) continue;
    const all = [...spellings.values()];
    const example = all.slice(0, 3).map((other, index) => `${JSON.stringify(other.name)}: ${slug}-${index + 1}`).join(', ');
    const fix = `use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {${example}}`;
    const mergingFiles = merging.get(slug) ?? [];
    for (const { key, names } of mergingFiles) {
      const typed = new Set(names.map(tagSpelling));
      const elsewhere = all.filter((other) => !typed.has(tagSpelling(other.name)));
      const others = elsewhere.length > 0 ? ` with ${listSome(elsewhere, () => false, elsewhere.length, (other) => `${JSON.stringify(other.name)} (${other.key})`)}` : '';
      const [kept, ...merged] = names.map((name) => JSON.stringify(name));
      warnings.push({
        file: key,
        field: 'tags',
        message: `the tags ${quoted.format([kept!, ...merged])} are all published at ${tagDir(slug)}${others}, one page and feed: this entry is tagged ${kept} alone, ${quoted.format(merged)} merged into it`,
        fix,
      });
    }
    // A file that merged spellings has its warning already.
    const merges = new Set(mergingFiles.map((file) => file.key));
    for (const use of all) {
      if (merges.has(use.key)) continue;
      const others = listSome(all, (other) => other === use, all.length - 1, (other) => `${JSON.stringify(other.name)} (${other.key})`);
      warnings.push({
        file: use.key,
        field: 'tags',
        message: `the tag ${JSON.stringify(use.name)} is published at ${tagDir(slug)} with ${others}: one page and feed for all`,
        fix,
      });
    }
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
