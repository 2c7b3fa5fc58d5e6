import type { Problem } from '../shared/errors.js';
import { quote, QUOTE_MAX_CHARS } from '../shared/quote.js';
import { NON_PRINTABLE, NON_PRINTABLE_ALL, yamlNonPrintable } from './yamlNonPrintable.js';
import { commentStart } from './commentCuts.js';
import { lineField } from './lineField.js';
import { misindentedKey } from './misindentedKey.js';
import { trimmedLineMatch } from './trimmedLineMatch.js';
import { yamlLines } from './yamlLines.js';
import { yamlSpaceProblem } from './yamlSpaceProblem.js';

// `key: value` or `- value` (a list item), with the value's first character telling its kind.
const VALUE_LINE = /^\s*(?:-\s+)?(?:([A-Za-z_][\w-]*)\s*:\s+)?(.*)$/;

/** What a value opens and never closes on its line, if anything: a quote or a flow bracket. */
function unclosed(value: string): { what: string; close: string } | undefined {
  if (value.startsWith('"') && !/^"(?:[^"\\]|\\.)*"/.test(value)) return { what: 'the " that opens this value', close: '"' };
  if (value.startsWith("'") && !/^'(?:[^']|'')*'/.test(value)) return { what: "the ' that opens this value", close: "'" };
  if (value.startsWith('[') || value.startsWith('{')) {
    const text = value.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '');
    const open = (text.match(/[[{]/g) ?? []).length;
    const closed = (text.match(/[\]}]/g) ?? []).length;
    if (open > closed) return value.startsWith('[') ? { what: 'the [ that opens this list', close: ']' } : { what: 'the { that opens this mapping', close: '}' };
  }
  return undefined;
}

/** A long line's start and end, so that a message never repeats a whole long value. */
function excerpt(line: string): string {
  return line.length <= 2 * QUOTE_MAX_CHARS ? line : `${line.slice(0, QUOTE_MAX_CHARS)}…${line.slice(-QUOTE_MAX_CHARS)}`;
}

// A `key: value` line (a list item's too), split so that its value can be rewritten: indent and `- `, key, `: `, value
// (read with trimmedLineMatch, which drops the value's trailing white space).
export const KEY_VALUE = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(\s*:[ \t]+)(.*)/;

/**
 * What YAML reads a plain value's first character as (YAML 1.2 §5.3: c-indicator), in plain words; a `-`, `?` or `:`
 * is one only before a space (or alone), and `@` and `` ` `` are reserved, read as nothing.
 */
const INDICATOR_MEANINGS: Record<string, string> = {
  '&': 'is read by YAML as an anchor (a name for the value)',
  '*': 'is read by YAML as an alias (a repeat of a named value)',
  '!': 'is read by YAML as a tag (the name of a type)',
  '|': 'is read by YAML as the start of a block of text on the lines below',
  '>': 'is read by YAML as the start of a block of text on the lines below',
  '[': 'is read by YAML as a list, after whose ] nothing may follow',
  '{': 'is read by YAML as a mapping, after whose } nothing may follow',
  ']': 'is read by YAML as the end of a list',
  '}': 'is read by YAML as the end of a mapping',
  ',': 'is read by YAML as the comma between a list\'s items',
  '%': 'is read by YAML as a directive',
  '-': 'is read by YAML as a list item',
  '?': 'is read by YAML as a mapping key',
  '@': 'is refused by YAML, which reserves the character',
  '`': 'is refused by YAML, which reserves the character',
};

/** The fix that quotes a value: the whole line to write when it is short, else how to. */
function quotedFix(keyPart: string, value: string): string {
  const quoted = JSON.stringify(value);
  return quoted.length <= QUOTE_MAX_CHARS ? `quote the value: ${keyPart}${quoted}` : 'put the whole value in double quotes';
}

