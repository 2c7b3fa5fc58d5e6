import { cleanText, escapeHtml } from '../shared/xmlText.js';
import { bdi } from '../shared/bdi.js';
import { withDirectionClosed } from '../shared/directionControls.js';
import { ownWords } from '../shared/ownWords.js';
import { feedAutodiscovery } from '../shared/feedAutodiscovery.js';
import { pageCss } from './pageCss.js';
import { footnoteSection } from './footnoteSection.js';
import { scrollRegions } from './scrollRegions.js';
import { SUBSCRIBE_ID, type PageFeed } from './renderSitePage.js';
import { tagLink } from './tagLink.js';

/** One entry's own page: what a shared link shows. */
export interface EntryPageModel {
  /** BCP 47, for <html lang> and og:locale. */
  language: string;
  siteTitle: string;
  /** The site index, relative. */
  homeHref: string;
  /** This page's public URL: rel=canonical and og:url. */
  canonicalUrl: string;
  title: string;
  /** The original article. */
  url: string;
  source: { name: string; url?: string };
  /** `YYYY-MM-DD` in the site's time zone, for <time datetime>. */
  dateIso: string;
  /** The same date as readers of the site's language write it. */
  dateText: string;
  /**
   * The day of the entry's correction (`updated:`, once it is after the date and not after now: asPublishedAt), as
   * dateIso and dateText are written: Atom's updated and JSON Feed's date_modified say it, and so does the page.
   */
  updated?: { iso: string; text: string };
  /** RFC 3339 instant, for article:published_time. */
  publishedIso: string;
  /** Plain text: the meta description and the previews' description. */
  summary: string;
  /** The editor's commentary: sanitised HTML with absolute URLs, its headings from h2 down, none skipping a level (renderMarkdown), under the page's h1. */
  bodyHtml: string;
  image?: string;
  /** What the image shows (the entry's imageAlt). */
  imageAlt?: string;
  tags: { name: string; href: string }[];
  related: { title: string; url: string }[];
  /** The site feeds, relative to the page. */
  feed: PageFeed;
  /** The site icon, relative or absolute: <link rel="icon">. */
  iconHref: string;
}

const h = escapeHtml;
/** Typed text inline among the page's own words: isolated, in its own direction (see renderSitePage's bdi). */

/**
 * og:locale is "of the format language_TERRITORY" (https://ogp.me/, Optional Metadata): the language and region of
 * the site's BCP 47 tag, without its script, variant or extensions (zh-Hant-TW is zh_TW, not zh_Hant-TW); a tag
 * without a region gives its language alone. A tag Intl cannot read is written as it is.
 */
function ogLocale(language: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(language);
  } catch {
    return language;
  }
  return locale.region ? `${locale.language}_${locale.region}` : locale.language;
}

function previewMeta(model: EntryPageModel): string {
  // The Open Graph protocol (https://ogp.me/): og:title, og:type, og:url and og:image are required for a rich
  // preview; og:image only when the entry has one. Twitter cards (developer.x.com, "Cards markup") read og:* as a
  // fallback, but twitter:card must be stated: a large image card with an image, else a summary card.
  const lines = [
    `<meta property="og:type" content="article">`,
    `<meta property="og:site_name" content="${h(model.siteTitle)}">`,
    `<meta property="og:title" content="${h(model.title)}">`,
    // An empty description would preview as a blank line: a card shows the title alone without one.
    ...(model.summary ? [`<meta property="og:description" content="${h(model.summary)}">`] : []),
    `<meta property="og:url" content="${h(model.canonicalUrl)}">`,
    `<meta property="og:locale" content="${h(ogLocale(model.language))}">`,
    `<meta property="article:published_time" content="${h(model.publishedIso)}">`,
    ...model.tags.map((tag) => `<meta property="article:tag" content="${h(tag.name)}">`),
    `<meta name="twitter:card" content="${model.image ? 'summary_large_image' : 'summary'}">`,
    `<meta name="twitter:title" content="${h(model.title)}">`,
    ...(model.summary ? [`<meta name="twitter:description" content="${h(model.summary)}">`] : []),
  ];
  if (model.image) lines.push(`<meta property="og:image" content="${h(model.image)}">`, `<meta name="twitter:image" content="${h(model.image)}">`);
  if (model.image && model.imageAlt) lines.push(`<meta property="og:image:alt" content="${h(model.imageAlt)}">`, `<meta name="twitter:image:alt" content="${h(model.imageAlt)}">`);
  return lines.join('\n');
}

