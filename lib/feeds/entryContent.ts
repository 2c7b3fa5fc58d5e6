import type { EntryMeta } from '../content/entry.js';
import { escapeHtml } from '../shared/xmlText.js';
import { FEED_CONTENT_MAX_CHARS } from '../content/limits.js';
import { cutHtml } from './cutHtml.js';

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
 * The full HTML of an entry in a feed: the image, the editor's commentary, a credit to the source
 * with a link to the article, and the related links. `bodyHtml` is already sanitised; everything
 * added here is escaped. A commentary longer than FEED_CONTENT_MAX_CHARS is cut after its last whole
 * block that fits, and says so with a link to the entry's page (`pageUrl`), which has all of it: every tag feed
 * repeats the item.
 */
export function entryContentHtml(entry: EntryMeta, bodyHtml: string, pageUrl: string): string {
  const parts: string[] = [];
  // The editor's description of the image; without one, the title names what the image illustrates.
  if (entry.image) parts.push(`<p><img src="${escapeHtml(entry.image)}" alt="${escapeHtml(entry.imageAlt ?? entry.title)}"></p>`);
  const body = cutHtml(intoPage(bodyHtml.trim(), pageUrl), FEED_CONTENT_MAX_CHARS);
  if (body.html) parts.push(body.html);
  else if (entry.summary) parts.push(`<p>${escapeHtml(entry.summary)}</p>`);
  if (body.cut) parts.push(`<p>The rest of this commentary is too long for a feed. <a href="${escapeHtml(pageUrl)}">Read all of it on its page</a>.</p>`);
  const source = entry.source.url
    ? `<a href="${escapeHtml(entry.source.url)}">${escapeHtml(entry.source.name)}</a>`
    : escapeHtml(entry.source.name);
  parts.push(`<p>Source: ${source}. <a href="${escapeHtml(entry.url)}">Read the article</a>.</p>`);
  if (entry.related.length > 0) {
    const items = entry.related.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.title)}</a></li>`);
    parts.push(`<p>Related:</p>\n<ul>\n${items.join('\n')}\n</ul>`);
  }
  return parts.join('\n');
}
