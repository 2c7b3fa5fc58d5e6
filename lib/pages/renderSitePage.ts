import { feedAutodiscovery } from '../shared/feedAutodiscovery.js';
import { bdi } from '../shared/bdi.js';
import { withDirectionClosed } from '../shared/directionControls.js';
import { ownWords, type OwnWords } from '../shared/ownWords.js';
import { renderSignupForm, type SignupForm } from '../subscribers/renderSignupForm.js';
import { escapeHtml } from '../shared/xmlText.js';
import { pageCss } from './pageCss.js';
import { tagLink } from './tagLink.js';
import { previewMeta } from './previewMeta.js';
import { commentaryLink } from './commentaryLink.js';


/** A feed in the three formats: `href` relative to the page (works on any host, preview included), `url` public. */
export interface PageFeed {
  href: { rss: string; atom: string; json: string };
  url: { rss: string; atom: string; json: string };
}

export interface PageEntry {
  title: string;
  /** The original article. */
  url: string;
  source: { name: string; url?: string };
  /** `YYYY-MM-DD` in the site's time zone, for <time datetime>. */
  dateIso: string;
  /** The same date as readers of the site's language write it. */
  dateText: string;
  summary: string;
  /** `current` on the page of that tag (aria-current="page"). */
  tags: { name: string; href: string; current?: boolean }[];
  /** The entry's own page (the editor's full commentary), relative. */
  pageHref: string;
}

export interface PageTag {
  name: string;
  /** The tag page, relative. */
  href: string;
  /** Published entries with the tag. */
  count?: number;
  feed: PageFeed;
  current: boolean;
}

/** One reader-facing page: the site index, or a tag's page. */
export interface SitePageModel {
  /** BCP 47, for <html lang>. */
  language: string;
  siteTitle: string;
  /** The h1: the site title, or the tag's name. */
  heading: string;
  /** The site's description, on the index. */
  description: string;
  /** On a tag page: the tag's name, which the page's sentences about its entries and feeds name. */
  tag?: string;
  /** The site index, relative; undefined on the index itself. */
  homeHref?: string;
  /** This page's public URL, its folder's: rel=canonical and og:url. */
  canonicalUrl: string;
  feed: PageFeed;
  /** feeds.opml, the site feed alone. */
  opml: { href: string; url: string };
  /** tags.opml, every tag's feed; undefined for a site without tags. */
  tagOpml?: { href: string; url: string };
  entries: PageEntry[];
  /** How many entries the page's feed holds in total, to say "20 newest of 57". */
  entryTotal: number;
  /** Every tag, on the index; empty on a tag page, which links the index's list instead (`allTagsHref`). */
  tags: PageTag[];
  /** The list of months (months/), relative: the way to the entries older than the page shows. */
  monthsHref: string;
  /** On a tag page: the index's list of every tag and its feeds. */
  allTagsHref?: string;
  /** Without `schedule` the site offers no digest by email (lib/content/digestByEmail.ts): the archive alone. */
  digest: { archiveHref: string; schedule?: string; subscribeHref?: string; subscribeText?: string; signup?: SignupForm };
  /** The site icon, relative or absolute: <link rel="icon">. */
  iconHref: string;
}

const h = escapeHtml;

/**
 * Text the editors typed (titles, names, tags, summaries) and dates in the site's language may be right-to-left or
 * mixed: each such block takes its direction from its first strong character (dir="auto", HTML Living Standard
 * "The dir attribute"), and each inline one is a bidi isolate (<bdi>, or an element with dir: UAX #9 isolates), so
 * the English words, counts and separators around it keep their order.
 */

/**
 * One entry of a list: its title linking to the article, source, date, commentary link, summary and tags. `words`:
 * the page's language attributes for its own English words (ownWords).
 */
export function renderEntryItem(entry: PageEntry, words: OwnWords): string {
  const source = entry.source.url ? `<a href="${h(entry.source.url)}" dir="auto">${h(entry.source.name)}</a>` : bdi(entry.source.name);
  const tags = entry.tags.length
    ? `\n<ul class="tags">${entry.tags.map((tag) => `<li>${tagLink(tag)}</li>`).join('')}</ul>`
    : '';
  const summary = entry.summary ? `\n<p class="summary" dir="auto">${h(entry.summary)}</p>` : '';
  return `<li><article>
<h3 dir="auto"><a href="${h(entry.url)}">${h(entry.title)}</a></h3>
<p class="meta">${source} · <time datetime="${h(entry.dateIso)}" dir="auto">${h(entry.dateText)}</time> · ${commentaryLink(entry.pageHref, entry.title, words)}</p>${summary}${tags}
</article></li>`;
}

