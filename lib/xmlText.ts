// XML 1.0 §2.2 Char: everything else (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) is illegal.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes every character that XML 1.0 forbids, so no feed can be made ill-formed by pasted text. */
export function cleanText(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML or XML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}
