import { characterName } from '../shared/characterName.js';
import { QUOTE_MAX_CHARS } from '../shared/quote.js';

// YAML 1.2 §5.5: white space is a space or a tab, nothing else. These look like a space and are text to YAML: macOS
// types a no-break space for Option+Space, Word pastes one, a Japanese or Chinese input method types U+3000.
export const SPACE_CLASS = '\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
// `key:` (a list item's too) with one of them where the space after the colon goes.
const AFTER_KEY = new RegExp(`^([ \\t]*(?:-[ \\t]+)?)([A-Za-z_][\\w-]*)([ \\t]*:)([${SPACE_CLASS}])`);
// `-` with one of them where the space after a list item's dash goes.
const AFTER_DASH = new RegExp(`^([ \\t]*-)([${SPACE_CLASS}])`);
// A line's indentation holding one of them, or a tab (YAML 1.2 §6.1: indentation is spaces only).
const INDENT = new RegExp(`^([ \\t${SPACE_CLASS}]*)(\\S.*)?$`);
const KEY = /^(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:/;

/** The line to write, shortened when long. */
function shown(line: string): string {
  const trimmed = line.trim();
  return trimmed.length <= 2 * QUOTE_MAX_CHARS ? trimmed : `${trimmed.slice(0, 2 * QUOTE_MAX_CHARS)}…`;
}

/**
 * Why a line of malformed YAML broke when the cause is a character that looks like a space and is none to YAML: one
 * after a `key:` or a list item's `-` (the two then read as one word of text), or in the indentation, where a tab is
 * refused too. `tabs` says whether to name a tab in the indentation (js-yaml's own message names it already when it
 * refused the line for it). Undefined when the line has none of these.
 */
export function yamlSpaceProblem(line: string, tabs: boolean): { field?: string; message: string; fix: string } | undefined {
  const keyed = AFTER_KEY.exec(line);
  if (keyed) {
    const [, lead, key, colon, space] = keyed;
    const fixed = `${lead!}${key!}${colon!} ${line.slice(keyed[0].length)}`;
    return { field: key!, message: `malformed YAML: ${characterName(space!)} after ${key!}:, which YAML does not read as a space, so ${key!}: is no field`, fix: `type a plain space in its place: ${shown(fixed)}` };
  }
  const dashed = AFTER_DASH.exec(line);
  if (dashed) {
    return { message: `malformed YAML: ${characterName(dashed[2]!)} after the list item's -, which YAML does not read as a space`, fix: `type a plain space in its place: ${shown(`${dashed[1]!} ${line.slice(dashed[0].length)}`)}` };
  }
  const [, indent = '', rest] = INDENT.exec(line) ?? [];
  const odd = [...indent].find((char) => char !== ' ' && (tabs || char !== '\t'));
  if (rest === undefined || odd === undefined) return undefined;
  const key = KEY.exec(rest)?.[1];
  return {
    ...(key === undefined ? {} : { field: key }),
    message: `malformed YAML: the line is indented with ${characterName(odd)}, and YAML indents with plain spaces only`,
    // A tab stands for as many spaces as the editor shows: only the lines beside it tell how many.
    fix: indent.includes('\t') ? `retype its indentation with plain spaces, as the lines beside it are indented: ${shown(rest)}` : `retype its indentation as ${indent.length} plain space${indent.length === 1 ? '' : 's'}: ${shown(rest)}`,
  };
}
