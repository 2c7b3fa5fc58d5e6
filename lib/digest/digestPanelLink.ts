import { DIGEST_PANEL_ID } from '../pages/renderSitePage.js';
import type { OwnWords } from '../shared/ownWords.js';
import { escapeHtml } from '../shared/xmlText.js';

/**
 * For a digest page of a site that offers the digest by email another way than its own form (an outside signup page,
 * a mail to the editors: digestByEmail without siteSignupForm): a link to the home page's digest section, which says
 * how. `homeHref` is the home page from the page: absolute on a week's page, as every link of the digest, relative
 * on digests/index.html, as every link of the site's pages.
 */
export function digestPanelLink(homeHref: string, words: OwnWords): string {
  return `<p${words.en}><a href="${escapeHtml(homeHref)}#${DIGEST_PANEL_ID}">Get the weekly digest by email</a></p>`;
}
