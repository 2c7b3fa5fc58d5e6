import { nfc } from '../shared/nfc.js';
import { utf16Encoding, utf16Problem } from '../shared/utf16Encoding.js';

/** An entry file split into its YAML front matter and its Markdown body. */
export interface FrontMatterSplit {
  yaml: string;
  body: string;
  /** The file line (1-based) on which the YAML starts. */
  yamlLine: number;
}

export type SplitResult = { ok: true; value: FrontMatterSplit } | { ok: false; message: string; fix: string; line?: number };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

/** Whether a text opens with front matter's first fence, as an entry does (a post exported from another tool too). */
export const opensWithFrontMatter = (text: string): boolean => OPENING.test(text);
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;
// A fence an editor's autocorrect (TextEdit, Word) made a dash of: `---` typed as `—-`, `–-` or `——`.
const DASH_FENCE = /^\uFEFF?(?=[-\u2013\u2014]*[\u2013\u2014])[-\u2013\u2014]{1,3}[ \t]*\r?$/;
const TOML_OPENING = /^\uFEFF?\+\+\+[ \t]*\r?\n/;
export const TOML_FIX = 'write it as YAML between --- lines (title: … for title = …)';
const LATE_OPENING = /^\uFEFF?((?:[ \t]*\r?\n)+)---[ \t]*\r?\n/;
const DASH_FIX = 'write three hyphens, ---, in place of the dash';
// Lines ended by a carriage return alone, as classic Mac OS (before OS X) wrote them.
const CR_ONLY_OPENING = /^\uFEFF?---[ \t]*\r(?!\n)/;

/** The problem of a fence line made a dash, naming the dash. */
function dashFence(line: string, which: string): string {
  return `${which} is ${JSON.stringify(line.replace(/^\uFEFF/, '').trim())}, a dash where --- should be: an editor's autocorrect turned the hyphens into a dash`;
}

/** Splits `---\nYAML\n---\nBODY`. Tolerates a byte-order mark and CRLF line ends. */
export function splitFrontMatter(text: string): SplitResult {
  if (text.trim() === '') return { ok: false, message: 'the file is empty', fix: 'start it with front matter between two --- lines, then the commentary' };
  const opening = OPENING.exec(text);
  const firstLine = text.slice(0, text.indexOf('\n') + 1 || text.length).replace(/\n$/, '');
  if (!opening && DASH_FENCE.test(firstLine)) return { ok: false, message: `no front matter: ${dashFence(firstLine, 'the first line')}`, fix: `${DASH_FIX}, here and on the line that closes the front matter`, line: 1 };
  // Hugo's TOML front matter (https://gohugo.io/content-management/front-matter/#formats).
  if (!opening && TOML_OPENING.test(text)) return { ok: false, message: 'front matter in TOML (+++) is not read', fix: TOML_FIX, line: 1 };
  const late = LATE_OPENING.exec(text);
  if (!opening && late) return { ok: false, message: `no front matter: its --- is on line ${late[1]!.split('\n').length}, after blank lines, and must be the first line`, fix: 'delete the blank lines before it', line: 1 };
  if (!opening && CR_ONLY_OPENING.test(text)) return { ok: false, message: 'no front matter: its lines end in a carriage return alone (CR, as classic Mac OS wrote text), which is no line break here', fix: 'save the file with LF (Unix, macOS) or CRLF (Windows) line endings', line: 1 };
  // UTF-16 without a byte-order mark is valid UTF-8 when its characters are ASCII, each followed or led by a zero byte.
  const utf16 = opening ? undefined : utf16Encoding(Buffer.from(text.slice(0, 256)));
  if (utf16) return { ok: false, ...utf16Problem(utf16) };
  // Two byte-order marks: a file saved "with BOM" by a tool that did not see the one it read.
  if (!opening && OPENING.test(text.replace(/^\uFEFF+/, '\uFEFF'))) return { ok: false, message: `no front matter: the file starts with ${text.length - text.replace(/^\uFEFF+/, '').length} byte-order marks (U+FEFF), where one is taken, so its first line is not ---`, fix: 'save the file as UTF-8 (with or without BOM) in an editor that shows it, or delete the invisible characters before the first ---', line: 1 };
  if (!opening) return { ok: false, message: 'no front matter', fix: 'start the file with a line ---, then title, url, source and date, then another line ---' };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    const lines = rest.split('\n');
    const dashed = lines.findIndex((line) => DASH_FENCE.test(line));
    if (dashed >= 0) return { ok: false, message: `the front matter is not closed: ${dashFence(lines[dashed]!, 'its closing line')}`, fix: DASH_FIX, line: dashed + 2 };
    return { ok: false, message: 'the front matter is not closed', fix: 'add a line --- after the last front-matter field' };
  }
  // A copy, not a slice: every value parsed out of a slice would keep the whole file alive (V8 substrings point
  // into their parent), and the parsed entries would hold all of the site's Markdown. Concatenating flattens.
  const yaml = (' ' + rest.slice(0, closing.index)).slice(1);
  const afterClosing = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  // The body is text readers read, published in NFC (nfc) as the front matter's text fields are.
  return { ok: true, value: { yaml, body: nfc(afterClosing), yamlLine: 2 } };
}
