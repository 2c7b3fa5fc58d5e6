import { QUOTE_MAX_CHARS } from '../shared/quote.js';

// A `key:` line indented by spaces, and a `key: value` line (a list item's too): its indent, key and value.
const INDENTED_KEY = /^( +)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/;
const KEY_WITH_VALUE = /^( *(?:-[ \t]+)?)([A-Za-z_][\w-]*)[ \t]*:[ \t]+[^\s#]/;

/** The line to write, shortened when long. */
function shown(text: string): string {
  return text.length <= 2 * QUOTE_MAX_CHARS ? text : `${text.slice(0, 2 * QUOTE_MAX_CHARS)}…`;
}

/**
 * Why js-yaml found "bad indentation of a mapping entry" at `lines[index]`, when that line's key is indented further
 * than the key above it, whose line holds a value: a key there opens no nested mapping (YAML 1.2 §8.2.2: the
 * entries of one mapping share one indentation), so it must start where the key above starts. Undefined otherwise.
 */
export function misindentedKey(lines: readonly string[], index: number): { field: string; message: string; fix: string } | undefined {
  const keyed = INDENTED_KEY.exec(lines[index] ?? '');
  if (!keyed) return undefined;
  let above = index - 1;
  while (above >= 0 && (lines[above]!.trim() === '' || lines[above]!.trimStart().startsWith('#'))) above--;
  const previous = above < 0 ? null : KEY_WITH_VALUE.exec(lines[above]!);
  if (!previous) return undefined;
  const [, indent, key] = keyed as unknown as [string, string, string];
  const column = previous[1]!.length;
  if (indent.length <= column) return undefined;
  const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
  const rest = lines[index]!.trim();
  if (column === 0) {
    return {
      field: key,
      message: `malformed YAML: ${key}: is indented by ${spaces(indent.length)}, and a field's key must start at the line's start, like ${previous[2]!}: on the line above`,
      fix: `remove the space${indent.length === 1 ? '' : 's'} before ${key}: so the line reads ${shown(rest)}`,
    };
  }
  return {
    field: key,
    message: `malformed YAML: ${key}: is indented by ${spaces(indent.length)}, and its key must start where ${previous[2]!}: on the line above starts (${spaces(column)} in)`,
    fix: `indent ${key}: by ${spaces(column)}, as ${previous[2]!}: is`,
  };
}
