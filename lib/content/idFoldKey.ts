import { INVISIBLE } from '../shared/invisible.js';

// Characters a reader never sees, which a program may still count as part of an id. Not white space: in an id a
// reader sees it between two words.
const INVISIBLE_ALL = new RegExp(INVISIBLE, 'gu');

/**
 * What two ids share when they name one entry to a case-insensitive disk or to a reader's eye: ids that differ
 * only by case, Unicode normalisation or invisible characters fold to the same key: `Trade-Report` and
 * `trade-report`, a composed and a decomposed `café`, compatibility forms (NFKC, UAX #15) that read as the same
 * letters (fullwidth `Ｃａｆｅ` and `cafe`, the ligature in `ﬁle` and `file`), and `cafe` with a zero-width space or
 * a soft hyphen inside. Invisible characters go before NFKC, which may then compose what they stood between, and
 * after it, which may make one (a halfwidth Hangul filler becomes the Hangul filler).
 * Case is folded in full, as Unicode's case folding does (CaseFolding.txt, status F): upper case, then lower, so
 * that `straße` is `STRASSE` and a final `ς` is `σ`, which lower case alone keeps apart; and the Turkish i's are one
 * letter, as Turkish writes them as each other's case: dotless `ı` is `I`'s, and `İ` (lower case `i` and a combining
 * dot) is `i`'s. NFKC again after the case, which may leave a letter and its mark apart (`ǰ` as `J̌`, then `ǰ`).
 */
export function idFoldKey(id: string): string {
  const visible = id.replace(INVISIBLE_ALL, '').normalize('NFKC').replace(INVISIBLE_ALL, '');
  return visible.toUpperCase().toLowerCase().normalize('NFKC').replace(/i\u0307/g, 'i');
}
