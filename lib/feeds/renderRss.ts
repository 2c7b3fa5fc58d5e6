import { Feed, type Item } from 'feed';
import type { FeedDocument } from './feedDocument.js';
import { cdataValue, declareNamespace, finishXml, PlainTextFields, xmlAttributeValue, xmlValue } from './feedGuards.js';
import { MEDIA_RSS_NS } from './mediaRss.js';
import { historyIn, withHistory } from './feedHistory.js';
import { withCssInstruction } from './cssInstruction.js';
import { escapeHtmlText } from '../shared/xmlText.js';

export const GENERATOR = 'Broadsheet';

/** RSS 2.0 (https://www.rssboard.org/rss-specification), serialised by `feed` behind the guards of feedGuards. */
export function renderRss(doc: FeedDocument): string {
  // RSS 2.0 <title>, <description> (of the channel), <dc:creator>, <source> and <category> are plain text: escaped
  // character data, never CDATA, with hexadecimal references for `&` and `<` (RSS Best Practices Profile, character
  // data). `feed` writes the channel's as text already; item titles go through PlainTextFields.
  const plainText = new PlainTextFields();
  const feed = new Feed({
    title: xmlValue(doc.title),
    description: xmlValue(doc.description),
    link: doc.homeUrl,
    language: xmlValue(doc.language),
    // RSS 2.0 "lastBuildDate": the newest entry's time. `feed` would default it to now, which breaks determinism.
    updated: doc.updated.toJSDate(),
    generator: GENERATOR,
    stylesheet: xmlAttributeValue(doc.stylesheetHref),
    // RSS Best Practices §atom:link: a self link makes the feed locatable.
    feedLinks: { rss: doc.urls.rss },
    ...(doc.hub ? { hub: doc.hub } : {}),
    // RSS 2.0 <image>: "a GIF, JPEG or PNG image that can be displayed with the channel", its <title> and <link> the
    // channel's. The icon: square, and a PNG when generated.
    ...(doc.icon ? { image: xmlValue(doc.icon) } : {}),
  });
  for (const item of doc.items) {
    const extensions: NonNullable<Item['extensions']> = [
      // RSS 2.0 <author> must be an email address; the source has a name only, so dc:creator carries it.
      { name: 'dc:creator', objects: { _text: xmlValue(item.source.name) } },
    ];
    // RSS 2.0 <source url="...">: "the RSS channel that the item came from", known when the source's feed is.
    // RSS 2.0 <comments>: "URL of a page for comments relating to the item". The entry's page is the editor's
    // commentary on the article; <link> stays the article, the item's one link, as the title's target.
    if (item.pageUrl) extensions.push({ name: 'comments', objects: { _text: xmlValue(item.pageUrl) } });
    if (item.image) {
      // Media RSS (https://www.rssboard.org/media-rss) media:content and media:thumbnail: the entry's image.
      extensions.push({ name: 'media:content', objects: { _attributes: { url: xmlAttributeValue(item.image), medium: 'image' } } });
      extensions.push({ name: 'media:thumbnail', objects: { _attributes: { url: xmlAttributeValue(item.image) } } });
    }
    if (item.source.feed) extensions.push({ name: 'source', objects: { _attributes: { url: xmlAttributeValue(item.source.feed) }, _text: xmlValue(item.source.name) } });
    feed.addItem({
      title: plainText.slot(item.title),
      link: item.url,
      // RSS 2.0 <guid isPermaLink="false">: the tag: URI, stable forever.
      guid: xmlValue(item.id),
      date: new Date(item.updated),
      published: new Date(item.published),
      // <description> is entity-encoded HTML in practice; the summary is plain text, so it is escaped.
      description: cdataValue(escapeHtmlText(item.summary)),
      content: cdataValue(item.contentHtml),
      category: item.tags.map((tag) => ({ name: xmlValue(tag.name) })),
      extensions,
    });
  }
  // RFC 5005 in RSS 2.0: its §4 links are Atom links (atom:link), as the RSS self link is.
  let xml = withHistory(withCssInstruction(finishXml(plainText.fill(feed.rss2()), 'hex'), doc.stylesheetHref), historyIn(doc.history, 'rss'), RSS_SELF_LINK, 'atom:link');
  if (doc.items.some((item) => item.image)) xml = declareNamespace(xml, '<rss version="2.0"', 'media', MEDIA_RSS_NS);
  return xml + '\n';
}

const RSS_SELF_LINK = /<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/;
