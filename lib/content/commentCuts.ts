import type { Problem } from '../shared/errors.js';
import { quote, QUOTE_MAX_CHARS } from '../shared/quote.js';
import { yamlLines } from './yamlLines.js';

// `key: value` (in a list item too: `- title: value`) or a list item's value alone (`- Trade`).
const KEY_LINE = /^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/;
const ITEM_LINE = /^(\s*)-\s+(.*)$/;
// A block scalar's header (`summary: >`, `summary: |-`): the lines indented under it are its text, `#` included.
const BLOCK_HEADER = /^[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * Text fields whose plain value a ` #` on its line ends: YAML reads the rest as a comment, so "Rason port ranks #1 in
 * trade" is published as "Rason port ranks" and nothing says so (YAML 1.2 §6.6: a comment starts at a `#` after white
 * space). Dates, urls, ids and flags are not among them: words, never spaced, so a comment after one is the editor's note.
 */
const TEXT_FIELDS = new Set(['title', 'source', 'name', 'summary', 'imageAlt', 'tags', 'description', 'subject']);

/**
 * One problem for each line of front matter where a comment cuts a text value short: after a plain (unquoted) value
 * of a text field, or a list item's. A comment after a quoted value, or on a line of its own, is the editor's own.
 */
export function commentCuts(yaml: string, file: string, firstLine = 1): Problem[] {
  // No comment without a #, and most front matter holds none: no line is read.
  if (!yaml.includes('#')) return [];
  const problems: Problem[] = [];
  const lines = yamlLines(yaml);
  /** Lines indented more than this are a block scalar's text. */
  let blockIndent: number | undefined;
  /** The field a list's items belong to (`tags:` then `- Trade`). */
  let listField: string | undefined;
  for (const [index, line] of lines.entries()) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== undefined) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = undefined;
    }
    const keyed = KEY_LINE.exec(line);
    const item = keyed ? undefined : ITEM_LINE.exec(line);
    let field: string | undefined;
    let value: string | undefined;
    if (keyed) {
      field = keyed[2]!;
      value = keyed[3];
      if (value === undefined || value === '') {
        listField = field;
        continue;
      }
      if (BLOCK_HEADER.test(value)) {
        blockIndent = indent;
        continue;
      }
    } else if (item) {
      field = listField;
      value = item[2];
    }
    if (field === undefined || value === undefined || !TEXT_FIELDS.has(field)) continue;
    const at = commentStart(value);
    if (at === undefined) continue;
    const kept = value.slice(0, at).trim();
    // After a quoted value, or a flow collection closed on its line, the comment is the editor's note.
    if (/["'\]}]$/.test(kept)) continue;
    const cut = value.slice(at).trim();
    // A shown name for a key inside a list's item (`- title:` under related:), with its list.
    const shown = keyed && indent > 0 && listField !== undefined && listField !== field ? `${listField}.${field}` : field;
    if (kept === '') {
      // A note of the editor's (`tags: # none yet`) has a space after its #.
      if (!/^#\S/.test(cut)) continue;
      // A hashtag or a number typed as the value: YAML reads nothing (`tags: #trade`, `title: #1 exporter of coal`).
      problems.push({ file, line: firstLine + index, field: shown, message: `${quote(cut)} is read as a YAML comment (a # after a space), so ${item ? `this item of ${shown}` : shown} is empty`, fix: emptiedFix(field, cut, Boolean(item)) });
      continue;
    }
    const whole = JSON.stringify(`${kept} ${cut}`);
    const fix = /^[[{]/.test(kept)
      ? 'put the item that holds the # in double quotes'
      : whole.length <= QUOTE_MAX_CHARS
        ? `quote the value: ${item ? '- ' : `${field}: `}${whole}`
        : 'put the whole value in double quotes';
    problems.push({ file, line: firstLine + index, field: shown, message: `${quote(cut)} is read as a YAML comment (a # after a space) and left out: ${quote(kept)} would be published`, fix });
  }
  return problems;
}

/** Where a comment starts in a value: a `#` after white space, outside quotes; undefined when there is none. */
export function commentStart(value: string): number | undefined {
  let quoteChar: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoteChar === '"') {
      if (c === '\\') i++;
      else if (c === '"') quoteChar = undefined;
    } else if (quoteChar === "'") {
      if (c === "'" && value[i + 1] === "'") i++;
      else if (c === "'") quoteChar = undefined;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(value[i - 1]!))) quoteChar = c;
    // The value begins after the space that follows its `:` or `-`: a `#` first is a comment too.
    else if (c === '#' && (i === 0 || /\s/.test(value[i - 1]!))) return i;
  }
  return undefined;
}

/** The fix for a value that is all comment: hashtags become tags without their #, or any value is quoted. */
function emptiedFix(field: string, cut: string, listItem: boolean): string {
  const quoted = JSON.stringify(cut);
  if (field !== 'tags') return quoted.length <= QUOTE_MAX_CHARS ? `quote the value: ${listItem ? '- ' : `${field}: `}${quoted}` : 'put the whole value in double quotes';
  const words = cut.split(/\s+/).map((word) => word.replace(/^#+/, '')).filter((word) => word !== '');
  if (listItem) return `write it without the #: - ${words.join(' ')}, or quote it: - ${quoted}`;
  return `write the tags without #: tags: [${words.join(', ')}], or quote each one: tags: [${cut.split(/\s+/).map((word) => JSON.stringify(word)).join(', ')}]`;
}
