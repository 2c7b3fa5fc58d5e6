import { INVISIBLE } from './invisible.js';

// What must not reach a terminal raw from a name: the C0 controls (a newline splits one problem into two lines, ESC
// starts a control sequence), DEL, the C1 controls (0x9B is a CSI to some terminals) and U+2028/U+2029 (line breaks
// to some terminals and editors).
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const UNPRINTABLE_ALL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const UNPRINTABLE_OR_BACKSLASH = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\\]/;
const UNPRINTABLE_OR_BACKSLASH_ALL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\\]/g;
// White space and invisible characters (a zero-width space, a bidi control, a variation selector: INVISIBLE) at either
// end of a name: printed raw, `trailing.md ` reads as `trailing.md` before the colon that follows it. Made on first
// use, so that a bundle that prints no name leaves this module out.
let unseen: { atEnds: RegExp; ends: RegExp } | undefined;
const unseenPatterns = () =>
  (unseen ??= { atEnds: new RegExp(`^[\\s${INVISIBLE}]|[\\s${INVISIBLE}]$`, 'u'), ends: new RegExp(`^[\\s${INVISIBLE}]+|[\\s${INVISIBLE}]+$`, 'gu') });
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escape(char: string): string {
  const code = char.codePointAt(0)!;
  if (SHORT[char] !== undefined) return SHORT[char];
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16)}` : `\\u{${code.toString(16)}}`;
}

/**
 * A file name, output key or field name as text output prints it, always on one line and with nothing a terminal
 * acts on: `\n`, `\r`, `\t`, the other controls as `\xHH` (ESC is `\x1b`), U+2028/U+2029 as `\u2028`/`\u2029`,
 * white space and format characters at either end escaped too (`trailing.md\x20`, `a.md\u200b`), and a backslash
 * doubled (`\\`), so every printed name stands for one name only. `--json` output needs none of it.
 */
export function printableName(name: string): string {
  const printable = UNPRINTABLE_OR_BACKSLASH.test(name) ? name.replace(UNPRINTABLE_OR_BACKSLASH_ALL, escape) : name;
  const { atEnds, ends } = unseenPatterns();
  return atEnds.test(printable) ? printable.replace(ends, (run) => [...run].map(escape).join('')) : printable;
}

/**
 * Message text (whose values quote() already wrote as JSON, backslashes escaped) as text output prints it: the
 * characters above escaped as printableName does, backslashes left as they are.
 */
export function printableText(text: string): string {
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, escape) : text;
}

let markOrInvisible: RegExp | undefined;

/**
 * Matches each combining mark, invisible character and space other than U+0020 (a no-break space: Zs, which NFKC
 * folds to U+0020) anywhere in a text (flag g; made on first use, as above): what sets apart two names or ids that
 * print alike.
 */
export const markOrInvisiblePattern = (): RegExp => (markOrInvisible ??= new RegExp(`[\\p{M}${INVISIBLE}[\\p{Zs}--\\x20]]`, 'gv'));

/**
 * A name as printableName prints it, with every combining mark, invisible character and space other than U+0020 in
 * it escaped too (`entries/2014/cafe\u301.md`, `ca\u200bfe.md`, `a\xa0b.md`): for a line that sets apart two names
 * that differ only by them (a composed and a decomposed `é`; a space and a no-break space, one id to idFoldKey), which
 * printableName prints alike. Other names are kept as they are, so it is kept to such lines: a decomposed name is
 * ordinary on a disk that stores names so.
 */
export function distinctName(name: string): string {
  return printableName(name).replace(markOrInvisiblePattern(), escape);
}

let invisibleAll: RegExp | undefined;
let otherSpaces: RegExp | undefined;

/**
 * A name as printableName prints it, as the eye reads it: no invisible character, every space inside it U+0020 (a
 * no-break space reads as one), marks composed (NFC, UAX #15). Two names of one such reading print alike, which
 * distinctName tells apart.
 */
export function seenName(name: string): string {
  invisibleAll ??= new RegExp(INVISIBLE, 'gu');
  otherSpaces ??= new RegExp('[\\p{Zs}--\\x20]', 'gv');
  return printableName(name).replace(invisibleAll, '').replace(otherSpaces, ' ').normalize('NFC');
}
