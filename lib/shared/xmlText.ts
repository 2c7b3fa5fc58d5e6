// What no output may hold, whatever an editor pasted or escaped into site.yml or an entry: the C0 controls but
// tab, LF and CR (XML 1.0 §2.2 forbids them), DEL and the C1 controls (which XML discourages and HTML reports as
// errors; nothing prints them), the noncharacters (Unicode §23.7: U+FDD0 to U+FDEF and the last two code points of
// every plane; XML forbids U+FFFE and U+FFFF, HTML's parser reports them all, WHATWG HTML §13.2.3.5), and lone
// surrogates (not text). An astral noncharacter, U+nFFFE or U+nFFFF, is the high surrogate of its plane's last
// block (D83F, D87F, … DBFF) and DFFE or DFFF.
export const ASTRAL_NONCHARACTER = /[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/;
const ILLEGAL = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]|${ASTRAL_NONCHARACTER.source}|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
  'g',
);
// Every character ILLEGAL can match, surrogates paired or not. A plain class scans a whole feed far faster
// than the lookarounds above, and nearly all text has none of these, so the full expression rarely runs.
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/**
 * Removes the characters above. Every output applies it to the text it writes: the feeds (lib/feeds/feedGuards.ts,
 * lib/feeds/renderJsonFeed.ts), every HTML page and the email's HTML (escapeHtml below), the digest's plain text
 * (lib/digest/renderDigestText.ts) and the email's header fields made of site text (lib/content/digestConfig.ts).
 */
export function cleanText(text: string): string {
  return MAYBE_ILLEGAL.test(text) ? text.replace(ILLEGAL, '') : text;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Every character escapeHtml escapes or removes.
const HTML_SPECIAL_OR_ILLEGAL = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

// Every character escapeHtmlText escapes or removes.
const TEXT_SPECIAL_OR_ILLEGAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/**
 * Text for HTML or XML content alone (never an attribute): cleaned (cleanText), then `&`, `<` and `>` escaped, all that
 * text content needs (WHATWG HTML §13.1.3, XML 1.0 §2.4). Quotes stay as typed: a reader that shows an HTML field as
 * it is (rsstail's Description) would show `&#39;` for each apostrophe.
 */
export function escapeHtmlText(text: string): string {
  return TEXT_SPECIAL_OR_ILLEGAL.test(text) ? cleanText(text).replace(/[&<>]/g, (ch) => HTML_ESCAPES[ch]!) : text;
}

/** Text for HTML or XML content and double-quoted attributes: cleaned (cleanText), then escaped. */
export function escapeHtml(text: string): string {
  // Most titles and names have nothing to escape or remove: a test is cheaper than replaces that call back per match.
  return HTML_SPECIAL_OR_ILLEGAL.test(text) ? cleanText(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!) : text;
}
