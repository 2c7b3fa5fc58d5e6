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
