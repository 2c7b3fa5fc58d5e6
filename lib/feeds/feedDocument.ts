import { DateTime } from 'luxon';
import type { Person, Site } from '../content/site.js';
import type { EntryMeta, Source, Tag } from '../content/entry.js';
import type { RenderedEntries } from '../plan/artifact.js';
import type { FeedSelection } from '../plan/sitePlan.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { FEED_FILES, siteImages, XSL_KEY } from '../shared/outputLayout.js';
import { normalUrl, publicUrl, relativeHref } from '../shared/urls.js';
import { entryContentHtml } from './entryContent.js';
import { tagUri } from './tagUri.js';

/** One entry as every feed format shows it. */
export interface FeedItem {
  /** The `tag:` URI: RSS guid, Atom id and JSON Feed id. */
  id: string;
  title: string;
  /** The original article: the one link every format states the same way (RSS <link>, Atom rel=alternate, JSON Feed external_url). */
  url: string;
  /** The entry's own page on the site (entryPageDir), when `url` is elsewhere; a digest's item is itself on the site. */
  pageUrl?: string;
  /**
   * Milliseconds since the epoch, as EntryMeta's dates: the formats write instants in UTC, so no zone is needed,
   * and a DateTime per item (three per entry, in 153 feeds at 10k) was the feed model's costliest part.
   */
  published: number;
  /** `updated` if the entry has one and it is not before `published`, else `published`. */
  updated: number;
  /** Plain text. */
  summary: string;
  /** Sanitised HTML with absolute URLs. */
  contentHtml: string;
  tags: Tag[];
  source: Source;
  image?: string;
}

export interface FeedUrls {
  rss: string;
  atom: string;
  json: string;
}

/** RFC 5005 (Feed Paging and Archiving) links, by format. */
export interface FeedHistoryLinks {
  /** §4: the next older archive document (`prev-archive`; JSON Feed `next_url`). */
  prevArchive?: FeedUrls;
  /** §4: the next newer archive document (`next-archive`). */
  nextArchive?: FeedUrls;
  /** §4: an archive document (`fh:archive`) links the subscription feed as `current`. */
  current?: FeedUrls;
}

/** One feed, before it is written in a format. */
export interface FeedDocument {
  title: string;
  description: string;
  language: string;
  /** The page the feed is about. */
  homeUrl: string;
  /** Public URLs of this feed in each format: the `self` links. */
  urls: FeedUrls;
  history?: FeedHistoryLinks;
  /** The XSL stylesheet, relative to the feed file. */
  stylesheetHref: string;
  hub?: string;
  /** A square image: RSS <image>, Atom <icon>, JSON Feed icon and favicon. */
  icon?: string;
  /** A wide image: Atom <logo>. */
  logo?: string;
  author: Person;
  /** The newest item's `updated`, never the build time. */
  updated: DateTime;
  items: FeedItem[];
}

/** An empty feed has no newest entry; a fixed date keeps it byte-identical from run to run. */
const EMPTY_FEED_UPDATED = DateTime.fromMillis(0, { zone: 'utc' });

function feedItem(site: Site, entry: EntryMeta, rendered: RenderedEntries): FeedItem {
  const body = rendered.get(entry.key);
  const published = entry.date;
  const pageUrl = publicUrl(site.url, entryPageDir(entry.id));
  const item: FeedItem = {
    id: tagUri(site.idHost, site.idDate, entry.id),
    title: entry.title,
    url: normalUrl(entry.url),
    pageUrl,
    published,
    // RFC 4287 §4.2.15: when the entry last changed, which is never before it was published (a date corrected past an
    // earlier `updated:`); readers date and sort Atom entries by it.
    updated: Math.max(entry.updated ?? published, published),
    summary: entry.summary ?? body?.firstParagraph ?? '',
    contentHtml: entryContentHtml(entry, body?.html ?? '', pageUrl, body?.firstParagraph),
    tags: entry.tags,
    source: entry.source,
  };
  if (entry.image) item.image = entry.image;
  return item;
}

/** Names the site's icon and logo in a feed of the site (site.yml `icon`, else icon.png; `logo`): each feed, the digests' too. */
export function withSiteImages(doc: FeedDocument, site: Site): void {
  const images = siteImages(site);
  doc.icon = images.icon;
  if (images.logo) doc.logo = images.logo;
}

/** The model of one feed; `homeKey` is the page it describes (the tag page, or the site root). */
export function feedDocument(site: Site, selection: FeedSelection, rendered: RenderedEntries, homeKey = ''): FeedDocument {
  const items = selection.entries.map((entry) => feedItem(site, entry, rendered));
  const updated = newestUpdate(items, site.timezone);
  const period = selection.history?.period;
  const doc: FeedDocument = {
    title: selection.tag ? `${site.title}: ${selection.tag.name}` : period ? `${site.title}: archive ${period}` : site.title,
    description: selection.tag ? `Entries tagged “${selection.tag.name}” on ${site.title}. ${site.description}` : site.description,
    language: site.language,
    homeUrl: publicUrl(site.url, homeKey),
    urls: feedUrls(site, selection.dir),
    stylesheetHref: relativeHref(selection.dir + FEED_FILES.rss, XSL_KEY),
    author: site.author ?? { name: site.title },
    updated: updated ?? EMPTY_FEED_UPDATED,
    items,
  };
  // Archive documents too: a closed month's document still changes when one of its entries is edited, and publish
  // pings the hub for every feed it rewrites, as W3C WebSub §6 asks of the hubs a topic names.
  if (site.websub) doc.hub = site.websub;
  withSiteImages(doc, site);
  if (selection.history) {
    doc.history = {};
    if (selection.history.prevArchiveDir !== undefined) doc.history.prevArchive = feedUrls(site, selection.history.prevArchiveDir);
    if (selection.history.nextArchiveDir !== undefined) doc.history.nextArchive = feedUrls(site, selection.history.nextArchiveDir);
    if (selection.history.archive) doc.history.current = feedUrls(site, '');
  }
  return doc;
}

function feedUrls(site: Site, dir: string): FeedUrls {
  return { rss: publicUrl(site.url, dir + FEED_FILES.rss), atom: publicUrl(site.url, dir + FEED_FILES.atom), json: publicUrl(site.url, dir + FEED_FILES.json) };
}

/** The newest item's `updated` in `zone` (the first of equals), or undefined when there is no item. */
export function newestUpdate(items: readonly FeedItem[], zone: string): DateTime | undefined {
  let newest: number | undefined;
  for (const item of items) if (newest === undefined || item.updated > newest) newest = item.updated;
  return newest === undefined ? undefined : DateTime.fromMillis(newest, { zone });
}
