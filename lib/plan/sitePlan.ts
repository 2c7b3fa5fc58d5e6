import type { DateTime } from 'luxon';
import type { EntryMeta, Tag } from '../content/entry.js';
import type { NowWindow } from './nowWindow.js';
import type { Site } from '../content/site.js';
import { archiveDir, tagDir } from '../shared/outputLayout.js';
import { wallClockAt } from '../time/zoneClock.js';
import { BoundedCache } from '../shared/boundedCache.js';
import { byTagName } from './byTagName.js';
import { byNewest } from '../content/byNewest.js';
import { isPublishedAt } from '../content/isPublishedAt.js';

/**
 * A feed to publish: the site feed (dir '') or a tag's (dir `tags/<slug>/`), newest first; a tag's holds at most
 * feed.limit, the site's whole months (see planSite), or an RFC 5005 archive document's (dir `archives/YYYY-MM/`) one
 * closed month.
 */
export interface FeedSelection {
  dir: string;
  tag?: Tag;
  entries: EntryMeta[];
  /** RFC 5005 (Feed Paging and Archiving), for the site feed and its archive documents. */
  history?: FeedHistory;
}

export interface FeedHistory {
  /** The folder of the next older archive document (prev-archive), when there is one. */
  prevArchiveDir?: string;
  /** The next newer archive document (next-archive), when there is one: the newest archive document has none. */
  nextArchiveDir?: string;
  /** True for an archive document (fh:archive): it links `current`, the site feed. */
  archive: boolean;
  /** The archive's month, `YYYY-MM` in the site's zone. */
  period?: string;
}

export interface TagSummary {
  tag: Tag;
  /** Published entries with the tag. */
  count: number;
  newest: number;
}

/** What a publish at `now` shows: the published entries and the feeds made of them. */
export interface SitePlan {
  site: Site;
  now: DateTime;
  /** Not drafts, not embargoed at `now`; newest first, ties by id. */
  published: EntryMeta[];
  feeds: FeedSelection[];
  /** The site feed's RFC 5005 archive documents, newest first: one per closed month older than the site feed's. */
  archives: FeedSelection[];
  /** Every published tag, by name (byTagName); the tag feeds are in the same order. */
  tags: TagSummary[];
  /** The weeks mailed to subscribers (`YYYY-Www`, lib/digest/mailedWeeks.ts): the digest archive keeps them. */
  mailedWeeks: readonly string[];
}

/** An entry dated after `now` is embargoed: it appears nowhere until `now` reaches its date. */
export function isPublished(entry: Pick<EntryMeta, 'draft' | 'date'>, now: DateTime): boolean {
  return isPublishedAt(entry, now.toMillis());
}

/**
 * The entry as published at `nowMs`: a correction dated later (`updated:` after now, a typo of the year, say) is not
 * one yet, so no feed gives its update time until then (RFC 4287 §4.2.15: the instant the entry "was last modified"),
 * as an entry dated later is not published until then. Its text is the file's: the text before it is not kept.
 */
export function asPublishedAt(entry: EntryMeta, nowMs: number): EntryMeta {
  if (entry.updated === undefined || entry.updated <= nowMs) return entry;
  const { updated: _later, ...uncorrected } = entry;
  return uncorrected;
}

export function planSite(site: Site, entries: readonly EntryMeta[], now: DateTime, mailedWeeks: readonly string[] = []): SitePlan {
  const nowMs = now.toMillis();
  const published = entries.filter((entry) => isPublished(entry, now)).map((entry) => asPublishedAt(entry, nowMs)).sort(byNewest);
  const limit = site.feedLimit;
  const tagFeeds = new Map<string, FeedSelection>();
  const summaries = new Map<string, TagSummary>();
  for (const entry of published) {
    for (const tag of entry.tags) {
      // Tags that slug alike share one feed, named as the newest entry spells it.
      let feed = tagFeeds.get(tag.slug);
      if (!feed) {
        feed = { dir: tagDir(tag.slug), tag, entries: [] };
        tagFeeds.set(tag.slug, feed);
        summaries.set(tag.slug, { tag, count: 0, newest: entry.date });
      }
      if (feed.entries.length < limit) feed.entries.push(entry);
      summaries.get(tag.slug)!.count++;
    }
  }
  const sortedSlugs = [...tagFeeds.keys()].sort((a, b) => byTagName(tagFeeds.get(a)!.tag!, tagFeeds.get(b)!.tag!));
  const { current, archives } = archivePeriods(published, limit, site.timezone);
  const siteFeed: FeedSelection = { dir: '', entries: current, history: { archive: false } };
  if (archives[0]) siteFeed.history!.prevArchiveDir = archives[0].dir;
  return {
    site,
    now,
    published,
    feeds: [siteFeed, ...sortedSlugs.map((slug) => tagFeeds.get(slug)!)],
    archives,
    tags: sortedSlugs.map((slug) => summaries.get(slug)!),
    mailedWeeks,
  };
}

