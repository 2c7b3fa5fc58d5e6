import { bdi } from '../shared/bdi.js';
import type { OwnWords } from '../shared/ownWords.js';
import { escapeHtml } from '../shared/xmlText.js';

/**
 * The link from a list of entries to an entry's own page, its commentary: named by the entry's title too, for a
 * screen reader's list of links, where every one would read "Commentary" (WCAG 2.4.4); the title is off screen
 * (`skip`, which the page's CSS must move off screen) and isolated, in the site's language (`words.typed`).
 */
export function commentaryLink(href: string, title: string, words: OwnWords): string {
  return `<a href="${escapeHtml(href)}"${words.en}>Commentary<span class="skip"> on “${bdi(title, words.typed)}”</span></a>`;
}
