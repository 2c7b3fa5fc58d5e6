import { escapeHtml } from './xmlText.js';

/**
 * HTML Living Standard §4.6.7.1 (rel=alternate with a feed type): one <link> per format in the page's <head>, titled
 * `title` and the format, so that a reader offered the page finds the feeds and picks one. One line each.
 */
export function feedAutodiscovery(title: string, href: { rss: string; atom: string; json: string }): string {
  const name = escapeHtml(title);
  return [
    `<link rel="alternate" type="application/rss+xml" title="${name} (RSS)" href="${escapeHtml(href.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${name} (Atom)" href="${escapeHtml(href.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${name} (JSON Feed)" href="${escapeHtml(href.json)}">`,
  ].join('\n');
}
