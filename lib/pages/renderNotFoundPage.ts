import { bdi } from '../shared/bdi.js';
import { feedAutodiscovery } from '../shared/feedAutodiscovery.js';
import { ownWords } from '../shared/ownWords.js';
import { escapeHtml } from '../shared/xmlText.js';
import { pageCss } from './pageCss.js';
import { OPML_TYPE } from './renderSitePage.js';

/**
 * The page a reader gets at a missing address (404.html). It is served at whatever address was asked for, at any
 * depth, so every link in it is root-relative under the site's path, or absolute: never relative.
 */
export interface NotFoundPageModel {
  /** BCP 47, for <html lang>. */
  language: string;
  siteTitle: string;
  /** The site index. */
  homeHref: string;
  /** The list of months: every published entry. */
  monthsHref: string;
  /** The index's list of every tag and its feeds; undefined for a site without tags. */
  tagsHref?: string;
  /** The site feeds. */
  feed: { rss: string; atom: string; json: string };
  opmlHref: string;
  /** The site icon: <link rel="icon">. */
  iconHref: string;
}

const h = escapeHtml;

/** 404.html: valid HTML5, no script, kept out of search indexes, the site feeds autodiscovered. */
export function renderNotFoundPage(model: NotFoundPageModel): string {
  const words = ownWords(model.language);
  const ways = [
    `<li><a href="${h(model.homeHref)}">The home page</a>, with the latest entries</li>`,
    `<li><a href="${h(model.monthsHref)}">Every entry, month by month</a></li>`,
    ...(model.tagsHref === undefined ? [] : [`<li><a href="${h(model.tagsHref)}">Every tag and its feeds</a></li>`]),
  ];
  const feed = (href: string, type: string, label: string) => `<a href="${h(href)}" type="${type}"${type === OPML_TYPE ? ' download' : ''}>${label}</a>`;
  return `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · ${h(model.siteTitle)}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="${h(model.iconHref)}">
${feedAutodiscovery(model.siteTitle, model.feed)}
<style>
${pageCss(words.direction)}
</style>
</head>
<body>
<a class="skip" href="#content"${words.en}>Skip to the content</a>
<div class="wrap">
<header>
<p><a href="${h(model.homeHref)}">${words.back} ${bdi(model.siteTitle)}</a></p>
<h1${words.en}>Page not found</h1>
</header>
<main id="content" class="entry"${words.en}>
<p>There is no page at this address (404 Not Found). It may have moved or been withdrawn, or the address may be mistyped.</p>
<p>To find what you were looking for:</p>
<ul class="taglist">
${ways.join('\n')}
</ul>
<p>Or follow every entry in your feed reader: ${feed(model.feed.rss, 'application/rss+xml', 'RSS 2.0')} · ${feed(model.feed.atom, 'application/atom+xml', 'Atom 1.0')} · ${feed(model.feed.json, 'application/feed+json', 'JSON Feed 1.1')} · ${feed(model.opmlHref, OPML_TYPE, 'OPML')}.</p>
</main>
<footer${words.en}><p>Published with Broadsheet.</p></footer>
</div>
</body>
</html>
`;
}
