import { feedAutodiscovery } from '../shared/feedAutodiscovery.js';
import { bdi } from '../shared/bdi.js';
import { ownWords } from '../shared/ownWords.js';
import { escapeHtml } from '../shared/xmlText.js';
import { pageCss } from './pageCss.js';
import { previewMeta } from './previewMeta.js';
import { neighbourNav } from './neighbourNav.js';
import { renderEntryItem, type PageEntry, type PageFeed } from './renderSitePage.js';

/** What the month pages and their list show around it. */
export interface MonthShell {
  /** BCP 47, for <html lang>. */
  language: string;
  siteTitle: string;
  /** The site index, relative. */
  homeHref: string;
  /** This page's public URL, its folder's: rel=canonical and og:url. */
  canonicalUrl: string;
  /** The site feeds, relative to the page. */
  feed: PageFeed;
  /** The site icon, relative or absolute: <link rel="icon">. */
  iconHref: string;
}

/** A link to a month's page: its page, relative, and its name in the site's language ("May 2014"). */
export interface MonthLink {
  href: string;
  name: string;
  /** Published entries dated in it. */
  count: number;
}

/** A month's page, `months/YYYY-MM/`: every entry dated in it, newest first, and the way to the months around it. */
export interface MonthPageModel extends MonthShell {
  month: MonthLink;
  entries: PageEntry[];
  /** The list of months, relative. */
  monthsHref: string;
  newer?: MonthLink;
  older?: MonthLink;
}

/** The list of months, `months/`: every month with an entry, newest first. */
export interface MonthListModel extends MonthShell {
  months: MonthLink[];
}

const h = escapeHtml;
const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;

/**
 * `intro` is the h2 over the list and the meta description: as text, and as HTML. `heading` is the h1, in English
 * (`headingEnglish`) or in the site's language (a month's name).
 */
function page(shell: MonthShell, heading: string, headingEnglish: boolean, intro: { text: string; html: string }, main: string): string {
  const name = h(shell.siteTitle);
  const words = ownWords(shell.language);
  // The h1 takes its own direction, but an English one on a site in another language says it is English, and so
  // left to right (an element has one dir).
  const h1 = headingEnglish && words.en ? words.en : ' dir="auto"';
  return `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(heading)} · ${name}</title>
<meta name="description" content="${h(intro.text)}.">
${previewMeta({ type: 'website', language: shell.language, siteTitle: shell.siteTitle, title: heading, description: `${intro.text}.`, canonicalUrl: shell.canonicalUrl })}
<link rel="icon" href="${h(shell.iconHref)}">
${feedAutodiscovery(shell.siteTitle, shell.feed.href)}
<style>
${pageCss(words.direction)}
</style>
</head>
<body>
<a class="skip" href="#entries"${words.en}>Skip to the list</a>
<div class="wrap">
<header>
<p><a href="${h(shell.homeHref)}">${words.back} ${bdi(shell.siteTitle)}</a></p>
<h1${h1}>${h(heading)}</h1>
</header>
<main id="entries" class="entry" aria-labelledby="entries-heading">
<h2 id="entries-heading"${words.en}>${intro.html}</h2>
${main}
</main>
<footer${words.en}><p>Published with Broadsheet.</p></footer>
</div>
</body>
</html>
`;
}

/** The month's page: valid HTML5, no script, the site feeds autodiscovered. */
export function renderMonthPage(model: MonthPageModel): string {
  const words = ownWords(model.language);
  // The way on after the list: no link past the newest or the oldest month.
  const nav = neighbourNav('Months', { ...(model.newer ? { newer: model.newer } : {}), all: { href: model.monthsHref, text: 'Every month' }, ...(model.older ? { older: model.older } : {}) }, words);
  const list = `<ol class="entries">\n${model.entries.map((entry) => renderEntryItem(entry, words)).join('\n')}\n</ol>`;
  const main = `${list}\n${nav}`;
  // The month's name isolated: a right-to-left language's, among English words.
  const intro = { text: `${entries(model.month.count)} dated ${model.month.name}`, html: `${entries(model.month.count)} dated ${bdi(model.month.name, words.typed)}` };
  return page(model, model.month.name, false, intro, main);
}

/** The list of months: valid HTML5, no script, the site feeds autodiscovered. */
export function renderMonthList(model: MonthListModel): string {
  const total = model.months.reduce((sum, month) => sum + month.count, 0);
  const items = model.months.map((month) => `<li><a href="${h(month.href)}" dir="auto">${h(month.name)}</a> <span class="meta">(${month.count})</span></li>`);
  const main = items.length ? `<ul class="taglist">\n${items.join('\n')}\n</ul>` : '';
  const text = items.length ? `${entries(total)} in ${model.months.length} ${model.months.length === 1 ? 'month' : 'months'}, newest first` : 'No entries yet';
  return page(model, 'Every entry, month by month', true, { text, html: h(text) }, main);
}
