import type { FeedDocument, FeedItem } from '../feedDocument.js';
import { itemLinks, jsonFeedText, type JsonFeedItem } from '../renderJsonFeed.js';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the text of ../renderJsonFeed.ts, its items made here
 * instead of written by `feed` as version 1 and read back. The field rules and their sources are those of
 * renderJsonFeed; the document around the items is its jsonFeedText.
 */
export function fastJsonFeed(doc: FeedDocument): string {
  return jsonFeedText(doc, doc.items.map(jsonFeedItem));
}

function jsonFeedItem(item: FeedItem): JsonFeedItem {
  // What `feed` (6.0.0) keeps of an item: a title, link, image or tag only when it is not empty; the summary only
  // beside content.
  const tags = item.tags.map((tag) => tag.name).filter((name) => name !== '');
  return {
    id: item.id,
    ...itemLinks(item.pageUrl, item.url || undefined),
    title: item.title || undefined,
    content_html: item.contentHtml,
    summary: item.summary && item.contentHtml ? item.summary : undefined,
    ...(item.image ? { image: item.image } : {}),
    date_published: new Date(item.published).toISOString(),
    date_modified: new Date(item.updated).toISOString(),
    authors: [{ name: item.source.name, ...(item.source.url ? { url: item.source.url } : {}) }],
    ...(tags.length > 0 ? { tags } : {}),
  };
}
