import { quote } from '../shared/quote.js';
import { yamlLines } from './yamlLines.js';

// The pairs a word processor's smart quotes put around a value (TextEdit, Word, by language): YAML quotes only with
// straight ' and " (YAML 1.2 §7.3), so `title: “Kim”` is the text “Kim”, quotes and all.
const PAIRS: readonly (readonly [string, string])[] = [
  ['\u201C', '\u201D'],
  ['\u2018', '\u2019'],
  ['\u00AB', '\u00BB'],
  ['\u00BB', '\u00AB'],
  ['\u201E', '\u201C'],
  ['\u201E', '\u201D'],
  ['\u201A', '\u2018'],
  ['\u201D', '\u201D'],
];
const ANY_OPENING = /[\u201C\u2018\u00AB\u00BB\u201E\u201A\u201D]/;
// A top-level `key: value` line with its plain value (keyLineValue drops the blanks after it).
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(.+)/;

/**
 * A top-level `key: value` line's key and value without its trailing spaces and tabs, or null: as
 * `/^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(.+?)[ \t]*$/` reads it, without that lazy form's retries over a long run of spaces.
 */
export function keyLineValue(line: string): [string, string] | null {
  const match = KEY_LINE.exec(line);
  // `.` stops at a line separator, which no [ \t]*$ passes.
  if (!match || match[0].length !== line.length) return null;
  const value = match[2]!;
  let end = value.length;
  while (end > 0 && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
  // A value of blanks only: the lazy form keeps its last one, which the `[ \t]+` before it gave back.
  return [match[1]!, end === 0 ? value : value.slice(0, end)];
}

/** The pair of typographic quotes around the whole of `value` (two characters at least inside none), if any. */
export function typographicPair(value: string): readonly [string, string] | undefined {
  if (value.length < 3) return undefined;
  return PAIRS.find(([open, close]) => value.startsWith(open) && value.endsWith(close));
}

/** A top-level text field whose whole value stands in typographic quotes: its key, its line's index, the warning. */
export interface TypographicQuotes {
  field: string;
  index: number;
  message: string;
  fix: string;
}

/**
 * The top-level fields of front matter (`yaml`, its text; `fields`, what YAML read) whose whole value is a plain text
 * between a pair of typographic quotes, which are published as part of it. A warning, not a problem: a title may be a
 * quotation, its quotes meant; a value in straight quotes around typographic ones is meant too.
 */
export function typographicQuotes(yaml: string, fields: Readonly<Record<string, unknown>>): TypographicQuotes[] {
  const found: TypographicQuotes[] = [];
  // Most front matter holds none: only then is it split into lines.
  if (!ANY_OPENING.test(yaml)) return found;
  yamlLines(yaml).forEach((line, index) => {
    if (!ANY_OPENING.test(line)) return;
    const match = keyLineValue(line);
    if (!match) return;
    const [field, value] = match;
    // Only as YAML read it: the value a plain text, not one quoted, commented or split over lines.
    if (fields[field] !== value) return;
    const pair = typographicPair(value);
    if (!pair) return;
    const inner = value.slice(1, -1);
    found.push({
      field,
      index,
      message: `${quote(value)} stands in typographic quotes (${pair[0]}…${pair[1]}), which YAML does not read as quotes: they are published as part of the ${field}`,
      fix: `write ${field}: ${inner}, or ${field}: ${JSON.stringify(inner)} with straight quotes; keep them only if the ${field} is itself a quotation`,
    });
  });
  return found;
}
