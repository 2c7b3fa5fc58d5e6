import { Feed } from 'feed';
import type { FeedDocument } from './feedDocument.js';
import { ASTRAL_NONCHARACTER, cleanText } from '../shared/xmlText.js';

interface JsonFeedV1Item {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  summary?: string;
  image?: string;
  date_published?: string;
  date_modified?: string;
  tags?: string[];
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). `feed` writes version 1 with a single `author`
 * and no `external_url`, so its output is read back and completed here.
 */
export function renderJsonFeed(doc: FeedDocument): string {
  const feed = new Feed({ title: doc.title, link: doc.homeUrl, description: doc.description, feedLinks: { json: doc.urls.json } });
  for (const item of doc.items) {
    feed.addItem({
      id: item.id,
      title: item.title,
      link: item.url,
      date: new Date(item.updated),
      published: new Date(item.published),
      description: item.summary,
      content: item.contentHtml,
      ...(item.image ? { image: item.image } : {}),
      category: item.tags.map((tag) => ({ name: tag.name })),
    });
  }
  const v1 = JSON.parse(feed.json1()) as { items: JsonFeedV1Item[] };
  const items = v1.items.map((v1Item, index): JsonFeedItem => {
    const item = doc.items[index]!;
    return {
      id: v1Item.id,
      ...itemLinks(item.pageUrl, v1Item.url),
      // §items: "title (optional, string) is plain text"; JSON strings carry it as typed, with no markup or entities.
      title: v1Item.title,
      content_html: v1Item.content_html,
      summary: v1Item.summary,
      ...(v1Item.image ? { image: v1Item.image } : {}),
      date_published: v1Item.date_published,
      date_modified: v1Item.date_modified,
      // §items: 1.1 replaces `author` with `authors`; the article's author is its source.
      authors: [{ name: item.source.name, ...(item.source.url ? { url: item.source.url } : {}) }],
      ...(v1Item.tags && v1Item.tags.length > 0 ? { tags: v1Item.tags } : {}),
    };
  });
  return jsonFeedText(doc, items);
}

/**
 * An item's links, in both writers. §items, the link-blog model: "url (optional, string) is the URL of the resource
 * described by the item. It’s the permalink" — the entry's own page — and "external_url (very optional, string) is
 * the URL of a page elsewhere. This is especially useful for linkblogs" — the article (`url`), as RSS <link> and
 * Atom's alternate state it. An item with no page of its own (a week's digest) has its one link as `url` and no
 * `external_url`: the same URL twice has a link-blog reader offer the item's page as the thing it talks about.
 */
export function itemLinks(pageUrl: string | undefined, url: string | undefined): Pick<JsonFeedItem, 'url' | 'external_url'> {
  return { url: pageUrl ?? url, external_url: pageUrl !== undefined && url !== pageUrl ? url : undefined };
}

/** A JSON Feed 1.1 item, as Broadsheet writes it; JSON.stringify leaves out a field that is undefined. */
export interface JsonFeedItem {
  id: string;
  url?: string | undefined;
  external_url?: string | undefined;
  title?: string | undefined;
  content_html?: string | undefined;
  summary?: string | undefined;
  image?: string | undefined;
  date_published?: string | undefined;
  date_modified?: string | undefined;
  authors: { name: string; url?: string }[];
  tags?: string[];
}

/** The document around `items`, as JSON Feed 1.1 text: every string cleaned (cleanText). */
export function jsonFeedText(doc: FeedDocument, items: JsonFeedItem[]): string {
  const output = {
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: doc.urls.json,
    description: doc.description,
    // §top-level: `authors` (1.1) and `language` (1.1).
    authors: [{ name: doc.author.name }],
    language: doc.language,
    // §top-level: "icon ... should be square and relatively large — such as 512 x 512"; "favicon ... should be square
    // and relatively small": the one square image serves both.
    ...(doc.icon ? { icon: doc.icon, favicon: doc.icon } : {}),
    ...(doc.hub ? { hubs: [{ type: 'WebSub', url: doc.hub }] } : {}),
    // §top-level: "next_url (optional, string) is the URL of a feed that provides the next n items" — the next older
    // archive document, as RSS and Atom link it prev-archive (RFC 5005).
    ...(doc.history?.prevArchive ? { next_url: doc.history.prevArchive.json } : {}),
    items,
  };
  // Nearly no feed holds an XML-illegal character, and a replacer function makes JSON.stringify several times
  // slower: write it plainly, and again through cleanText only if the text shows a trace of one.
  const plain = JSON.stringify(output, null, 2);
  if (!MAYBE_ILLEGAL_IN_JSON.test(plain)) return plain + '\n';
  return JSON.stringify(output, (_key, value: unknown) => (typeof value === 'string' ? cleanText(value) : value), 2) + '\n';
}

/**
 * How JSON.stringify writes what cleanText removes: C0 controls as `\b`, `\f` or `\u00XX` (tab, LF and CR, which
 * XML allows, as `\t`, `\n`, `\r`), lone surrogates as `\udXXX`, DEL, the C1 controls and the noncharacters as
 * themselves (an astral one as its surrogate pair). An escaped backslash before such letters (`\\b`) matches too:
 * that only costs the slow path.
 */
const MAYBE_ILLEGAL_IN_JSON = new RegExp(`\\\\[bf]|\\\\u00[01]|\\\\u[dD][89a-fA-F]|[\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]|${ASTRAL_NONCHARACTER.source}`);
