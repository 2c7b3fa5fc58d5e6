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
 * The entries a publish adds (no page in the output's last manifest: new files, and drafts, entries held back or
 * skipped invalid at the last publish) that no live feed carries, site or tag, only an archive document. No common
 * reader follows RFC 5005 prev-archive links, so no reader would show them. Two warnings: the entries more added at
 * once than feed.limit holds pushed out, and those dated before what the feeds hold (a draft finished weeks after its
 * date, an embargo or a skipped entry come due late, a back issue), which only a date of today or a larger feed.limit
 * brings to readers. None on a first publish (no reader yet).
 * `published`: the output's last manifest. A page it records of unknown bytes is not published yet: a publish killed
 * mid-write leaves the manifest of its intent, which lists every page it was about to write.
 */
export function unfedEntries(plan: Pick<SitePlan, 'published' | 'feeds' | 'archives' | 'site'>, published: Readonly<Record<string, { sha256: string }>>): Problem[] {
  const has = (key: string) => Object.hasOwn(published, key) && published[key]!.sha256 !== UNKNOWN_SHA256;
  if (!hasEntryPage(published, has)) return [];
  const fed = new Set(plan.feeds.flatMap((feed) => feed.entries));
  const limit = plan.site.feedLimit;
  const pushed: Unfed[] = [];
  const older: Unfed[] = [];
  let added = 0;
  plan.published.forEach((entry, rank) => {
    if (has(entryPageDir(entry.id) + INDEX_PAGE)) return;
    // Its place among the entries the output had: within the limit, the others added pushed it out; past it, its date did.
    if (!fed.has(entry)) (rank - added < limit ? pushed : older).push({ entry, rank });
    added++;
  });
  const problems: Problem[] = [];
  if (pushed.length > 0) {
    const { count, goes, them, into, named, needed } = described(plan, pushed);
    problems.push({
      file: 'site.yml',
      field: 'feed.limit',
      message: `${count} added in this publish ${goes} into no live feed, site or tag, only into ${into}, since more entries are added at once than feed.limit (${limit}) holds: no feed reader shows ${them} (readers do not follow RFC 5005 prev-archive links): ${named}`,
      fix: `${needed <= MAX_FEED_LIMIT ? `raise feed.limit to ${needed} for this publish, or ` : ''}publish the new entries in steps of at most ${limit}, letting readers fetch the feeds between steps`,
    });
  }
  if (older.length > 0) {
    const { count, goes, them, into, named, needed } = described(plan, older);
    const one = older.length === 1;
    problems.push({
      file: 'site.yml',
      field: 'feed.limit',
      message: `${count} added in this publish (new, or a draft, held back or skipped before) ${goes} into no live feed, site or tag, only into ${into}, since ${one ? 'it is' : 'they are'} dated before the newest feed.limit (${limit}) entries, of the site and of each of its tags: no feed reader shows ${them} (readers do not follow RFC 5005 prev-archive links): ${named}`,
      fix: `for readers to see ${them}, date ${them} today${needed <= MAX_FEED_LIMIT ? ` or raise feed.limit to ${needed} for this publish` : ''}; a back issue filed in the archive on purpose needs nothing`,
    });
  }
  return problems;
}

interface Unfed {
  entry: EntryMeta;
  rank: number;
}

/** The words a warning gives of its entries (newest first), and the feed.limit that keeps them all in the site feed. */
function described(plan: Pick<SitePlan, 'archives'>, unfed: readonly Unfed[]) {
  const files = unfed.map(({ entry }) => entry.key);
  const one = files.length === 1;
  return {
    count: one ? '1 entry' : `${files.length} entries`,
    goes: one ? 'goes' : 'go',
    them: one ? 'it' : 'them',
    into: plan.archives.filter((archive) => unfed.some(({ entry }) => archive.entries.includes(entry))).map((archive) => archive.dir).join(', '),
    named: files.length > NAMED ? `${files.slice(0, NAMED).join(', ')} and ${files.length - NAMED} more` : files.join(', '),
    // The site feed holds at least the newest feed.limit.
    needed: unfed.at(-1)!.rank + 1,
  };
}

/** Whether the manifest records an entry page written (a first publish has none), stopping at the first. */
function hasEntryPage(published: Readonly<Record<string, unknown>>, has: (key: string) => boolean): boolean {
  for (const key in published) if (key.startsWith(ENTRIES_DIR) && has(key)) return true;
  return false;
}
