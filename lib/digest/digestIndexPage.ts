import type { DigestModel } from './digestModel.js';
import { digestName } from '../shared/digestName.js';
import { bdi } from '../shared/bdi.js';
import { feedAutodiscovery } from '../shared/feedAutodiscovery.js';
import { DIGESTS_DIR, FEED_FILES, ICON_KEY, INDEX_PAGE } from '../shared/outputLayout.js';
import type { Site } from '../content/site.js';
import { digestByEmail } from '../content/digestByEmail.js';
import { publicUrl, relativeHref } from '../shared/urls.js';
import { previewMeta } from '../pages/previewMeta.js';
import { escapeHtml } from '../shared/xmlText.js';
import { SIGNUP_FORM_CSS } from '../subscribers/renderSignupForm.js';
import { siteSignupForm } from '../subscribers/siteSignupForm.js';
import { digestPanelLink } from './digestPanelLink.js';
import { countOf } from '../shared/countOf.js';
import { ownWords } from '../shared/ownWords.js';
import { paletteCss } from '../shared/pagePalette.js';
import { KOREAN_LINE_BREAKS } from '../shared/koreanLineBreaks.js';
import { RIGHT_TO_LEFT_CSS } from '../shared/rightToLeftCss.js';

/** What the index shows of a week: its name, its dates and how many entries it holds (a week's model has them). */
export type IndexedWeek = Pick<DigestModel, 'week' | 'rangeText'> & { entries: { length: number } };

/**
 * digests/index.html: every archived digest, newest first, titled as its feeds are (digestName), with the digest feeds
 * linked for discovery, and the site's icon as on every page (without a <link rel="icon">, browsers ask for
 * /favicon.ico at the host's root). As on the site's pages (pageCss): the text is the reader's chosen size (100%, not
 * px: WCAG 1.4.4), the signup field never wider than the page in large text, and the field and button have the links'
 * focus ring.
 */
export function renderDigestIndex(site: Site, models: readonly IndexedWeek[]): string {
  const e = escapeHtml;
  const words = ownWords(site.language);
  // A week's range takes the site's direction (dir="auto"), as on the week's own page: "12–18 مايو 2014".
  const items = models.map((model) => {
    const count = model.entries.length;
    const label = count === 0 ? 'no entries' : countOf(count, 'entry', 'entries');
    return `<li><a href="${e(model.week.name)}.html" dir="auto">${e(model.rangeText)}</a> <span class="meta"${words.en}>${e(model.week.name)} · ${label} · <a href="${e(model.week.name)}.txt">text<span class="skip"> of ${bdi(model.rangeText, words.typed)}</span></a></span></li>`;
  });
  // Relative, as on the site's other pages: the links work on any host, `preview` included.
  const feed = (name: string) => e(name);
  // As on the site's pages: a site that sends the digest and names no other signup page takes signups itself; one
  // that offers it another way is linked to the home page's digest section, as a week's page is. After the list, in
  // the main landmark: a banner (<header>) holds the site-wide parts of a page, not a form of its own (WAI-ARIA 1.2 banner).
  const form = siteSignupForm(site, DIGESTS_DIR + INDEX_PAGE, `/${DIGESTS_DIR}`, words);
  // What the intro says, for the meta description and the preview. The canonical address is the folder's, which the
  // site's pages link to (digests/, not digests/index.html).
  const description = `Every week's entries on ${site.title} in one ${digestByEmail(site) ? 'email' : 'page'}.`;
  const signup = form !== undefined ? `\n${form}` : digestByEmail(site) ? `\n${digestPanelLink(relativeHref(DIGESTS_DIR + INDEX_PAGE, ''), words)}` : '';
  return `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(digestName(site.title))}</title>
<meta name="description" content="${e(description)}">
${previewMeta({ type: 'website', language: site.language, siteTitle: site.title, title: 'Weekly digests', description, canonicalUrl: publicUrl(site.url, DIGESTS_DIR) })}
<link rel="icon" href="${e(site.icon ?? relativeHref(DIGESTS_DIR + INDEX_PAGE, ICON_KEY))}">
${feedAutodiscovery(digestName(site.title), FEED_FILES)}
<style>
body { font: 100%/1.5 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
${KOREAN_LINE_BREAKS}
li { margin: 0 0 .5rem; }
.meta { font-size: .9rem; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; padding: .5rem; background: inherit; }
${SIGNUP_FORM_CSS}
${paletteCss('a:focus-visible, button:focus-visible, input:focus-visible')}${words.direction === 'rtl' ? `\n${RIGHT_TO_LEFT_CSS}` : ''}
</style>
</head>
<body>
<a class="skip" href="#digests"${words.en}>Skip to the digests</a>
<header>
<p><a href="${e(relativeHref(DIGESTS_DIR + INDEX_PAGE, ''))}">${words.back} ${bdi(site.title)}</a></p>
<h1${words.en}>Weekly digests</h1>
<p${words.en}>Every week's entries in one ${digestByEmail(site) ? 'email' : 'page'}. Follow the digests in a feed reader: <a href="${feed(FEED_FILES.rss)}">RSS</a>, <a href="${feed(FEED_FILES.atom)}">Atom</a>, <a href="${feed(FEED_FILES.json)}">JSON Feed</a>.</p>
</header>
<main id="digests">
${models.length === 0 ? `<p${words.en}>No digest yet.</p>` : `<ul>\n${items.join('\n')}\n</ul>`}${signup}
</main>
</body>
</html>
`;
}