// Quotes a word processor made typographic (TextEdit, Word): YAML quotes only with straight ' and ".
const TYPOGRAPHIC_OPEN = '\u201C\u201D\u2018\u2019\u00AB\u00BB\u201E\u201A';
const TYPOGRAPHIC_CLOSE = '\u201C\u201D\u2018\u2019\u00AB\u00BB';

// A list item's line, its indent and value (read with trimmedLineMatch).
export const ITEM = /^(\s*)-[ \t]+(.*)/;
const KEY_AT = /^(\s*)(?:-[ \t]+)?([A-Za-z_][\w-]*)\s*:/;

/** Whether a line is a `key:` line whose key starts at that column: the rest of a list item's mapping. */
function keyAtColumn(line: string | undefined, column: number): boolean {
  const match = line === undefined ? null : /^(\s*)[A-Za-z_][\w-]*\s*:/.exec(line);
  return match !== null && match[1]!.length === column;
}

/** The key of the line a list item at `index` belongs to: the nearest line above indented less. */
function parentKey(lines: readonly string[], index: number): string | undefined {
  const indent = /^\s*/.exec(lines[index]!)![0].length;
  for (let above = index - 1; above >= 0; above--) {
    const match = KEY_AT.exec(lines[above]!);
    if (match && match[1]!.length < indent) return match[2];
  }
  return undefined;
}

/**
 * Why a one-line value is malformed, in plain words, with the quoted line to write: a value that holds `: ` (YAML 1.2
 * §7.3.3: a plain scalar cannot), begins with an indicator, or follows its closing quote with more text. The value is a
 * `key: value` line's, or a list item's whole text (`- Kim: the visit` in tags:) unless the lines beside it continue
 * the item as a mapping (related:'s `- title: …` then `url: …`). Undefined when the line is none of these.
 */
function valueProblem(lines: readonly string[], index: number): { field?: string; message: string; fix: string } | undefined {
  const line = lines[index]!;
  let keyed = trimmedLineMatch(KEY_VALUE, line);
  const item = trimmedLineMatch(ITEM, line);
  if (keyed && item && !keyAtColumn(lines[index + 1], keyed[1]!.length) && !keyAtColumn(lines[index - 1], keyed[1]!.length)) keyed = null;
  let field: string | undefined;
  let keyPart: string;
  let value: string;
  if (keyed) {
    field = keyed[2]!;
    keyPart = `${keyed[1]!.trimStart()}${field}${keyed[3]!.trimEnd()} `;
    value = keyed[4]!;
  } else if (item) {
    field = parentKey(lines, index);
    keyPart = '- ';
    value = item[2]!;
  } else return undefined;
  const explained = (message: string) => ({ ...(field === undefined ? {} : { field }), message: `malformed YAML: ${message}`, fix: quotedFix(keyPart, value) });
  const first = value[0];
  if (first === undefined) return undefined;
  const quotedPart = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(value)?.[0];
  if (quotedPart !== undefined && quotedPart.length < value.length && !/^\s*#/.test(value.slice(quotedPart.length))) {
    const why = explained(`the quotes around ${quotedPart} close before the value ends, and YAML allows no text after a quoted value`);
    // Words after a space are meant, the quotes part of the text (`"Juche" in the new era`); text glued to the closing
    // quote is a slip (`"2014-05-02"x`), dropped.
    if (/^\s/.test(value.slice(quotedPart.length))) return why;
    return { ...why, fix: `drop the text after the closing quote${quotedPart.length <= QUOTE_MAX_CHARS ? `: ${keyPart}${quotedPart}` : ''}` };
  }
  if (first === '"' || first === "'") return undefined;
  const last = value[value.length - 1]!;
  if (TYPOGRAPHIC_OPEN.includes(first) && TYPOGRAPHIC_CLOSE.includes(last) && value.length > 1) {
    const straight = JSON.stringify(value.slice(1, -1).trim());
    return {
      ...explained(`${first} and ${last} are typographic quotes, which YAML does not read as quotes: it needs straight "`),
      fix: straight.length <= QUOTE_MAX_CHARS ? `write straight quotes: ${keyPart}${straight}` : `write straight " in place of ${first} and ${last}`,
    };
  }
  const indicator = /^[-?:](?:\s|$)/.test(value) || (first in INDICATOR_MEANINGS && !'-?'.includes(first)) ? first : undefined;
  if (indicator === ':') return explained('the value begins with ": ", which YAML reads as the start of another field');
  if (indicator !== undefined) return explained(`a value beginning with ${JSON.stringify(indicator)} ${INDICATOR_MEANINGS[indicator]}`);
  const colon = /:(?:\s|$)/.exec(value);
  if (colon) return explained(`the value ${colon.index === value.length - 1 ? 'ends with ":"' : 'holds ": "'}, which YAML reads as the start of another field`);
  return undefined;
}

