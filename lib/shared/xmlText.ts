// XML 1.0 §2.2 Char: everything else (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) is illegal.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Every character XML_ILLEGAL can match, surrogates paired or not. A plain class scans a whole feed far faster
// than the lookarounds above, and nearly all text has none of these, so the full expression rarely runs.
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Removes every character that XML 1.0 forbids, so no feed can be made ill-formed by pasted text. */
export function cleanText(text: string): string {
  return MAYBE_ILLEGAL.test(text) ? text.replace(XML_ILLEGAL, '') : text;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_SPECIAL = /[&<>"']/;

/** Escapes text for HTML or XML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  // Most titles and names have nothing to escape: a test is cheaper than a replace that calls back per match.
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!) : text;
}