/** `YYYY-MM`: the month the site's clocks show at `millis`. */
export function monthOf(millis: number, zone: string): string {
  let months = monthsByZone.get(zone);
  if (!months) monthsByZone.set(zone, (months = new BoundedCache(50_000)));
  return months.get(millis, () => {
    const { year, month } = wallClockAt(zone, millis);
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  });
}

// Entries dated YYYY-MM-DD share their day's midnight: each instant is read from the zone's clock once (the plan and
// the month pages each group every published entry by month).
const monthsByZone = new Map<string, BoundedCache<number, string>>();

/** Entries (newest first) in runs by the month of their date in `zone` (monthOf), newest month first. */
export function byMonth(entries: readonly EntryMeta[], zone: string): { period: string; entries: EntryMeta[] }[] {
  const months: { period: string; entries: EntryMeta[] }[] = [];
  for (const entry of entries) {
    const period = monthOf(entry.date, zone);
    if (months.at(-1)?.period === period) months.at(-1)!.entries.push(entry);
    else months.push({ period, entries: [entry] });
  }
  return months;
}

/**
 * Splits the published entries (newest first) between the site feed and its archive (RFC 5005 §4). The site feed
 * holds the newest `limit` entries and the rest of the month the oldest of them falls in, so it always ends on a
 * month's first entry; every older month with an entry is one archive document. Each archived month ended before the
 * site feed's oldest month began, so before `now`: a document changes only when one of its entries does (or when a
 * month is added or emptied next to it, which moves a prev-archive or next-archive link). Every published entry is in exactly one.
 */
function archivePeriods(published: readonly EntryMeta[], limit: number, zone: string): { current: EntryMeta[]; archives: FeedSelection[] } {
  if (published.length <= limit) return { current: [...published], archives: [] };
  const boundary = monthOf(published[limit - 1]!.date, zone);
  let end = limit;
  while (end < published.length && monthOf(published[end]!.date, zone) === boundary) end++;
  const archives: FeedSelection[] = byMonth(published.slice(end), zone).map(({ period, entries }) => ({ dir: archiveDir(period), entries, history: { archive: true, period } }));
  // RFC 5005 §4: "Subscription documents and archive documents MUST have a "prev-archive" link relation, unless there
  // are no preceding archives available. Archive documents SHOULD also have a "next-archive" link relation, unless there
  // are no following archives available." So a month that closes rewrites the archive document before it, once.
  archives.forEach((archive, i) => {
    if (archives[i + 1]) archive.history!.prevArchiveDir = archives[i + 1]!.dir;
    if (i > 0) archive.history!.nextArchiveDir = archives[i - 1]!.dir;
  });
  return { current: published.slice(0, end), archives };
}

/**
 * The moments for which the plan's published entries stay the same: from the newest published entry's date, or
 * the newest correction it shows when that came due later (an earlier moment would leave it out, asPublishedAt),
 * until the next embargoed entry's date or the next correction dated later. Drafts never publish, whatever their date.
 */
export function embargoWindow(plan: SitePlan, entries: readonly EntryMeta[]): NowWindow {
  const nowMs = plan.now.toMillis();
  let until: number | null = null;
  for (const entry of entries) {
    if (entry.draft) continue;
    const next = entry.date > nowMs ? entry.date : entry.updated !== undefined && entry.updated > nowMs ? entry.updated : undefined;
    if (next !== undefined && (until === null || next < until)) until = next;
  }
  let from = plan.published[0]?.date ?? null;
  for (const entry of plan.published) if (entry.updated !== undefined && entry.updated > from!) from = entry.updated;
  return { from, until };
}
