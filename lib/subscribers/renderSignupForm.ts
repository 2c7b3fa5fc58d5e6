import { escapeHtml } from '../shared/xmlText.js';
import { bdi } from '../shared/bdi.js';
import type { OwnWords } from '../shared/ownWords.js';

/** The no-script signup form, POSTing to the site's own /subscribe. */
export interface SignupForm {
  /** Relative to the page, like every link on it: subscribeHref. */
  action: string;
  /** The page's path on the site, recorded with the consent. */
  page: string;
  /** On a tag page: sign up for that tag's entries only. */
  tag?: { slug: string; name: string };
}

/**
 * What a page that shows the form adds to its stylesheet: the honeypot (`hp`) off screen (on the right of a
 * right-to-left page: RIGHT_TO_LEFT_CSS), the field never wider than the page in large text, and the page's font in
 * the field and the button; on paper, which cannot send it, no form.
 */
export const SIGNUP_FORM_CSS = `.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.signup input[type=email] { font: inherit; padding: .3rem; max-width: 100%; box-sizing: border-box; }
.signup button { font: inherit; }
@media print { .signup { display: none; } }`;

/**
 * The signup form: email, the page, an off-screen honeypot (class `hp`, which the page's CSS must hide), no script.
 * The honeypot stays in the form for bots to fill, but out of the way of people: hidden from screen readers
 * (aria-hidden on its wrapper), out of the tab order and never filled in by the browser.
 * Its words are English: `words` (ownWords of the page's language) says so on a page in another language.
 */
export function renderSignupForm(form: SignupForm, words: OwnWords): string {
  // The tag's name isolated (<bdi>): right-to-left, or holding a direction override, it keeps to itself.
  const what = form.tag ? `the entries tagged “${bdi(form.tag.name, words.typed)}”` : 'every entry';
  return `<form class="signup" method="post" action="${escapeHtml(form.action)}"${words.en}>
<p><label for="signup-email">Your email address, for ${what}:</label><br>
<input id="signup-email" type="email" name="email" required autocomplete="email">
<button type="submit">Subscribe</button></p>
<input type="hidden" name="page" value="${escapeHtml(form.page)}">${form.tag ? `\n<input type="hidden" name="tags" value="${escapeHtml(form.tag.slug)}">` : ''}
<p class="hp" aria-hidden="true"><label for="signup-website">Leave this field empty</label> <input id="signup-website" type="text" name="website" tabindex="-1" autocomplete="off"></p>
<p class="meta">We send a link to confirm first. Every email has a one-click unsubscribe link.</p>
</form>`;
}
