import { createHash } from 'node:crypto';
import type { BuiltFiles } from './builtFiles.js';
import type { Change } from './manifest.js';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { returnsTo, type ReturningIds } from './returningIds.js';

/** An item as a reader knows it: its id (RSS guid, Atom id, JSON Feed id) and title. */
export interface ReaderItem {
  id: string;
  title: string;
}

/** What a feed's subscribers would see after a publish: items new to them, items back, items changed in place, items gone. */
export interface FeedImpact {
  /** The feed's directory: '' for the site feed, `tags/<slug>/`, `digests/`. */
  feed: string;
  new: ReaderItem[];
  /**
   * Present when some are: items not in the feed the output holds whose ids were published once in this feed and taken
   * out (held back, drafted, left out while invalid, deleted). A reader that had one keeps its id, and does not show it
   * as new; in a feed it was never in (a tag it did not have), it is new.
   */
  returned?: ReaderItem[];
  updated: ReaderItem[];
  removed: ReaderItem[];
  /**
   * Present when the feed itself is deleted (no entry has its tag now): its subscribers see no item removed, since
   * their reader's next fetch finds no feed and keeps what it has.
   */
  deleted?: true;
  /**
   * Present when the output no longer holds the feed's feed.json that a finished publish wrote (deleted by someone
   * else): what its readers have is not known, so no item is listed rather than every item as new.
   */
  unknown?: true;
}

/** Each feed's three formats carry the same items; JSON Feed 1.1 is the cheapest to read back. */
const FEED_FILE = 'feed.json';

interface FeedItems {
  items: Map<string, { title: string; hash: string }>;
}

/**
 * Compares each feed the publish changes with the feed the output holds now (`listed`, its listing's keys), item by
 * item: an id only in the new feed is new (returned when `returning`, the ids published once and out at the last
 * publish, has it for this feed), only in the old one removed, in both with other content updated.
 * Unchanged and reused feeds are skipped, so it reads only the changed feeds' previous `feed.json`. One the output
 * holds is read though the manifest has it new (a damaged manifest, a file of another tool's replaced): its readers
 * have its items. One the output lacks is `unknown` when `wrote(key)`, a finished publish having written it (someone
 * deleted it since); else it was never there (a killed publish's intent names it unwritten), and every item is new.
 */
export async function readerImpact(output: Store, changes: readonly Change[], files: BuiltFiles, listed: ReadonlySet<string>, wrote: (key: string) => boolean, returning: ReturningIds = new Map(), concurrency = 8): Promise<FeedImpact[]> {
  const feeds = changes.filter((change) => change.status !== 'unchanged' && (change.key === FEED_FILE || change.key.endsWith(`/${FEED_FILE}`)));
  const impacts = await mapLimit(feeds, concurrency, async (change): Promise<FeedImpact> => {
    const feed = change.key.slice(0, -FEED_FILE.length);
    if (!listed.has(change.key) && wrote(change.key)) return { feed, new: [], updated: [], removed: [], unknown: true };
    const before = listed.has(change.key) ? parseFeed(await output.get(change.key)) : emptyFeed();
    const after = change.status === 'deleted' ? emptyFeed() : parseFeed(files.body(change.key));
    const impact: FeedImpact = { feed, new: [], updated: [], removed: [], ...(change.status === 'deleted' ? { deleted: true as const } : {}) };
    for (const [id, item] of after.items) {
      const old = before.items.get(id);
      if (!old && returnsTo(returning, id, feed)) (impact.returned ??= []).push({ id, title: item.title });
      else if (!old) impact.new.push({ id, title: item.title });
      else if (old.hash !== item.hash) impact.updated.push({ id, title: item.title });
    }
    for (const [id, item] of before.items) if (!after.items.has(id)) impact.removed.push({ id, title: item.title });
    return impact;
  });
  return impacts.filter((impact) => impact.unknown || impact.new.length + (impact.returned?.length ?? 0) + impact.updated.length + impact.removed.length > 0);
}

function emptyFeed(): FeedItems {
  return { items: new Map() };
}

/** JSON Feed 1.1 `items[].id` and `title`; a missing or unreadable file has no items. */
function parseFeed(bytes: Buffer | undefined): FeedItems {
  const feed = emptyFeed();
  if (!bytes) return feed;
  try {
    const data = JSON.parse(bytes.toString('utf8')) as { items?: Record<string, unknown>[] };
    for (const item of data.items ?? []) {
      if (typeof item.id !== 'string') continue;
      const hash = createHash('sha256').update(JSON.stringify(item)).digest('hex');
      feed.items.set(item.id, { title: typeof item.title === 'string' ? item.title : '', hash });
    }
  } catch {
    // Not a feed Broadsheet wrote: every new item counts as new.
  }
  return feed;
}
