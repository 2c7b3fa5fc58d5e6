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
 */
export function idFoldKey(id: string): string {
  return id.replace(INVISIBLE_ALL, '').normalize('NFKC').replace(INVISIBLE_ALL, '').toLowerCase();
}
