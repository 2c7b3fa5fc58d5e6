import { DateTime } from 'luxon';
import type { RenderedEntries } from '../plan/artifact.js';
import type { EntryMeta, Link, Source, Tag } from '../content/entry.js';
import { inWeek, type IsoWeek } from '../time/isoWeek.js';
import { localDates, type LocalDate } from '../time/localDates.js';
import { weekRangeText } from '../time/weekRangeText.js';
import type { Site } from '../content/site.js';
import { digestSendTime } from '../content/digestConfig.js';
import { DIGESTS_DIR, digestKeys, FEED_FILES, INDEX_PAGE } from '../shared/outputLayout.js';
import { publicUrl } from '../shared/urls.js';
import { countOf } from '../shared/countOf.js';

/** One entry as the digest shows it. */
export interface DigestEntry {
  id: string;
  title: string;
  /** The original article. */
  url: string;
  source: Source;
  /**
   * When the entry is dated, in milliseconds since the epoch (as EntryMeta.date); a number, not a DateTime, since
   * making one per entry was the model's costliest part. lib/digest/digestModelCodec.ts sends it as a DateTime in the site's zone.
   */
  date: number;
  /** When the entry was last corrected (EntryMeta.updated, epoch milliseconds), when given. */
  updated?: number;
  /** The date in the site's zone, `YYYY-MM-DD`. */
  dateIso: string;
  /** The date in the site's language, e.g. "Thu, May 8, 2014". */
  dateText: string;
  /** Plain text: the entry's summary, else its body's first paragraph. */
  summary: string;
  tags: Tag[];
  related: Link[];
  image?: string;
  /** What the image shows (EntryMeta.imageAlt); without it the image is decorative, as on the entry's page. */
  imageAlt?: string;
}

/** One week's digest, before it is written as HTML or text. */
export interface DigestModel {
  /** The site, its digest settings (`site.digest`) included. */
  site: Site;
  week: IsoWeek;
  /** The week's dates in the site's language: "5–11 May 2014" (en-GB), "May 5 – 11, 2014" (en). */
  rangeText: string;
  /**
   * Reading order: oldest first, newest last, as the week happened. Grouping by tag would repeat or split
   * entries, since most carry two or three tags.
   */
  entries: DigestEntry[];
  keys: { html: string; text: string };
  urls: { html: string; text: string; index: string; feed: string };
  /** The names of the topics its recipients chose, when the entries are those of these topics only (the email's footer says so). */
  topics?: string[];
  /**
   * Set when the entries are only some of the week's (the email of a subscriber whose topics leave some out): the
   * archived page, which holds the whole week, is then not this email, and the email's link to it says so.
   */
  partOfWeek?: true;
  /**
   * The archived weeks next to this one (archivedWeeks), which its archived page links (rel=next and prev): part of
   * the model, since the digest function renders the page again and sends only if it is the bytes archived.
   */
  around?: WeekNeighbours;
}

/** A week next to another in the archive: its name (`2014-W19`) and its dates in the site's language. */
export interface WeekLink {
  name: string;
  rangeText: string;
}

export interface WeekNeighbours {
  newer?: WeekLink;
  older?: WeekLink;
}

/**
 * What an empty week's digest says of the next one: without sendEmpty an empty week is not mailed, so the next
 * digest waits for news; with it, one goes out every week.
 */
export function emptyWeekText(site: Site): string {
  if (!site.digest.sendEmpty) return 'Nothing was published this week. The next digest comes when there is news.';
  return `Nothing was published this week. The digest comes every ${digestSendTime(site.digest).day}, news or not.`;
}

/** `published` is the plan's list (not drafts, not embargoed at `now`); the week's share of it is the digest. */
export function buildDigestModel(site: Site, week: IsoWeek, published: readonly EntryMeta[], rendered: RenderedEntries, around?: { newer?: IsoWeek; older?: IsoWeek }): DigestModel {
  const dateOf = localDates(site.timezone, site.language, DIGEST_DATE_FORMAT);
  const entries = published
    .filter((entry) => inWeek(week, entry.date))
    .sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => digestEntry(entry, dateOf, rendered));
  const keys = digestKeys(week.name);
  const link = (next: IsoWeek): WeekLink => ({ name: next.name, rangeText: weekRangeText(next, site.language) });
  const neighbours: WeekNeighbours = { ...(around?.newer ? { newer: link(around.newer) } : {}), ...(around?.older ? { older: link(around.older) } : {}) };
  return {
    ...(neighbours.newer || neighbours.older ? { around: neighbours } : {}),
    site,
    week,
    rangeText: weekRangeText(week, site.language),
    entries,
    keys,
    urls: {
      html: publicUrl(site.url, keys.html),
      text: publicUrl(site.url, keys.text),
      index: publicUrl(site.url, DIGESTS_DIR + INDEX_PAGE),
      feed: digestFeedUrls(site.url).rss,
    },
  };
}

/** The digests' own feeds (digests/rss.xml, atom.xml, feed.json), absolute: an email has no base URL. */
export function digestFeedUrls(siteUrl: string): { rss: string; atom: string; json: string } {
  return { rss: publicUrl(siteUrl, DIGESTS_DIR + FEED_FILES.rss), atom: publicUrl(siteUrl, DIGESTS_DIR + FEED_FILES.atom), json: publicUrl(siteUrl, DIGESTS_DIR + FEED_FILES.json) };
}

/** The digest's dates: "Thu, May 8, 2014" (en), "Thu, 8 May 2014" (en-GB). */
export const DIGEST_DATE_FORMAT = DateTime.DATE_MED_WITH_WEEKDAY;

function digestEntry(entry: EntryMeta, dateOf: (millis: number) => LocalDate, rendered: RenderedEntries): DigestEntry {
  const { iso, text } = dateOf(entry.date);
  const item: DigestEntry = {
    id: entry.id,
    title: entry.title,
    url: entry.url,
    source: entry.source,
    date: entry.date,
    dateIso: iso,
    dateText: text,
    summary: entry.summary ?? rendered.get(entry.key)?.firstParagraph ?? '',
    tags: entry.tags,
    related: entry.related,
  };
  if (entry.updated !== undefined) item.updated = entry.updated;
  if (entry.image) item.image = entry.image;
  if (entry.image && entry.imageAlt) item.imageAlt = entry.imageAlt;
  return item;
}

/** The words of the email's link to the week's archived page: "View in browser" only where that page shows what the email holds (see DigestModel.partOfWeek). */
export function archiveLinkLabel(model: DigestModel): string {
  return model.partOfWeek ? "This week's full digest" : 'View in browser';
}

/** The inbox preview line: the count and the first titles in reading order. */
export function preheaderText(model: DigestModel, maxLength = 140): string {
  const count = model.entries.length;
  if (count === 0) return `No new entries on ${model.site.title} this week.`;
  const head = `${countOf(count, 'entry', 'entries')}: `;
  let text = head;
  for (const [index, entry] of model.entries.entries()) {
    const next = `${index === 0 ? '' : ' · '}${entry.title}`;
    if (text.length + next.length > maxLength) {
      if (index === 0) text += entry.title.slice(0, maxLength - text.length - 1) + '…';
      else text += ' …';
      break;
    }
    text += next;
  }
  return text;
}
