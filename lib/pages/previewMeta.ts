import { escapeHtml } from '../shared/xmlText.js';

/** What a shared link to a reader page previews: an entry's page (an article) or a list of entries (a website). */
export interface PagePreview {
  /** og:type: an entry's page is an article; the index, a tag's page and the month pages are the website's. */
  type: 'article' | 'website';
  /** BCP 47, for og:locale. */
  language: string;
  siteTitle: string;
  /** The page's own title, without the site's name (og:site_name gives it). */
  title: string;
  /** Plain text: the page's meta description. */
  description: string;
  /** This page's public URL, as the site links to it (a folder's, ending in `/`): rel=canonical and og:url. */
  canonicalUrl: string;
  /** RFC 3339 instant, for article:published_time (an article only). */
  publishedIso?: string;
  /** RFC 3339 instant of the article's correction, for article:modified_time (a corrected article only). */
  modifiedIso?: string;
  /** The tags' names, for article:tag (an article only). */
  tags?: string[];
  image?: string;
  /** What the image shows. */
  imageAlt?: string;
}

const h = escapeHtml;

/**
 * og:locale is "of the format language_TERRITORY" (https://ogp.me/, Optional Metadata): the language and region of
 * the site's BCP 47 tag, without its script, variant or extensions (zh-Hant-TW is zh_TW, not zh_Hant-TW). A tag
 * without a region keeps its language alone rather than dropping og:locale: ogp.me gives "Default is en_US", so a
 * page without one would say a Korean site (`ko`) is American English. A tag Intl cannot read is written as it is.
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

/**
 * The page's canonical link and its link preview, for every reader page with a public address: without the canonical
 * link `/` and `/index.html` are two pages to a search engine (RFC 6596), and without the preview a shared link shows
 * no card.
 */
export function previewMeta(page: PagePreview): string {
  // The Open Graph protocol (https://ogp.me/): og:title, og:type, og:url and og:image are required for a rich
  // preview; og:image only when the page has one. Twitter cards (developer.x.com, "Cards markup") read og:* as a
  // fallback, but twitter:card must be stated: a large image card with an image, else a summary card.
  const lines = [
    `<link rel="canonical" href="${h(page.canonicalUrl)}">`,
    `<meta property="og:type" content="${page.type}">`,
    `<meta property="og:site_name" content="${h(page.siteTitle)}">`,
    `<meta property="og:title" content="${h(page.title)}">`,
    // An empty description would preview as a blank line: a card shows the title alone without one.
    ...(page.description ? [`<meta property="og:description" content="${h(page.description)}">`] : []),
    `<meta property="og:url" content="${h(page.canonicalUrl)}">`,
    `<meta property="og:locale" content="${h(ogLocale(page.language))}">`,
    ...(page.publishedIso === undefined ? [] : [`<meta property="article:published_time" content="${h(page.publishedIso)}">`]),
    // https://ogp.me/#type_article: modified_time is "When the article was last changed", a datetime as published_time.
    ...(page.modifiedIso === undefined ? [] : [`<meta property="article:modified_time" content="${h(page.modifiedIso)}">`]),
    ...(page.tags ?? []).map((tag) => `<meta property="article:tag" content="${h(tag)}">`),
    `<meta name="twitter:card" content="${page.image ? 'summary_large_image' : 'summary'}">`,
    `<meta name="twitter:title" content="${h(page.title)}">`,
    ...(page.description ? [`<meta name="twitter:description" content="${h(page.description)}">`] : []),
  ];
  if (page.image) lines.push(`<meta property="og:image" content="${h(page.image)}">`, `<meta name="twitter:image" content="${h(page.image)}">`);
  if (page.image && page.imageAlt) lines.push(`<meta property="og:image:alt" content="${h(page.imageAlt)}">`, `<meta name="twitter:image:alt" content="${h(page.imageAlt)}">`);
  return lines.join('\n');
}
