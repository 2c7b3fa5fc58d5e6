import { DateTime } from 'luxon';
import type { RenderedEntries } from './artifact.js';
import type { DigestConfig } from './digestConfig.js';
import type { EntryMeta, Link, Source, Tag } from './entry.js';
import { inWeek, type IsoWeek } from './isoWeek.js';
import type { Site } from './site.js';
import { publicUrl } from './urls.js';

export const DIGESTS_DIR = 'digests/';

/** One entry as the digest shows it. */
export interface DigestEntry {
  id: string;
  title: string;
  /** The original article. */
  url: string;
  source: Source;
  /** When the entry is dated, in the site's zone. */
  date: DateTime;
  /** The date in the site's language, e.g. "Thu, May 8, 2014". */
  dateText: string;
  /** Plain text: the entry's summary, else its body's first paragraph. */
  summary: string;
  tags: Tag[];
  related: Link[];
  image?: string;
}

/** One week's digest, before it is written as HTML or text. */
export interface DigestModel {
  site: Site;
  config: DigestConfig;
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
}

export function digestKeys(weekName: string): { html: string; text: string } {
  return { html: `${DIGESTS_DIR}${weekName}.html`, text: `${DIGESTS_DIR}${weekName}.txt` };
}

// An Intl.DateTimeFormat is costly to make and the archive formats ~780 weeks in one language and zone.
const rangeFormats = new Map<string, Intl.DateTimeFormat>();
function rangeFormat(language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}\n${timeZone}`;
  let format = rangeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    rangeFormats.set(key, format);
  }
  return format;
}

/** The week's dates as a localised range, Monday to Sunday. */
export function weekRangeText(week: IsoWeek, language: string): string {
  const lastDay = week.end.minus({ days: 1 });
  const format = rangeFormat(language, week.start.zoneName ?? 'UTC');
  // ICU puts thin spaces around the dash; a range of bare day numbers reads closed up ("5–11 May 2014",
  // "May 5–11, 2014"), one across months keeps plain spaces ("28 April – 4 May 2014").
  return format
    .formatRange(week.start.toJSDate(), lastDay.toJSDate())
    .replace(/(\d)\s*–\s*(\d)/g, '$1–$2')
    .replace(/[\u2009\u202f]/g, ' ');
}

/** `published` is the plan's list (not drafts, not embargoed at `now`); the week's share of it is the digest. */
export function buildDigestModel(site: Site, config: DigestConfig, week: IsoWeek, published: readonly EntryMeta[], rendered: RenderedEntries): DigestModel {
  const entries = published
    .filter((entry) => inWeek(week, entry.date))
    .sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => digestEntry(site, entry, rendered));
  const keys = digestKeys(week.name);
  return {
    site,
    config,
    week,
    rangeText: weekRangeText(week, site.language),
    entries,
    keys,
    urls: {
      html: publicUrl(site.url, keys.html),
      text: publicUrl(site.url, keys.text),
      index: publicUrl(site.url, `${DIGESTS_DIR}index.html`),
      feed: publicUrl(site.url, `${DIGESTS_DIR}rss.xml`),
    },
  };
}

// Most entries are dated YYYY-MM-DD, so many share one instant (midnight of their day); the zone offset is
// luxon's costly part, so each instant is converted once per zone and language. DateTime is immutable.
const localDates = new Map<string, { date: DateTime; dateText: string }>();
const LOCAL_DATES_LIMIT = 200_000;

function localDate(millis: number, zone: string, language: string): { date: DateTime; dateText: string } {
  const key = `${zone}\n${language}\n${millis}`;
  let local = localDates.get(key);
  if (!local) {
    const date = DateTime.fromMillis(millis, { zone }).setLocale(language);
    local = { date, dateText: date.toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY) };
    if (localDates.size >= LOCAL_DATES_LIMIT) localDates.clear();
    localDates.set(key, local);
  }
  return local;
}

function digestEntry(site: Site, entry: EntryMeta, rendered: RenderedEntries): DigestEntry {
  const { date, dateText } = localDate(entry.date, site.timezone, site.language);
  const item: DigestEntry = {
    id: entry.id,
    title: entry.title,
    url: entry.url,
    source: entry.source,
    date,
    dateText,
    summary: entry.summary ?? rendered.get(entry.key)?.firstParagraph ?? '',
    tags: entry.tags,
    related: entry.related,
  };
  if (entry.image) item.image = entry.image;
  return item;
}

/** The inbox preview line: the count and the first titles in reading order. */
export function preheaderText(model: DigestModel, maxLength = 140): string {
  const count = model.entries.length;
  if (count === 0) return `No new entries on ${model.site.title} this week.`;
  const head = `${count} ${count === 1 ? 'entry' : 'entries'}: `;
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