/**
 * An OPML file is for a reader to import (README "For readers"), and browsers show text/x-opml as raw XML or ask what
 * to do with it: its link saves it as a file under its own name (`download`, HTML Living Standard "Downloading
 * resources"; the file is on the page's origin, as the attribute needs).
 */
export const OPML_TYPE = 'text/x-opml';

function subscribePanel(model: SitePageModel, words: OwnWords): string {
  const row = (label: string, href: string, url: string, type: string) =>
    `<dt><a href="${h(href)}" type="${type}"${type === OPML_TYPE ? ' download' : ''}>${label}</a></dt>\n<dd><code class="url">${h(url)}</code></dd>`;
  const tagOpml = model.tagOpml ? `\n${row('Tag feeds (OPML)', model.tagOpml.href, model.tagOpml.url, OPML_TYPE)}` : '';
  // Each entry is in the site feed and in its tags' feeds under one id: importing both files shows it once per feed.
  const opmlAdvice = model.tagOpml
    ? '\n<p>Import one OPML file, not both: the site feed holds every entry once; the tag feeds are for choosing topics, and an entry comes once from each of its tags you keep.</p>'
    : '';
  return `<section class="panel" aria-labelledby="${SUBSCRIBE_ID}">
<h2 id="${SUBSCRIBE_ID}">Subscribe</h2>
<p>Copy a feed URL into your feed reader (NetNewsWire, Feedly, Miniflux, Thunderbird, Inoreader…) to follow ${model.tag === undefined ? 'every entry' : `the entries tagged “${bdi(model.tag, words.typed)}”`}.</p>
<dl class="feeds">
${row('RSS 2.0', model.feed.href.rss, model.feed.url.rss, 'application/rss+xml')}
${row('Atom 1.0', model.feed.href.atom, model.feed.url.atom, 'application/atom+xml')}
${row('JSON Feed 1.1', model.feed.href.json, model.feed.url.json, 'application/feed+json')}
${row('Site feed (OPML)', model.opml.href, model.opml.url, OPML_TYPE)}${tagOpml}
</dl>${opmlAdvice}
</section>`;
}

/** The id of the index's Subscribe section, which every entry page links to. */
export const SUBSCRIBE_ID = 'subscribe';

/** The id of the index's digest section, which says how to get the digest by email: an archived digest links it. */
export const DIGEST_PANEL_ID = 'digest';

/** The id of the index's list of every tag. */
export const TAG_LIST_ID = 'tag-feeds';

function tagPanel(model: SitePageModel, words: OwnWords): string {
  if (model.allTagsHref !== undefined) {
    return `<section class="panel" aria-labelledby="${TAG_LIST_ID}">
<h2 id="${TAG_LIST_ID}">Tag feeds</h2>
<p><a href="${h(model.allTagsHref)}">Every tag and its feeds</a> are listed on the home page.</p>
</section>`;
  }
  if (model.tags.length === 0) return '';
  const items = model.tags.map((tag) => {
    const count = tag.count === undefined ? '' : ` <span class="meta">(${tag.count})</span>`;
    const name = `<a href="${h(tag.href)}"${tag.current ? ' aria-current="page"' : ''} dir="auto"${words.typed}>${h(tag.name)}</a>`;
    // Each link's name says whose feed it is: "<tag>: RSS". The panel's words are English: on a site in another
    // language the name is the link's text, the tag's part hidden from sight and marked in the site's language, as
    // "Commentary on …" is, where an aria-label would be spoken in one voice.
    const feed = (href: string, type: string, text: string, more = '') =>
      words.typed === ''
        ? `<a href="${h(href)}" type="${type}" aria-label="${h(tag.name)}: ${text}${more}">${text}</a>`
        : `<a href="${h(href)}" type="${type}"><span class="skip">${bdi(tag.name, words.typed)}: </span>${text}${more ? `<span class="skip">${more}</span>` : ''}</a>`;
    return `<li>${name}${count}<br><span class="formats">Feeds: ${feed(tag.feed.href.rss, 'application/rss+xml', 'RSS')} · ${feed(tag.feed.href.atom, 'application/atom+xml', 'Atom')} · ${feed(tag.feed.href.json, 'application/feed+json', 'JSON', ' Feed')}</span></li>`;
  });
  return `<section class="panel" aria-labelledby="${TAG_LIST_ID}">
<h2 id="${TAG_LIST_ID}">Tag feeds</h2>
<ul class="taglist">
${items.join('\n')}
</ul>
</section>`;
}

