import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';

/**
 * Line breaks the outputs keep: CR, LF and the Unicode line and paragraph separators (UAX #14's mandatory breaks).
 * NEL, a C1 control, is removed from every output like the other controls.
 */
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;

/**
 * The warning for a one-line field (a title, a name, a tag) that holds a line break, typed as `\n` in a quoted YAML
 * value or a `|` block: each output shows it its own way (a page and a mail's Subject as a space, a List-Id header
 * as nothing, an RSS title as the break itself), never as the editor meant.
 */
export function lineBreakWarning(file: string, field: string, value: string | undefined): Problem | undefined {
  if (value === undefined || !LINE_BREAK.test(value)) return undefined;
  return { file, field, message: 'holds a line break, which each feed, page and mail shows its own way: the field is one line', fix: `write it on one line: ${quote(value.replace(LINE_BREAKS, ' ').trim())}` };
}
