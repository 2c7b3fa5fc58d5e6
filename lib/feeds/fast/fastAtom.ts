import { cssInstruction } from '../cssInstruction.js';
import type { FeedDocument, FeedItem } from '../feedDocument.js';
import { historyIn, historyMarkup } from '../feedHistory.js';
import { MEDIA_RSS_NS } from '../mediaRss.js';
import { entryExtras, xmlLang } from '../renderAtom.js';
import { GENERATOR } from '../renderRss.js';
import { escapeHtmlText } from '../../shared/xmlText.js';
import { assertXmlClean, cdataText, documentStart, ENTITY_REFERENCES, indent, stringElement, urlAttribute, urlText, xmlAttributeValue, xmlText } from './xmlPieces.js';

const text = (value: string) => xmlText(value, ENTITY_REFERENCES);
const attribute = (value: string) => xmlAttributeValue(value, ENTITY_REFERENCES);

/**
 * Atom 1.0 (RFC 4287): the bytes of ../renderAtom.ts, written as one string instead of through `feed`'s object tree
 * and xml-js. The element rules and their sources are those of renderAtom.
 */
export function fastAtom(doc: FeedDocument): string {
  const language = xmlLang(doc.language);
  const stylesheet = attribute(doc.stylesheetHref);
  const email = doc.author.email ? text(doc.author.email) : '';
  const feed: string[] = [
    // RFC 4287 §4.2.6 atom:id; §3.1.1.1 type="text" titles; §4.2.15 atom:updated; §4.1.1 the feed's author.
    stringElement('id', text(doc.urls.atom)),
    `<title type="text">${text(doc.title)}</title>`,
    `<updated>${doc.updated.toJSDate().toISOString()}</updated>`,
    `<generator>${GENERATOR}</generator>`,
    `<author>${indent(2)}${stringElement('name', text(doc.author.name))}${email ? `${indent(2)}<email>${email}</email>` : ''}${indent(1)}</author>`,
    // §4.2.7.2 rel="alternate" and "self"; RFC 5005 §4 the archive links right after the self link.
    `<link rel="alternate" href="${urlAttribute(doc.homeUrl)}"/>`,
    `<link rel="self" href="${urlAttribute(doc.urls.atom)}"/>${historyMarkup(historyIn(doc.history, 'atom'), 'link').map((line) => `\n${line}`).join('')}`,
  ];
  if (doc.hub) feed.push(`<link rel="hub" href="${urlAttribute(doc.hub)}"/>`);
  if (doc.description) feed.push(`<subtitle type="text">${text(doc.description)}</subtitle>`);
  // §4.2.8 atom:logo, §4.2.5 atom:icon.
  const logo = doc.logo ? text(doc.logo) : '';
  if (logo) feed.push(`<logo>${logo}</logo>`);
  const icon = doc.icon ? text(doc.icon) : '';
  if (icon) feed.push(`<icon>${icon}</icon>`);
  // Media RSS's namespace, declared only when an entry has an image; RFC 4287 §2 xml:lang.
  const media = doc.items.some((item) => item.image) ? ` xmlns:media="${MEDIA_RSS_NS}"` : '';
  const out = documentStart(stylesheet, cssInstruction(doc.stylesheetHref));
  out.push(`\n<feed xmlns="http://www.w3.org/2005/Atom"${media} xml:lang="${language}">`);
  for (const element of feed) out.push(indent(1), element);
  for (const item of doc.items) atomEntry(item, out);
  out.push('\n</feed>\n');
  return assertXmlClean(out.join(''));
}

function atomEntry(item: FeedItem, out: string[]): void {
  const summary = cdataText(escapeHtmlText(item.summary));
  const content = cdataText(item.contentHtml);
  // §4.2.6 the entry's tag: URI; §4.2.7.2 its one alternate link, the article.
  out.push(
    `${indent(1)}<entry>`,
    `${indent(2)}<title type="text">${text(item.title)}</title>`,
    `${indent(2)}${stringElement('id', urlText(item.id))}`,
    `${indent(2)}<link href="${urlAttribute(item.url)}"/>`,
    `${indent(2)}<updated>${new Date(item.updated).toISOString()}</updated>`,
  );
  if (summary) out.push(`${indent(2)}<summary type="html"><![CDATA[`, summary, ']]></summary>');
  if (content) out.push(`${indent(2)}<content type="html"><![CDATA[`, content, ']]></content>');
  // §4.2.1 the source as author, §4.2.2 a category per tag, §4.2.9 atom:published, then the related link and image.
  out.push(`${indent(2)}<author>${indent(3)}${stringElement('name', text(item.source.name))}${item.source.url ? `${indent(3)}${stringElement('uri', urlText(item.source.url))}` : ''}${indent(2)}</author>`);
  for (const tag of item.tags) out.push(`${indent(2)}<category term="${attribute(tag.name)}"/>`);
  out.push(`${indent(2)}<published>${new Date(item.published).toISOString()}</published>`);
  if (item.pageUrl || item.image) out.push(indent(2), entryExtras(item.pageUrl, item.image));
  out.push(`${indent(1)}</entry>`);
}
