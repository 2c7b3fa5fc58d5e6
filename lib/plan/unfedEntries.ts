import type { EntryMeta } from '../content/entry.js';
import type { Problem } from '../shared/errors.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { ENTRIES_DIR, INDEX_PAGE } from '../shared/outputLayout.js';
import type { SitePlan } from './sitePlan.js';
import { MAX_FEED_LIMIT } from '../content/site.js';
import { UNKNOWN_SHA256 } from '../shared/unknownSha256.js';

/** The files named in the warning, the rest counted. */
const NAMED = 10;

/**
 * The entries a publish adds (no page in the output's last manifest) that no live feed carries, site or tag, only an
 * archive document: more were added at once than feed.limit holds. No common reader follows RFC 5005 prev-archive
 * links, so no reader would show them. An entry dated older than the feed held without the others added is
 * not one (a back issue filed in the archive is meant to be there), nor is any on a first publish (no reader yet).
 * `published`: the output's last manifest. A page it records of unknown bytes is not published yet: a publish killed
 * mid-write leaves the manifest of its intent, which lists every page it was about to write.
 */
export function unfedEntries(plan: Pick<SitePlan, 'published' | 'feeds' | 'archives' | 'site'>, published: Readonly<Record<string, { sha256: string }>>): Problem | undefined {
  const has = (key: string) => Object.hasOwn(published, key) && published[key]!.sha256 !== UNKNOWN_SHA256;
  if (!hasEntryPage(published, has)) return undefined;
  const fed = new Set(plan.feeds.flatMap((feed) => feed.entries));
  const limit = plan.site.feedLimit;
  const unfed: { entry: EntryMeta; rank: number }[] = [];
  let added = 0;
  plan.published.forEach((entry, rank) => {
    if (has(entryPageDir(entry.id) + INDEX_PAGE)) return;
    // Its place among the entries the output had: within the limit, the others added pushed it out.
    if (!fed.has(entry) && rank - added < limit) unfed.push({ entry, rank });
    added++;
  });
  if (unfed.length === 0) return undefined;
  const archives = plan.archives.filter((archive) => unfed.some(({ entry }) => archive.entries.includes(entry))).map((archive) => archive.dir);
  const files = unfed.map(({ entry }) => entry.key);
  const named = files.length > NAMED ? `${files.slice(0, NAMED).join(', ')} and ${files.length - NAMED} more` : files.join(', ');
  // The site feed holds at least the newest feed.limit.
  const needed = unfed.at(-1)!.rank + 1;
  const count = files.length === 1 ? '1 entry added' : `${files.length} entries added`;
  return {
    file: 'site.yml',
    field: 'feed.limit',
    message: `${count} in this publish ${files.length === 1 ? 'goes' : 'go'} into no live feed, site or tag, only into ${archives.join(', ')}, since more entries are added at once than feed.limit (${limit}) holds: no feed reader shows ${files.length === 1 ? 'it' : 'them'} (readers do not follow RFC 5005 prev-archive links): ${named}`,
    fix: `${needed <= MAX_FEED_LIMIT ? `raise feed.limit to ${needed} for this publish, or ` : ''}publish the new entries in steps of at most ${limit}, letting readers fetch the feeds between steps`,
  };
}

/** Whether the manifest records an entry page written (a first publish has none), stopping at the first. */
function hasEntryPage(published: Readonly<Record<string, unknown>>, has: (key: string) => boolean): boolean {
  for (const key in published) if (key.startsWith(ENTRIES_DIR) && has(key)) return true;
  return false;
}