/** The column a KEY_AT match's key starts at, past its indent and a list item's `- `. */
function keyColumn(match: RegExpExecArray): number {
  return match[0].length - match[0].replace(/^\s*(?:-[ \t]+)?/, '').length;
}

/**
 * The problem of a key given twice in one mapping (js-yaml reports the second), with both lines: the earlier line
 * with that key at the same column, above which no line leaves the mapping (a line indented less, or its list item's `- `).
 */
function duplicatedKey(problem: Problem, lines: readonly string[], reported: number, firstLine: number): Problem | undefined {
  const second = KEY_AT.exec(lines[reported] ?? '');
  if (!second) return undefined;
  const column = keyColumn(second);
  for (let index = reported - 1; index >= 0; index--) {
    const line = lines[index]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = KEY_AT.exec(line);
    const at = match ? keyColumn(match) : -1;
    if (match && at === column && match[2] === second[2]) {
      const key = second[2]!;
      return { ...problem, line: firstLine + reported, field: key, message: `malformed YAML: ${key}: is given twice, and a key may be given once`, fix: `remove one of the two ${key}: lines (lines ${firstLine + index} and ${firstLine + reported})` };
    }
    const indent = line.length - line.trimStart().length;
    if (indent < column || (at === column && line.trimStart().startsWith('-'))) return undefined;
  }
  return undefined;
}

