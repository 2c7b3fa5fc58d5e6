import type { DateTime } from 'luxon';
import type { Person } from '../content/site.js';
import type { Source, Tag } from '../content/entry.js';

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
