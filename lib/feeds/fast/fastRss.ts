import { cssInstruction } from '../cssInstruction.js';
import type { FeedDocument, FeedItem } from '../feedDocument.js';
import { historyIn, historyMarkup } from '../feedHistory.js';
import { MEDIA_RSS_NS } from '../mediaRss.js';
import { GENERATOR } from '../renderRss.js';
import { escapeHtmlText } from '../../shared/xmlText.js';
import { assertXmlClean, cdataText, documentStart, HEX_REFERENCES, indent, urlAttribute, urlText, xmlAttributeValue, xmlText } from './xmlPieces.js';

const text = (value: string) => xmlText(value, HEX_REFERENCES);
const attribute = (value: string) => xmlAttributeValue(value, HEX_REFERENCES);

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification): the bytes of ../renderRss.ts, written as one string instead
 * of through `feed`'s object tree and xml-js. The element rules and their sources are those of renderRss.
 */
export function fastRss(doc: FeedDocument): string {
  const anyContent = doc.items.some((item) => cdataText(item.contentHtml) !== '');
  const stylesheet = attribute(doc.stylesheetHref);
  const language = text(doc.language);
  const icon = doc.icon ? text(doc.icon) : '';
  const title = text(doc.title);
  const home = urlText(doc.homeUrl);
  // RSS 2.0 required channel elements, then lastBuildDate (the newest entry's time), docs and generator.
  const channel: string[] = [
    `<title>${title}</title>`,
    `<link>${home}</link>`,
    `<description>${text(doc.description)}</description>`,
    `<lastBuildDate>${doc.updated.toJSDate().toUTCString()}</lastBuildDate>`,
    '<docs>https://validator.w3.org/feed/docs/rss2.html</docs>',
    `<generator>${GENERATOR}</generator>`,
  ];
  if (language) channel.push(`<language>${language}</language>`);
  // RSS 2.0 <image>: its title and link are the channel's.
  if (icon) channel.push(`<image>${indent(3)}<title>${title}</title>${indent(3)}<url>${icon}</url>${indent(3)}<link>${home}</link>${indent(2)}</image>`);
  // RSS Best Practices: an atom:link rel="self"; RFC 5005 §4 the archive links right after it.
  channel.push(`<atom:link href="${urlAttribute(doc.urls.rss)}" rel="self" type="application/rss+xml"/>${historyMarkup(historyIn(doc.history, 'rss'), 'atom:link').map((line) => `\n${line}`).join('')}`);
  if (doc.hub) channel.push(`<atom:link href="${urlAttribute(doc.hub)}" rel="hub"/>`);
  // Media RSS only when an item has an image; dc and content only when an item has content (as `feed` declares them).
  const namespaces =
    (doc.items.some((item) => item.image) ? ` xmlns:media="${MEDIA_RSS_NS}"` : '') +
    (anyContent ? ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"' : '') +
    ' xmlns:atom="http://www.w3.org/2005/Atom"';
  const out = documentStart(stylesheet, cssInstruction(doc.stylesheetHref));
  out.push(`\n<rss version="2.0"${namespaces}>${indent(1)}<channel>`);
  for (const element of channel) out.push(indent(2), element);
  for (const item of doc.items) rssItem(item, out);
  out.push(`${indent(1)}</channel>\n</rss>\n`);
  return assertXmlClean(out.join(''));
}

function rssItem(item: FeedItem, out: string[]): void {
  const description = cdataText(escapeHtmlText(item.summary));
  const content = cdataText(item.contentHtml);
  // RSS 2.0 <guid isPermaLink="false">: the tag: URI; <pubDate>: RFC 822 via toUTCString.
  out.push(
    `${indent(2)}<item>`,
    `${indent(3)}<title>${text(item.title)}</title>`,
    `${indent(3)}<link>${urlText(item.url)}</link>`,
    `${indent(3)}<guid isPermaLink="false">${text(item.id)}</guid>`,
    `${indent(3)}<pubDate>${new Date(item.published).toUTCString()}</pubDate>`,
  );
  if (description) out.push(`${indent(3)}<description><![CDATA[`, description, ']]></description>');
  if (content) out.push(`${indent(3)}<content:encoded><![CDATA[`, content, ']]></content:encoded>');
  for (const tag of item.tags) out.push(`${indent(3)}<category>${text(tag.name)}</category>`);
  // dc:creator names the source (RSS 2.0 <author> must be an email); <comments> is the entry's page; Media RSS
  // media:content and media:thumbnail; RSS 2.0 <source url> when the source's feed is known.
  out.push(`${indent(3)}<dc:creator>${text(item.source.name)}</dc:creator>`);
  if (item.pageUrl) out.push(`${indent(3)}<comments>${text(item.pageUrl)}</comments>`);
  if (item.image) {
    const image = attribute(item.image);
    out.push(`${indent(3)}<media:content url="${image}" medium="image"/>`, `${indent(3)}<media:thumbnail url="${image}"/>`);
  }
  if (item.source.feed) out.push(`${indent(3)}<source url="${attribute(item.source.feed)}">${text(item.source.name)}</source>`);
  out.push(`${indent(2)}</item>`);
}
