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
import { previewMeta, type PagePreview } from './previewMeta.js';

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
  /** The same correction as an RFC 3339 instant, for article:modified_time: present exactly when updated is. */
  modifiedIso?: string;
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

function entryPreview(model: EntryPageModel): string {
  const page: PagePreview = {
    type: 'article',
    language: model.language,
    siteTitle: model.siteTitle,
    title: model.title,
    description: model.summary,
    canonicalUrl: model.canonicalUrl,
    publishedIso: model.publishedIso,
    tags: model.tags.map((tag) => tag.name),
  };
  if (model.modifiedIso !== undefined) page.modifiedIso = model.modifiedIso;
  if (model.image) page.image = model.image;
  if (model.imageAlt) page.imageAlt = model.imageAlt;
  return previewMeta(page);
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
${model.summary ? `<meta name="description" content="${h(model.summary)}">\n` : ''}${entryPreview(model)}
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

