import type { TagSummary } from '../plan/sitePlan.js';
import type { Problem } from '../shared/errors.js';
import { FEED_FILES, TAGS_DIR } from '../shared/outputLayout.js';
import { slugify } from '../shared/slug.js';
import type { Change } from './manifest.js';

const TAG_FEED = new RegExp(`^${TAGS_DIR}([^/]+)/${FEED_FILES.rss.replace('.', '\\.')}$`);

/**
 * The tag feeds a publish deletes. Their readers find no feed at their next fetch and keep what they have, and no
 * reader says why. A tag that site.yml's `tagSlugs` gave another address (its own slug was the deleted one) moved,
 * and the warning says so, with the line to remove to keep the old address. Otherwise no published entry has the
 * tag: most often it was renamed or merged into another, and `tagSlugs` keeps the old address for the new spelling;
 * when one tag feed is new in the same publish (and its tag has no tagSlugs line of its own, which the fix would
 * undo), the warning names that line.
 */
export function deletedTagFeeds(changes: readonly Pick<Change, 'key' | 'status'>[], tags: readonly TagSummary[]): Problem[] {
  const slugsOf = (status: Change['status']) => changes.flatMap((change) => (change.status === status ? (TAG_FEED.exec(change.key)?.slice(1, 2) ?? []) : []));
  const deleted = slugsOf('deleted');
  if (deleted.length === 0) return [];
  // A tag whose slug is not slugify's has one from tagSlugs.
  const moved = tags.filter((summary) => summary.tag.slug !== slugify(summary.tag.name));
  const added = slugsOf('new');
  const newTag = added.length === 1 ? tags.find((summary) => summary.tag.slug === added[0])?.tag : undefined;
  const renamedTo = newTag && !moved.some((summary) => summary.tag === newTag) ? newTag.name : undefined;
  return deleted.map((slug) => {
    const tag = moved.find((summary) => slugify(summary.tag.name) === slug)?.tag;
    if (tag) {
      const line = `${JSON.stringify(tag.name)}: ${tag.slug}`;
      return {
        file: 'site.yml',
        field: 'tagSlugs',
        message: `{${line}} moves the tag ${JSON.stringify(tag.name)} from ${TAGS_DIR}${slug}/ to ${TAGS_DIR}${tag.slug}/: the feeds of ${TAGS_DIR}${slug}/ are deleted, and their readers get nothing more from them`,
        fix: `remove ${line} from tagSlugs to keep the tag at ${TAGS_DIR}${slug}/, or tell its readers the new address`,
      };
    }
    return {
      file: 'site.yml',
      field: 'tagSlugs',
      message: `the feeds of ${TAGS_DIR}${slug}/ are deleted: no published entry has that tag now, and their readers will find no feed`,
      fix: renamedTo === undefined ? `if the tag was renamed, add tagSlugs: {"New name": ${slug}} to keep its address for the new name` : `if the tag is now ${JSON.stringify(renamedTo)}, add tagSlugs: {${JSON.stringify(renamedTo)}: ${slug}} to keep its address`,
    };
  });
}