/** An entry's page: valid HTML5, no script, the site feeds autodiscovered. */
export function renderEntryPage(model: EntryPageModel): string {
  const words = ownWords(model.language);
  const source = model.source.url ? `<a href="${h(model.source.url)}" dir="auto">${h(model.source.name)}</a>` : bdi(model.source.name);
  // Without the editor's description the image is decorative (WHATWG HTML §4.8.4.4.6): the h1 above names the entry.
  const image = model.image ? `<p><img src="${h(model.image)}" alt="${h(model.imageAlt ?? '')}"></p>\n` : '';
  // The body is sanitised HTML, written as it is: cleanText drops the control characters no output may hold.
  const commentary = model.bodyHtml.trim() ? footnoteSection(scrollRegions(cleanText(model.bodyHtml.trim()), words), words) : model.summary ? `<p>${h(model.summary)}</p>` : '';
  const body = commentary ? `<div class="commentary" dir="auto">\n${commentary}\n</div>\n` : '';
  const related = model.related.length
    ? `<section aria-labelledby="related">\n<h2 id="related"${words.en}>Related</h2>\n<ul>\n${model.related.map((link) => `<li><a href="${h(link.url)}" dir="auto">${h(link.title)}</a></li>`).join('\n')}\n</ul>\n</section>\n`
    : '';
  const tags = model.tags.length
    ? `<nav aria-label="Tags"${words.en}><ul class="tags"${words.typedBlock}>${model.tags.map((tag) => `<li>${tagLink(tag)}</li>`).join('')}</ul></nav>\n`
    : '';
  // "Updated" is Broadsheet's word; the date is written as the site's language writes it, as the date before it.
  const updated = model.updated ? ` · <span${words.en}>Updated <time datetime="${h(model.updated.iso)}" dir="auto"${words.typed}>${h(model.updated.text)}</time></span>` : '';
  const name = h(model.siteTitle);
  // A <title> is text, no <bdi>: a direction control the title leaves open is closed before the site's name, which
  // it would otherwise turn around in a tab, a bookmark or a search result (UAX #9).
  return `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(withDirectionClosed(model.title))} · ${name}</title>
${model.summary ? `<meta name="description" content="${h(model.summary)}">\n` : ''}<link rel="canonical" href="${h(model.canonicalUrl)}">
${previewMeta(model)}
<link rel="icon" href="${h(model.iconHref)}">
${feedAutodiscovery(model.siteTitle, model.feed.href)}
<style>
${pageCss(words.direction, { scrollRegions: commentary.includes('role="region"') })}
</style>
</head>
<body>
<a class="skip" href="#entry"${words.en}>Skip to the entry</a>
<div class="wrap">
<header>
<p><a href="${h(model.homeHref)}">${words.back} ${bdi(model.siteTitle)}</a> · <a href="${h(model.homeHref)}#${SUBSCRIBE_ID}"${words.en}>Subscribe to the feeds</a></p>
</header>
<main id="entry" class="entry">
<article>
<h1 dir="auto"><a href="${h(model.url)}">${h(model.title)}</a></h1>
<p class="meta">${source} · <time datetime="${h(model.dateIso)}" dir="auto">${h(model.dateText)}</time>${updated}</p>
${image}${body}<p class="article"${words.en}><a href="${h(model.url)}">Read the article at ${bdi(model.source.name, words.typed)}</a></p>
${related}${tags}</article>
</main>
<footer${words.en}><p>Published with Broadsheet.</p></footer>
</div>
</body>
</html>
`;
}

