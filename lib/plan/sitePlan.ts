import type { DateTime } from 'luxon';
import type { EntryMeta, Tag } from '../content/entry.js';
import type { NowWindow } from './nowWindow.js';
import type { Site } from '../content/site.js';
import { tagDir } from '../shared/outputLayout.js';

/** A feed to publish: the site feed (dir '') or a tag's (dir `tags/<slug>/`), newest first, at most feed.limit. */
export interface FeedSelection {
  dir: string;
  tag?: Tag;
  entries: EntryMeta[];
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
  tags: TagSummary[];
}

export function byNewest(a: EntryMeta, b: EntryMeta): number {
  return b.date - a.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** An entry dated after `now` is embargoed: it appears nowhere until `now` reaches its date. */
export function isPublished(entry: EntryMeta, now: DateTime): boolean {
  return !entry.draft && entry.date <= now.toMillis();
}

export function planSite(site: Site, entries: readonly EntryMeta[], now: DateTime): SitePlan {
  const published = entries.filter((entry) => isPublished(entry, now)).sort(byNewest);
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
  const sortedSlugs = [...tagFeeds.keys()].sort();
  return {
    site,
    now,
    published,
    feeds: [{ dir: '', entries: published.slice(0, limit) }, ...sortedSlugs.map((slug) => tagFeeds.get(slug)!)],
    tags: sortedSlugs.map((slug) => summaries.get(slug)!),
  };
}

/**
 * The moments for which the plan's published entries stay the same: from the newest published entry's date
 * until the next embargoed entry's. Drafts never publish, whatever their date.
 */
export function embargoWindow(plan: SitePlan, entries: readonly EntryMeta[]): NowWindow {
  const nowMs = plan.now.toMillis();
  let until: number | null = null;
  for (const entry of entries) if (!entry.draft && entry.date > nowMs && (until === null || entry.date < until)) until = entry.date;
  return { from: plan.published[0]?.date ?? null, until };
}
