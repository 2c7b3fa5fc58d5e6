import { renderSignupForm, type SignupForm } from '../subscribers/renderSignupForm.js';
import { escapeHtml } from '../shared/xmlText.js';

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
  tags: { name: string; href: string }[];
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
  description: string;
  /** The site index, relative; undefined on the index itself. */
  homeHref?: string;
  feed: PageFeed;
  /** Label of this page's feeds, e.g. "all entries" or "entries tagged Trade". */
  feedLabel: string;
  opml: { href: string; url: string };
  entries: PageEntry[];
  /** How many entries the page's feed holds in total, to say "20 newest of 57". */
  entryTotal: number;
  /** Every tag, on the index; empty on a tag page, which links the index's list instead (`allTagsHref`). */
  tags: PageTag[];
  /** On a tag page: the index's list of every tag and its feeds. */
  allTagsHref?: string;
  digest: { archiveHref: string; schedule: string; subscribeHref?: string; subscribeText: string; signup?: SignupForm };
}


/**
 * Colours of the page, light and dark. WCAG 2.2 AA asks 4.5:1 for text (1.4.3) and 3:1 for the focus ring
 * and borders that carry meaning (1.4.11); tests/unit/pages check every pair.
 */
export const PAGE_PALETTE = {
  light: { background: '#ffffff', text: '#1b1b1b', muted: '#595959', link: '#0a4fb4', accent: '#0a4fb4', panel: '#f3f6fb' },
  dark: { background: '#121417', text: '#ececec', muted: '#b4b4b4', link: '#8cb8ff', accent: '#8cb8ff', panel: '#1c2027' },
} as const;

const h = escapeHtml;

function css(): string {
  const { light, dark } = PAGE_PALETTE;
  return `:root{color-scheme:light dark;--bg:${light.background};--text:${light.text};--muted:${light.muted};--link:${light.link};--accent:${light.accent};--panel:${light.panel}}
@media (prefers-color-scheme:dark){:root{--bg:${dark.background};--text:${dark.text};--muted:${dark.muted};--link:${dark.link};--accent:${dark.accent};--panel:${dark.panel}}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK KR",sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.wrap{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}
header p{margin:.25rem 0 0;color:var(--muted)}
header nav{margin-top:.75rem;font-weight:600}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 0}
h2{font-size:1.3rem;margin:0 0 .75rem}
h3{font-size:1.1rem;line-height:1.35;margin:0 0 .25rem}
.layout{display:grid;gap:2rem;margin-top:1.5rem}
@media (min-width:56rem){.layout{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}}
.panel{background:var(--panel);border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1.5rem}
ol.entries{list-style:none;margin:0;padding:0}
ol.entries>li{padding:1rem 0;border-top:1px solid var(--muted)}
ol.entries>li:first-child{border-top:0;padding-top:0}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 .35rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.signup input[type=email]{font:inherit;padding:.3rem;max-width:100%}
.signup button{font:inherit}
.summary{margin:.25rem 0}
ul.tags{list-style:none;padding:0;margin:.25rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.9rem}
dl.feeds{margin:0}
dl.feeds dt{font-weight:600;margin-top:.5rem}
dl.feeds dd{margin:0}
code.url{display:block;user-select:all;-webkit-user-select:all;font-size:.8rem;background:var(--bg);border:1px solid var(--muted);border-radius:.25rem;padding:.25rem .4rem;margin-top:.15rem;overflow-wrap:anywhere}
ul.taglist{padding-left:1.1rem;margin:0}
ul.taglist li{margin:.35rem 0}
ul.taglist .formats{font-size:.85rem}
footer{color:var(--muted);font-size:.85rem;margin-top:2rem}`;
}

function autodiscovery(model: SitePageModel): string {
  // HTML Living Standard §4.6.7.1 (rel=alternate with a feed type): one <link> per format, readers pick one.
  const name = h(`${model.siteTitle}${model.homeHref ? `: ${model.heading}` : ''}`);
  return [
    `<link rel="alternate" type="application/rss+xml" title="${name} (RSS)" href="${h(model.feed.href.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${name} (Atom)" href="${h(model.feed.href.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${name} (JSON Feed)" href="${h(model.feed.href.json)}">`,
  ].join('\n');
}

function entryItem(entry: PageEntry): string {
  const source = entry.source.url ? `<a href="${h(entry.source.url)}">${h(entry.source.name)}</a>` : h(entry.source.name);
  const tags = entry.tags.length
    ? `\n<ul class="tags">${entry.tags.map((tag) => `<li><a href="${h(tag.href)}">#${h(tag.name)}</a></li>`).join('')}</ul>`
    : '';
  const summary = entry.summary ? `\n<p class="summary">${h(entry.summary)}</p>` : '';
  return `<li><article>
<h3><a href="${h(entry.url)}">${h(entry.title)}</a></h3>
<p class="meta">${source} · <time datetime="${h(entry.dateIso)}">${h(entry.dateText)}</time></p>${summary}${tags}
</article></li>`;
}

