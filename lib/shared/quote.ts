import { INVISIBLE } from './invisible.js';

/** The most characters of a value a message quotes: enough to recognise it, never the whole of a huge one. */
export const QUOTE_MAX_CHARS = 60;

/**
 * A value as a message quotes it: JSON (so quotes and control characters show), cut to QUOTE_MAX_CHARS
 * characters of the value with `…` after the closing quote when longer. A long string is cut before it is
 * encoded, so quoting costs no more than the excerpt.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTE_MAX_CHARS) return JSON.stringify(value);
    // Never cut a surrogate pair in half.
    let end = QUOTE_MAX_CHARS;
    const last = value.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    return `${JSON.stringify(value.slice(0, end))}…`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= QUOTE_MAX_CHARS + 2 ? text : `${text.slice(0, QUOTE_MAX_CHARS)}…`;
}

// Made on first use: most messages quote no text a reader cannot see.
let unseen: RegExp | undefined;

/**
 * A value quoted (quote) with each character a reader cannot see (INVISIBLE: a zero-width non-joiner, the combining
 * grapheme joiner a newsletter's preheader pads with) written as its JSON escape (`\u200c`), so the message shows
 * that it is there; the quotation still reads back as the same string.
 */
export function quoteShowingUnseen(value: string): string {
  unseen ??= new RegExp(`[${INVISIBLE}]`, 'gu');
  return quote(value).replace(unseen, (char) => (char.length === 1 ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : `\\u${char.charCodeAt(0).toString(16)}\\u${char.charCodeAt(1).toString(16)}`));
}
