import { bdi } from '../shared/bdi.js';
import { escapeHtml } from '../shared/xmlText.js';

/**
 * A tag's link as a list of tags shows it: the `#` and the name isolated together (HTML §4.5.24 <bdi>), so the `#`
 * stays before the name in the name's own direction, whatever the page's: an English tag on a right-to-left page
 * reads "#Infrastructure", not "Infrastructure#" (the `#`, a neutral outside the isolate, took the page's direction).
 * On the tag's own page the link is to that page: `aria-current="page"` says so (WAI-ARIA 1.2, aria-current).
 * `typed`: the isolate's language attribute where the line around it is in other words (ownWords' `typed`).
 */
export function tagLink(tag: { name: string; href: string; current?: boolean }, typed = ''): string {
  return `<a href="${escapeHtml(tag.href)}"${tag.current ? ' aria-current="page"' : ''}>${bdi(`#${tag.name}`, typed)}</a>`;
}
