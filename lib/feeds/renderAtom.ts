import { Feed } from 'feed';
import type { FeedDocument } from './feedDocument.js';
import { AtomEntryExtras, cdataValue, declareNamespace, finishXml, PlainTextFields, xmlAttribute, xmlAttributeValue, xmlValue } from './feedGuards.js';
import { MEDIA_RSS_NS, mediaImageMarkup } from './mediaRss.js';
import { historyIn, withHistory } from './feedHistory.js';
import { GENERATOR } from './renderRss.js';
import { withCssInstruction } from './cssInstruction.js';
import { RenderError } from '../shared/errors.js';
import { escapeHtmlText } from '../shared/xmlText.js';

/** Atom 1.0 (RFC 4287), serialised by `feed` behind the guards of feedGuards. */
export function renderAtom(doc: FeedDocument): string {
  // RFC 4287 §3.1 (Text constructs): the feed's title and subtitle and each entry's title are plain text, so they are
  // written type="text" (§3.1.1.1), escaped, never as HTML in CDATA (which `feed` does for entry titles).
  const plainText = new PlainTextFields();
  const extras = new AtomEntryExtras();
  const feed = new Feed({
    // RFC 4287 §4.2.6: a permanent IRI; the feed's own URL is stable and unique.
    id: xmlValue(doc.urls.atom),
    title: plainText.slot(doc.title),
    ...(doc.description ? { description: plainText.slot(doc.description) } : {}),
    link: doc.homeUrl,
    // §4.2.15: the newest entry's time, never the build time (`feed` defaults to now).
    updated: doc.updated.toJSDate(),
    generator: GENERATOR,
    stylesheet: xmlAttributeValue(doc.stylesheetHref),
    // §4.1.1: atom:feed must have an author unless every entry has one.
    author: { name: xmlValue(doc.author.name), ...(doc.author.email ? { email: xmlValue(doc.author.email) } : {}) },
    feedLinks: { atom: doc.urls.atom },
    ...(doc.hub ? { hub: doc.hub } : {}),
    // §4.2.5 atom:icon ("SHOULD be square") and §4.2.8 atom:logo ("SHOULD be twice as wide as it is tall").
    ...(doc.icon ? { favicon: xmlValue(doc.icon) } : {}),
    ...(doc.logo ? { image: xmlValue(doc.logo) } : {}),
  });
  for (const item of doc.items) {
    feed.addItem({
      title: plainText.slot(item.title),
      // §4.2.6: the RFC 4151 tag: URI. tagUri guarantees `feed`'s URL parsing leaves it unchanged.
      id: item.id,
      link: item.url,
      date: new Date(item.updated),
      published: new Date(item.published),
      description: cdataValue(escapeHtmlText(item.summary)),
      content: cdataValue(item.contentHtml),
      // §4.2.1: the article's author is its source.
      author: [{ name: xmlValue(item.source.name), ...(item.source.url ? { link: item.source.url } : {}) }],
      // §4.2.2.1: the term is an attribute, so its tabs and line breaks are written as references (xmlAttributeValue).
      category: item.tags.map((tag) => ({ term: xmlAttributeValue(tag.name) })),
      ...(item.pageUrl || item.image ? { copyright: extras.slot(entryExtras(item.pageUrl, item.image)) } : {}),
    });
  }
  const xml = withLanguage(withHistory(withCssInstruction(finishXml(extras.fill(plainText.fill(feed.atom1(), ' type="text"'))), doc.stylesheetHref), historyIn(doc.history, 'atom'), ATOM_SELF_LINK, 'link'), doc.language);
  return (doc.items.some((item) => item.image) ? declareNamespace(xml, '<feed xmlns="http://www.w3.org/2005/Atom"', 'media', MEDIA_RSS_NS) : xml) + '\n';
}

/**
 * RFC 4287 §4.2.7.2: the entry's link without rel (alternate) is the article, the title's target and the key readers
 * merge link posts by; the entry's own page is `rel="related"`, "a resource related to" the entry.
 */
export function entryExtras(pageUrl: string | undefined, image: string | undefined): string {
  const related = pageUrl ? `<link rel="related" type="text/html" href="${xmlAttribute(pageUrl)}"/>` : '';
  // Media RSS in Atom, as in RSS: the entry's image (mediaImageMarkup).
  return related + (image ? mediaImageMarkup(image) : '');
}

const ATOM_SELF_LINK = /<link rel="self" href="[^"]*"\/>/;

const FEED_OPENING = '<feed xmlns="http://www.w3.org/2005/Atom">';

/** RFC 4287 §2 (xml:lang): Atom states its language as an attribute, which `feed` cannot write. */
function withLanguage(xml: string, language: string): string {
  const lang = xmlLang(language);
  if (xml.indexOf(FEED_OPENING) !== xml.lastIndexOf(FEED_OPENING) || !xml.includes(FEED_OPENING)) {
    throw new RenderError(`cannot state the language ${JSON.stringify(language)} on the Atom feed`);
  }
  return xml.replace(FEED_OPENING, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`);
}

/** The language as the root's xml:lang value: a language tag's letters, digits and hyphens only (site.ts checks the tag). */
export function xmlLang(language: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(language)) throw new RenderError(`cannot state the language ${JSON.stringify(language)} on the Atom feed`);
  return language;
}