// The fields that want a number (site.yml's feed.limit, digest.maxBytes and digest.ses.rate; an entry has none), each
// with one to show: closing a `[` or a quote would make it a list or text, which each refuses.
const NUMBER_FIELDS: ReadonlyMap<string, string> = new Map([
  ['limit', '50'],
  ['maxBytes', '100000'],
  ['rate', '14'],
]);
// The number the value holds after what opens it (`[50`, `"50`, `[ 50, 60`), if any.
const NUMBER_AFTER_OPENER = /^["'[{]\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))(?![\w.])/;

// The site.yml fields that want one value (digest.day, digest.time, digest.transport, timezone), each with what it
// wants, how to read that value after the opener (`[1`, `[ friday, monday`, `{"08:00"`), how to write it, and an
// example: a list or mapping, once closed, is refused in turn as no such value.
interface OneValueField { wants: string; value: RegExp; write: (value: string) => string; example: string }
const ONE_VALUE_FIELDS: ReadonlyMap<string, OneValueField> = new Map([
  ['day', { wants: 'one day of the week', value: /^(\d+|[A-Za-z]+)(?![\w.])/, write: (day: string) => day, example: 'monday' }],
  // In quotes, as digestConfig asks for it: "HH:MM".
  ['time', { wants: 'one time of day', value: /^(\d{1,2}:\d{2})(?![\w.:])/, write: (time: string) => `"${time}"`, example: '"08:00"' }],
  ['transport', { wants: 'one transport', value: /^([A-Za-z]+)(?![\w.])/, write: (transport: string) => transport, example: 'ses' }],
  ['timezone', { wants: 'one time zone', value: /^([A-Za-z][\w+-]*(?:\/[\w+-]+)*)(?![\w./])/, write: (zone: string) => zone, example: 'Asia/Seoul' }],
]);
// What opens the list or mapping, and a quote its first value may open with.
const LIST_OPENER = /^[[{]\s*["']?/;

/**
 * The fix for a value that opens a quote or bracket and never closes it: the closing added; for a field that wants a
 * number, the number written alone (what follows the opener, where it is one, else an example). A `[` before text
 * with no comma, under a key other than tags:, is more likely the text's own (`title: [Updated] Rason`): that value
 * is quoted first, in single quotes, which keep every character but ' as typed (YAML 1.2 §7.3.2).
 */
function closeFix(line: string, value: string, close: string, key: string | undefined): string {
  const example = key === undefined ? undefined : NUMBER_FIELDS.get(key);
  if (example !== undefined) {
    const number = NUMBER_AFTER_OPENER.exec(value)?.[1];
    const written = `${line.slice(0, line.length - value.length)}${number ?? example}`;
    const opened = value.startsWith('[') ? 'a list' : value.startsWith('{') ? 'a mapping' : 'text in quotes';
    return number === undefined ? `${key} wants a number: write one alone, such as ${written}` : `${key} wants a number, not ${opened}: write ${written}`;
  }
  const one = key === undefined ? undefined : ONE_VALUE_FIELDS.get(key);
  if (one !== undefined && (close === ']' || close === '}')) {
    const found = one.value.exec(value.replace(LIST_OPENER, ''))?.[1];
    const opened = value.startsWith('[') ? 'a list' : 'a mapping';
    return `${key} wants ${one.wants}, not ${opened}: write ${found === undefined ? 'one alone, such as ' : ''}${line.slice(0, line.length - value.length)}${found === undefined ? one.example : one.write(found)}`;
  }
  const closed = `close it on the same line: ${excerpt(line)}${close}`;
  if (close !== ']' || key === 'tags' || value.includes(',')) return closed;
  const quoted = `'${value.replaceAll("'", "''")}'`;
  const written = `${line.slice(0, line.length - value.length)}${quoted}`;
  return `${quoted.length <= QUOTE_MAX_CHARS ? `quote the value if the [ is part of the text: ${written}` : 'put the whole value in single quotes if the [ is part of the text'}; or, for a list, ${closed}`;
}

/**
 * js-yaml reports an unclosed quote or bracket on the line where it gave up, often the next field's,
 * which sends the editor to the wrong line. When a line at or before the reported one opens a quote or
 * bracket it never closes, the problem is moved to that line, with its field and the closing to add. Otherwise, when
 * the reported line (or the one before, where js-yaml may stop) is a `key: value` line whose value YAML cannot read
 * as text (a `: ` inside, an indicator first, typographic quotes), the jargon gives way to the reason and the quoted line to write.
 */
export function explainYamlProblem(problem: Problem, yaml: string, firstLine = 1): Problem {
  // A refusal of YAML that reads (a tag, an anchor) already names its own line: an earlier quoted value may span lines.
  if (!problem.message.startsWith('malformed YAML:')) return problem;
  const lines = yamlLines(yaml);
  // js-yaml names no place for a character it cannot print (in a double-quoted value, "no valid JSON character"),
  // and the line it gives is not always the one holding it.
  if (problem.message.includes('non-printable characters') || problem.message.includes('expected valid JSON character')) return nonPrintableProblem(problem, lines, firstLine) ?? problem;
  const reported = problem.line === undefined ? lines.length - 1 : Math.min(problem.line - firstLine, lines.length - 1);
  // A space YAML does not read as one breaks the line it is on, and js-yaml stops there or on the next line.
  for (const index of [reported, reported - 1]) {
    const found = index >= 0 ? yamlSpaceProblem(lines[index]!, problem.message.includes('tab characters')) : undefined;
    if (found) return { ...problem, line: firstLine + index, ...found };
  }
  for (let index = reported; index >= 0; index--) {
    const match = VALUE_LINE.exec(lines[index]!);
    // What YAML reads of the value: a comment (a # after a space) hides the rest of the line, a closing included.
    const value = match ? match[2]! : '';
    const comment = commentStart(value);
    const found = match ? unclosed((comment === undefined ? value : value.slice(0, comment)).trim()) : undefined;
    if (!found) continue;
    const explained: Problem =
      comment === undefined
        ? { ...problem, line: firstLine + index, message: `malformed YAML: ${found.what} is never closed`, fix: closeFix(lines[index]!.trim(), value.trim(), found.close, match![1]) }
        : {
            ...problem,
            line: firstLine + index,
            message: `malformed YAML: ${found.what} is never closed, since the # in ${quote(value.slice(comment).trim())} starts a comment that hides the rest of the line`,
            fix: 'put the text that holds the # in double quotes',
          };
    explained.field = match![1] ?? problem.field;
    return explained;
  }
  if (problem.message.includes('bad indentation of a mapping entry')) {
    const found = misindentedKey(lines, reported);
    if (found) return { ...problem, line: firstLine + reported, ...found };
  }
  if (problem.message.includes('duplicated mapping key')) return duplicatedKey(problem, lines, reported, firstLine) ?? problem;
  for (const index of [reported, reported - 1]) {
    const found = index >= 0 ? valueProblem(lines, index) : undefined;
    if (found) return { ...problem, line: firstLine + index, ...found };
  }
  return problem;
}

// A block line's key, after its indent and a list item's `- `: any text up to the `:` that ends it.
const KEY_SPAN = /^([ \t]*(?:-[ \t]+)?)([^\s#:'"[{][^:]*?)[ \t]*:(?:[ \t]|$)/;
// The longest key named whole; a longer one is named by its start.
const KEY_SHOWN = 64;

/**
 * The field whose key holds the character at `at` on line `index` (`ti\x01tle: …`), as lineField names one of plain
 * keys (`source.na\x01me`, `related[0].ti\x01tle`): the key as written, which the report prints escaped
 * (printableName). Undefined where the character is not in a key.
 */
function keyHolding(lines: readonly string[], index: number, at: number): string | undefined {
  const line = lines[index]!;
  const match = KEY_SPAN.exec(line);
  if (!match) return undefined;
  const start = match[1]!.length;
  const key = match[2]!;
  if (at < start || at >= start + key.length) return undefined;
  const chars = [...key];
  const shown = chars.length > KEY_SHOWN ? `${chars.slice(0, KEY_SHOWN).join('')}…` : key;
  // Its path as lineField reads it with each such character a letter, where the key is otherwise plain.
  const plain = key.replace(NON_PRINTABLE_ALL, '_');
  const path = lineField(lines.map((text, i) => (i === index ? text.slice(0, start) + plain + text.slice(start + key.length) : text)), index);
  return path?.endsWith(plain) ? path.slice(0, -plain.length) + shown : shown;
}

/**
 * The first character YAML refuses to read in a file (a control character pasted from a PDF or a terminal, U+FFFE or
 * U+FFFF), at its line and column, with its field: the fix is to delete it, as no reader would see it (every output
 * drops it), or to write it as an escape in double quotes when it is meant.
 */
function nonPrintableProblem(problem: Problem, lines: readonly string[], firstLine: number): Problem | undefined {
  for (const [index, line] of lines.entries()) {
    const found = NON_PRINTABLE.exec(line);
    if (!found) continue;
    const hex = found[0].charCodeAt(0).toString(16).toUpperCase();
    const field = keyHolding(lines, index, found.index) ?? lineField(lines, index) ?? problem.field;
    return {
      ...problem,
      field,
      line: firstLine + index,
      message: `malformed YAML: holds ${yamlNonPrintable(line, found[0], found.index)}, which YAML does not read in a file`,
      fix: `delete it, as no feed or page would show it; to keep it, write it as an escape inside double quotes: "\\u${hex.padStart(4, '0')}"`,
    };
  }
  return undefined;
}