function subscribePanel(model: SitePageModel): string {
  const row = (label: string, href: string, url: string, type: string) =>
    `<dt><a href="${h(href)}" type="${type}">${label}</a></dt>\n<dd><code class="url">${h(url)}</code></dd>`;
  return `<section class="panel" aria-labelledby="subscribe">
<h2 id="subscribe">Subscribe</h2>
<p>Copy a feed URL into your feed reader (NetNewsWire, Feedly, Miniflux, Thunderbird, Inoreader…) to follow ${h(model.feedLabel)}.</p>
<dl class="feeds">
${row('RSS 2.0', model.feed.href.rss, model.feed.url.rss, 'application/rss+xml')}
${row('Atom 1.0', model.feed.href.atom, model.feed.url.atom, 'application/atom+xml')}
${row('JSON Feed 1.1', model.feed.href.json, model.feed.url.json, 'application/feed+json')}
${row('Every feed (OPML)', model.opml.href, model.opml.url, 'text/x-opml')}
</dl>
<p>The OPML file lists the site feed and every tag feed: import it to subscribe to all of them at once.</p>
</section>`;
}

/** The id of the index's list of every tag. */
export const TAG_LIST_ID = 'tag-feeds';

function tagPanel(model: SitePageModel): string {
  if (model.allTagsHref !== undefined) {
    return `<section class="panel" aria-labelledby="${TAG_LIST_ID}">
<h2 id="${TAG_LIST_ID}">Tag feeds</h2>
<p><a href="${h(model.allTagsHref)}">Every tag and its feeds</a> are listed on the home page.</p>
</section>`;
  }
  if (model.tags.length === 0) return '';
  const items = model.tags.map((tag) => {
    const count = tag.count === undefined ? '' : ` <span class="meta">(${tag.count})</span>`;
    const name = tag.current ? `<a href="${h(tag.href)}" aria-current="page">${h(tag.name)}</a>` : `<a href="${h(tag.href)}">${h(tag.name)}</a>`;
    return `<li>${name}${count}<br><span class="formats">Feeds: <a href="${h(tag.feed.href.rss)}" type="application/rss+xml" aria-label="${h(tag.name)}: RSS">RSS</a> · <a href="${h(tag.feed.href.atom)}" type="application/atom+xml" aria-label="${h(tag.name)}: Atom">Atom</a> · <a href="${h(tag.feed.href.json)}" type="application/feed+json" aria-label="${h(tag.name)}: JSON Feed">JSON</a></span></li>`;
  });
  return `<section class="panel" aria-labelledby="${TAG_LIST_ID}">
<h2 id="${TAG_LIST_ID}">Tag feeds</h2>
<ul class="taglist">
${items.join('\n')}
</ul>
</section>`;
}

function digestPanel(model: SitePageModel): string {
  const { digest } = model;
  const subscribe = digest.subscribeHref ? `<a href="${h(digest.subscribeHref)}">${h(digest.subscribeText)}</a>` : h(digest.subscribeText);
  return `<section class="panel" aria-labelledby="digest">
<h2 id="digest">Weekly digest</h2>
<p>Every week’s entries in one email, ${h(digest.schedule)}.</p>
${digest.signup ? renderSignupForm(digest.signup) : `<p>${subscribe}</p>`}
<p><a href="${h(digest.archiveHref)}">Read past digests in the archive</a></p>
</section>`;
}

/** The site index or a tag page: valid HTML5, no script, with feed autodiscovery for every format. */
export function renderSitePage(model: SitePageModel): string {
  const title = model.homeHref ? `${model.heading} · ${model.siteTitle}` : model.siteTitle;
  const home = model.homeHref ? `<p><a href="${h(model.homeHref)}">← ${h(model.siteTitle)}</a></p>\n` : '';
  const shown = model.entries.length;
  const heading = model.entryTotal > shown ? `The ${shown} newest of ${model.entryTotal} entries` : 'Latest entries';
  const list = shown
    ? `<ol class="entries">\n${model.entries.map(entryItem).join('\n')}\n</ol>`
    : '<p>No entries yet.</p>';
  return `<!DOCTYPE html>
<html lang="${h(model.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<meta name="description" content="${h(model.description)}">
${autodiscovery(model)}
<style>
${css()}
</style>
</head>
<body>
<a class="skip" href="#entries">Skip to the entries</a>
<div class="wrap">
<header>
${home}<h1>${h(model.heading)}</h1>
<p>${h(model.description)}</p>
<nav aria-label="Feeds and digest"><a href="#subscribe">Subscribe to the feeds</a>${model.tags.length || model.allTagsHref !== undefined ? ` · <a href="#${TAG_LIST_ID}">Tag feeds</a>` : ''} · <a href="#digest">Weekly digest</a></nav>
</header>
<div class="layout">
<main id="entries" aria-labelledby="entries-heading">
<h2 id="entries-heading">${h(heading)}</h2>
${list}
</main>
<aside aria-label="Feeds and digest">
${subscribePanel(model)}
${tagPanel(model)}
${digestPanel(model)}
</aside>
</div>
<footer><p>Published with Broadsheet.</p></footer>
</div>
</body>
</html>
`;
}
