import type { TagSummary } from '../plan/sitePlan.js';
import type { Problem } from '../shared/errors.js';
import { FEED_FILES, TAGS_DIR } from '../shared/outputLayout.js';
import type { Change } from './manifest.js';

const TAG_FEED = new RegExp(`^${TAGS_DIR}([^/]+)/${FEED_FILES.rss.replace('.', '\\.')}$`);

/**
 * The tag feeds a publish deletes: no published entry has the tag any more. Their readers find no feed at their next
 * fetch and keep what they have, and no reader says why. Most often the tag was renamed or merged into another, and
 * `tagSlugs` keeps the old address for the new spelling, so its readers follow it; when one tag feed is new in the
 * same publish, the warning names that line.
 */
export function deletedTagFeeds(changes: readonly Change[], tags: readonly TagSummary[]): Problem[] {
  const slugsOf = (status: Change['status']) => changes.flatMap((change) => (change.status === status ? (TAG_FEED.exec(change.key)?.slice(1, 2) ?? []) : []));
  const deleted = slugsOf('deleted');
  if (deleted.length === 0) return [];
  const added = slugsOf('new');
  const renamedTo = added.length === 1 ? tags.find((summary) => summary.tag.slug === added[0])?.tag.name : undefined;
  return deleted.map((slug) => ({
    file: 'site.yml',
    field: 'tagSlugs',
    message: `the feeds of ${TAGS_DIR}${slug}/ are deleted: no published entry has that tag now, and their readers will find no feed`,
    fix: renamedTo === undefined ? `if the tag was renamed, add tagSlugs: {"New name": ${slug}} to keep its address for the new name` : `if the tag is now ${JSON.stringify(renamedTo)}, add tagSlugs: {${JSON.stringify(renamedTo)}: ${slug}} to keep its address`,
  }));
}
