import type { EntryMeta } from '../content/entry.js';
import { escapeHtml, escapeHtmlText } from '../shared/xmlText.js';
import { FEED_CONTENT_MAX_CHARS } from '../content/limits.js';
import { cutFirstBlock, cutHtml } from './cutHtml.js';

// The only fragment links a sanitised body keeps are its footnotes' (sanitizeEntryHtml).
const FRAGMENT_HREF = / href="#/g;

/**
 * A feed reader shows an item without its page, and resolves a fragment against the feed's or the site's address (or
 * not at all): a footnote's link, and its way back, go to the place on the entry's page, which has the note even when
 * the feed's copy is cut before it.
 */
function intoPage(bodyHtml: string, pageUrl: string): string {
  return bodyHtml.includes(' href="#') ? bodyHtml.replace(FRAGMENT_HREF, ` href="${escapeHtml(pageUrl)}#`) : bodyHtml;
}

/**
 * The full HTML of an entry in a feed: the image, the editor's commentary, a credit to the source with a link to the
 * article, and the related links. `bodyHtml` is already sanitised; everything added here is escaped (text as text,
 * escapeHtmlText; attributes as attributes). A commentary longer than FEED_CONTENT_MAX_CHARS is cut after its last
 * whole block that fits, and says so with a link to the entry's page (`pageUrl`), which has all of it: every tag feed
 * repeats the item. When not even its first block fits, its start is (cutFirstBlock), or, when nothing in it ends in
 * time, the summary (`summary:`, else `firstParagraph`, plain text), which is short: at most MAX_TEXT_CHARS.summary
 * characters either way (a longer `summary:` is refused, a longer first paragraph cut to it: firstParagraph.ts).
 */
export function entryContentHtml(entry: EntryMeta, bodyHtml: string, pageUrl: string, firstParagraph = ''): string {
  const parts: string[] = [];
  // The editor's description of the image; without one, the title names what the image illustrates.
  if (entry.image) parts.push(`<p><img src="${escapeHtml(entry.image)}" alt="${escapeHtml(entry.imageAlt ?? entry.title)}"></p>`);
  const html = intoPage(bodyHtml.trim(), pageUrl);
  const body = cutHtml(html, FEED_CONTENT_MAX_CHARS);
  const readOn = `<a href="${escapeHtml(pageUrl)}">Read all of it on its page</a>.`;
  // The first block alone over the limit (a large table): its start, cut after an element that ends in time.
  const start = body.html || !body.cut ? body.html : cutFirstBlock(html, FEED_CONTENT_MAX_CHARS);
  if (start) parts.push(start);
  else if (body.cut) {
    // Nothing inside it ends in time (one long paragraph): the summary stands in for it.
    const summary = entry.summary ?? firstParagraph;
    if (summary) parts.push(`<p>${escapeHtmlText(summary)}</p>`);
    parts.push(`<p>This commentary is too long for a feed. ${readOn}</p>`);
  } else if (entry.summary) parts.push(`<p>${escapeHtmlText(entry.summary)}</p>`);
  if (body.cut && start) parts.push(`<p>The rest of this commentary is too long for a feed. ${readOn}</p>`);
  const source = entry.source.url
    ? `<a href="${escapeHtml(entry.source.url)}">${escapeHtmlText(entry.source.name)}</a>`
    : escapeHtmlText(entry.source.name);
  // A name that ends in a full stop (`Escapes & Co.`) ends the sentence with it, not with a second one.
  const stop = entry.source.name.endsWith('.') ? '' : '.';
  parts.push(`<p>Source: ${source}${stop} <a href="${escapeHtml(entry.url)}">Read the article</a>.</p>`);
  if (entry.related.length > 0) {
    const items = entry.related.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtmlText(link.title)}</a></li>`);
    parts.push(`<p>Related:</p>\n<ul>\n${items.join('\n')}\n</ul>`);
  }
  return parts.join('\n');
}