function digestPanel(model: SitePageModel, words: OwnWords): string {
  const { digest } = model;
  const archive = `<p><a href="${h(digest.archiveHref)}">Read past digests in the archive</a></p>`;
  if (digest.schedule === undefined) {
    return `<section class="panel" aria-labelledby="${DIGEST_PANEL_ID}">
<h2 id="${DIGEST_PANEL_ID}">Weekly digest</h2>
<p>Every week’s entries on one page, in an archive with its own feed.</p>
${archive}
</section>`;
  }
  const text = digest.subscribeText ?? '';
  const subscribe = digest.subscribeHref ? `<a href="${h(digest.subscribeHref)}">${h(text)}</a>` : h(text);
  return `<section class="panel" aria-labelledby="${DIGEST_PANEL_ID}">
<h2 id="${DIGEST_PANEL_ID}">Weekly digest</h2>
<p>Every week’s entries in one email, ${h(digest.schedule)}.</p>
${digest.signup ? renderSignupForm(digest.signup, words) : `<p>${subscribe}</p>`}
${archive}
</section>`;
}

/** The site index or a tag page: valid HTML5, no script, with feed autodiscovery for every format. */
export function renderSitePage(model: SitePageModel): string {
  const words = ownWords(model.language);
  // The <title> and description are text, no <bdi>: a direction control a tag or the site title leaves open is
  // closed before the words after it, which it would otherwise turn around in a tab or a search result (UAX #9).
  const title = model.homeHref ? `${withDirectionClosed(model.heading)} · ${model.siteTitle}` : model.siteTitle;
  const description = model.tag === undefined ? model.description : `Entries tagged “${withDirectionClosed(model.tag)}” on ${withDirectionClosed(model.siteTitle)}.`;
  const preview = previewMeta({ type: 'website', language: model.language, siteTitle: model.siteTitle, title: model.heading, description, canonicalUrl: model.canonicalUrl });
  const home = model.homeHref ? `<p><a href="${h(model.homeHref)}">${words.back} ${bdi(model.siteTitle)}</a></p>\n` : '';
  const shown = model.entries.length;
  const heading = model.entryTotal > shown ? `The ${shown} newest of ${model.entryTotal} entries` : 'Latest entries';
  // The tag page's English sentence: on a site in another language its lang="en" (and dir) stand for dir="auto".
  const sentence = words.en || ' dir="auto"';
  const list = shown
    ? `<ol class="entries">\n${model.entries.map((entry) => renderEntryItem(entry, words)).join('\n')}\n</ol>`
    : `<p${words.en}>No entries yet.</p>`;
  return `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<meta name="description" content="${h(description)}">
${preview}
<link rel="icon" href="${h(model.iconHref)}">
${feedAutodiscovery(`${model.siteTitle}${model.homeHref ? `: ${model.heading}` : ''}`, model.feed.href)}
<style>
${pageCss(words.direction)}
</style>
</head>
<body>
<a class="skip" href="#entries"${words.en}>Skip to the entries</a>
<div class="wrap">
<header>
${home}<h1 dir="auto">${h(model.heading)}</h1>
${model.tag === undefined ? `<p dir="auto">${h(model.description)}</p>` : `<p${sentence}>Entries tagged “${bdi(model.tag, words.typed)}” on ${bdi(model.siteTitle, words.typed)}.</p>`}
<nav aria-label="Feeds and digest"${words.en}><a href="#${SUBSCRIBE_ID}">Subscribe to the feeds</a>${model.tags.length || model.allTagsHref !== undefined ? ` · <a href="#${TAG_LIST_ID}">Tag feeds</a>` : ''} · <a href="#digest">Weekly digest</a></nav>
</header>
<div class="layout">
<main id="entries" aria-labelledby="entries-heading">
<h2 id="entries-heading"${words.en}>${h(heading)}</h2>
${list}
<p class="more"${words.en}><a href="${h(model.monthsHref)}">Every entry${model.allTagsHref === undefined ? '' : ' of the site'}, month by month</a></p>
</main>
<aside aria-label="Feeds and digest"${words.en}>
${subscribePanel(model, words)}
${tagPanel(model, words)}
${digestPanel(model, words)}
</aside>
</div>
<footer${words.en}><p>Published with Broadsheet.</p></footer>
</div>
</body>
</html>
`;
}
