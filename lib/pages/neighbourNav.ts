import { bdi } from '../shared/bdi.js';
import type { OwnWords } from '../shared/ownWords.js';
import { escapeHtml } from '../shared/xmlText.js';

/** A page next to this one in a series (a month, a week): its address and its name in the site's language. */
export interface NeighbourLink {
  href: string;
  name: string;
}

/**
 * The way on from a page of a series, after its content: Newer, the list of all, Older, none past either end. `rel`:
 * the links also say so for browsers and assistive tools (HTML §4.6.7.14 next, §4.6.7.15 prev: the older page comes
 * before in the series, the newer after). The names are isolated, in the site's language (`words.typed`).
 */
export function neighbourNav(label: string, parts: { newer?: NeighbourLink; all: { href: string; text: string }; older?: NeighbourLink }, words: OwnWords, rel = false): string {
  const link = (page: NeighbourLink, text: string, relation: string) =>
    `<a href="${escapeHtml(page.href)}"${rel ? ` rel="${relation}"` : ''}>${text}: ${bdi(page.name, words.typed)}</a>`;
  const links = [parts.newer ? link(parts.newer, 'Newer', 'next') : '', `<a href="${escapeHtml(parts.all.href)}">${parts.all.text}</a>`, parts.older ? link(parts.older, 'Older', 'prev') : '']
    .filter(Boolean)
    .join(' · ');
  return `<nav aria-label="${label}"${words.en}>${links}</nav>`;
}
