import { FEED_READER_NAMES } from './feedReaderNames.js';
import { languageDirection } from '../shared/languageDirection.js';
import { PAGE_PALETTE } from '../shared/pagePalette.js';

/** The explanation a browser shows above a feed's entries, as feed.xsl's subscribe box says it. */
export const FEED_CSS_EXPLANATION =
  `This is a web feed. To subscribe, copy its address into your feed reader: ${FEED_READER_NAMES} accept it.`;

/** An RFC 5005 archive document's explanation: it gets no new entries, its `current` link is the feed to follow. */
export const FEED_CSS_ARCHIVE_EXPLANATION = 'This is an archive of past entries: it gets no new ones. To follow the site, subscribe to its current feed.';

/**
 * `feed.css`: what a browser without XSLT shows of an RSS or Atom feed (cssInstruction links it after feed.xsl). It
 * styles the feed's own elements (CSS 2.1 §2.1 applies to any XML; CSS Namespaces 3 for RSS's elements, which have
 * none, `|title`, and Atom's): the feed's title and description, an explanation and the feed's address (CSS 2.1 §12
 * generated content, `attr(href)` of the self link), then each entry's title, date and source. Summaries stay
 * hidden: they are escaped HTML, which CSS would show as typed (`&amp;`). No link can be followed: CSS cannot make
 * one. `language` is the site's: the page is laid out in its direction, and each text takes its own
 * (`unicode-bidi: plaintext`, as dir="auto" does on the site's pages); a source's name is isolated as <bdi> is, and
 * a date, written in English, reads left to right.
 */
export function renderFeedCss(language: string): string {
  const { light, dark } = PAGE_PALETTE;
  const rtl = languageDirection(language) === 'rtl';
  return `@charset "utf-8";
@namespace atom url(http://www.w3.org/2005/Atom);
@namespace dc url(http://purl.org/dc/elements/1.1/);
@namespace fh url(http://purl.org/syndication/history/1.0);

:root { color-scheme: light dark; font: 100%/1.5 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; background: ${light.background}; color: ${light.text};${rtl ? ' direction: rtl;' : ''} }
|rss { display: block; }
|channel, atom|feed { display: flex; flex-direction: column; }
|channel > *, atom|feed > *, |item > *, atom|entry > *, atom|author > * { display: none; }
|channel > |title, atom|feed > atom|title { display: block; order: 1; font-size: 2em; font-weight: bold; margin: .67em 0; unicode-bidi: plaintext; }
|channel > |description, atom|feed > atom|subtitle { display: block; order: 2; margin: 0 0 1em; unicode-bidi: plaintext; }
|channel::before, atom|feed::before { content: "${FEED_CSS_EXPLANATION}"; display: block; order: 3; border: 2px solid ${light.accent}; border-bottom: 0; border-radius: 8px 8px 0 0; padding: 1rem 1rem .5rem; unicode-bidi: plaintext; }
|channel:has(> fh|archive)::before, atom|feed:has(> fh|archive)::before { content: "${FEED_CSS_ARCHIVE_EXPLANATION}"; }
|channel > atom|link[rel="self"], atom|feed > atom|link[rel="self"], |channel > atom|link[rel="current"], atom|feed > atom|link[rel="current"] { display: block; order: 4; border: 2px solid ${light.accent}; border-top: 0; border-radius: 0 0 8px 8px; padding: 0 1rem 1rem; margin: 0 0 2rem; unicode-bidi: plaintext; }
|channel > atom|link[rel="self"]::before, atom|feed > atom|link[rel="self"]::before { content: "Feed address: " attr(href); }
|channel > atom|link[rel="current"]::before, atom|feed > atom|link[rel="current"]::before { content: "Current feed: " attr(href); }
|channel:has(> fh|archive) > atom|link[rel="self"], atom|feed:has(> fh|archive) > atom|link[rel="self"] { display: none; }
|item, atom|entry { display: block; order: 5; border-top: 1px solid #8884; padding: .75rem 0; }
|item > |title, atom|entry > atom|title { display: block; font-size: 1.15rem; font-weight: bold; margin: 0 0 .25rem; unicode-bidi: plaintext; }
|item > |pubDate, |item > dc|creator, atom|entry > atom|author, atom|author > atom|name, atom|entry > atom|published { display: inline; font-size: .9rem; color: ${light.muted}; }
|item > dc|creator, atom|author > atom|name { unicode-bidi: isolate; }
|item > |pubDate, atom|entry > atom|published { unicode-bidi: isolate; direction: ltr; }
|item > |pubDate ~ dc|creator::before, atom|entry > atom|author ~ atom|published::before { content: " · "; }
@media (prefers-color-scheme: dark) {
  :root { background: ${dark.background}; color: ${dark.text}; }
  |channel::before, atom|feed::before, |channel > atom|link[rel], atom|feed > atom|link[rel] { border-color: ${dark.accent}; }
  |item > |pubDate, |item > dc|creator, atom|entry > atom|author, atom|author > atom|name, atom|entry > atom|published { color: ${dark.muted}; }
}
`;
}
