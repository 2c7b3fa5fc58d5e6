import type { EntryMeta, Tag } from '../content/entry.js';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { TagSummary } from '../plan/sitePlan.js';
import type { Problem } from '../shared/errors.js';
import { FEED_FILES, TAGS_DIR } from '../shared/outputLayout.js';
import { listSome } from '../shared/listSome.js';
import { slugify } from '../shared/slug.js';
import type { Change } from './manifest.js';

const TAG_FEED = new RegExp(`^${TAGS_DIR}([^/]+)/${FEED_FILES.rss.replace('.', '\\.')}$`);

/**
 * The tag feeds a publish deletes. Their readers find no feed at their next fetch and keep what they have, and no
 * reader says why. A tag still published under another address moved: its name is the one the last publish gave
 * the deleted feed (`published`, its tags/tags.json: lib/subscribers/publishedTags.ts), or, not known, the one whose
 * own slug the deleted feed had. The warning says so, with the tagSlugs line that keeps the old address (the
 * line to remove, to restore, or to write back). Otherwise no published entry has the tag: most often it was renamed
 * or merged into another, and `tagSlugs` keeps the old address for the new spelling. The warning names that line for a
 * tag whose feed is new in the same publish only when an entry that had the deleted tag at the last publish has it now
 * (`retagged`: tagsNowOfTagged), and only one such (nor one with a tagSlugs line of its own, which the fix would undo):
 * a tag added elsewhere in the same publish is no rename.
 * Unless the tag's entries are left out while invalid (--skip-invalid; `leftOut`, their files by the deleted feed's
 * slug): then it says so, since fixing them brings the feeds back.
 */
export function deletedTagFeeds(changes: readonly Pick<Change, 'key' | 'status'>[], tags: readonly TagSummary[], published: readonly Tag[] = [], leftOut: ReadonlyMap<string, readonly string[]> = new Map(), retagged: ReadonlyMap<string, ReadonlySet<string>> = new Map()): Problem[] {
  const slugsOf = (status: Change['status']) => changes.flatMap((change) => (change.status === status ? (TAG_FEED.exec(change.key)?.slice(1, 2) ?? []) : []));
  const deleted = slugsOf('deleted');
  if (deleted.length === 0) return [];
  // A tag whose slug is not slugify's has one from tagSlugs.
  const fromLine = (tag: Tag) => tag.slug !== slugify(tag.name);
  const moved = tags.filter((summary) => fromLine(summary.tag));
  const added = new Set(slugsOf('new'));
  const newTags = tags.filter((summary) => added.has(summary.tag.slug)).map((summary) => summary.tag);
  /** The one tag new in this publish that the entries which had `slug` have now, if one. */
  const renamedTo = (slug: string) => {
    const now = retagged.get(slug);
    const candidates = newTags.filter((tag) => now?.has(tag.slug));
    return candidates.length === 1 && !fromLine(candidates[0]!) ? candidates[0]!.name : undefined;
  };
  return deleted.map((slug) => {
    const name = published.find((tag) => tag.slug === slug)?.name ?? moved.find((summary) => slugify(summary.tag.name) === slug)?.tag.name;
    const tag = name === undefined ? undefined : tags.find((summary) => summary.tag.name === name && summary.tag.slug !== slug)?.tag;
    if (tag) {
      const line = `${JSON.stringify(tag.name)}: ${tag.slug}`;
      const keep = `${JSON.stringify(tag.name)}: ${slug}`;
      // Moved by a line added or changed, or by one removed (the tag back at its own slug).
      const mover = fromLine(tag) ? `{${line}} moves the tag ${JSON.stringify(tag.name)}` : `the tag ${JSON.stringify(tag.name)}, no longer given ${slug} by tagSlugs, moves`;
      const undo = !fromLine(tag) ? `put ${keep} back in tagSlugs` : slugify(tag.name) === slug ? `remove ${line} from tagSlugs` : `write ${keep} in tagSlugs in place of ${line}`;
      return {
        file: 'site.yml',
        field: 'tagSlugs',
        message: `${mover} from ${TAGS_DIR}${slug}/ to ${TAGS_DIR}${tag.slug}/: the feeds of ${TAGS_DIR}${slug}/ are deleted, and their readers get nothing more from them`,
        fix: `${undo} to keep the tag at ${TAGS_DIR}${slug}/, or tell its readers the new address`,
      };
    }
    const invalid = leftOut.get(slug);
    if (invalid !== undefined && invalid.length > 0) {
      const files = listSome(invalid, () => false, invalid.length, (key) => key);
      const only = invalid.length === 1 ? `its only entry, ${files}, is` : `its entries, ${files}, are`;
      return {
        file: invalid[0]!,
        field: 'tags',
        message: `the feeds of ${TAGS_DIR}${slug}/ are deleted: ${only} left out while invalid (--skip-invalid), and their readers will find no feed until then`,
        fix: `fix ${invalid.length === 1 ? 'it' : 'them'} (broadsheet check lists the problems): the next publish brings the feeds back`,
      };
    }
    return {
      file: 'site.yml',
      field: 'tagSlugs',
      message: `the feeds of ${TAGS_DIR}${slug}/ are deleted: no published entry has that tag now, and their readers will find no feed`,
      fix: guess(renamedTo(slug), slug),
    };
  });
}

function guess(name: string | undefined, slug: string): string {
  return name === undefined ? `if the tag was renamed, add tagSlugs: {"New name": ${slug}} to keep its address for the new name` : `if the tag is now ${JSON.stringify(name)}, add tagSlugs: {${JSON.stringify(name)}: ${slug}} to keep its address`;
}

/**
 * deletedTagFeeds' `retagged`: for each tag slug an entry had at the last publish (`before`, the entry index's entries
 * for the files gone or read again), the slugs of the tags that entry has now (`entries`, matched by file or by id,
 * which a rename with `id:` keeps). Entries not read again kept their tags, and so none of them was retagged.
 */
export function tagsNowOfTagged(before: readonly Pick<PreviousEntry, 'key' | 'id' | 'tags'>[], entries: readonly Pick<EntryMeta, 'key' | 'id' | 'tags'>[]): Map<string, Set<string>> {
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const result = new Map<string, Set<string>>();
  for (const old of before) {
    const now = byKey.get(old.key) ?? byId.get(old.id);
    if (!now) continue;
    for (const tag of old.tags ?? []) {
      const slugs = result.get(tag.slug) ?? new Set<string>();
      for (const carried of now.tags) slugs.add(carried.slug);
      result.set(tag.slug, slugs);
    }
  }
  return result;
}

/**
 * The files of the entries --skip-invalid leaves out (`invalidKeys`) by the slugs of the tags they had when last
 * read valid (`before`, the entry index's entries for the files read again): deletedTagFeeds' `leftOut`.
 */
export function invalidEntryTags(before: readonly Pick<PreviousEntry, 'key' | 'tags'>[], invalidKeys: ReadonlySet<string>): Map<string, string[]> {
  const bySlug = new Map<string, string[]>();
  for (const entry of before) {
    if (!invalidKeys.has(entry.key)) continue;
    for (const tag of entry.tags ?? []) bySlug.set(tag.slug, [...(bySlug.get(tag.slug) ?? []), entry.key]);
  }
  return bySlug;
}
