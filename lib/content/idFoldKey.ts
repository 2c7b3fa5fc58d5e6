/**
 * What two ids share when they name one entry to a case-insensitive disk or to a reader's eye: ids that differ
 * only by case or Unicode normalisation fold to the same key: `Trade-Report` and `trade-report`, a composed and a
 * decomposed `café`, and compatibility forms (NFKC, UAX #15) that read as the same letters: fullwidth `Ｃａｆｅ` and
 * `cafe`, the ligature in `ﬁle` and `file`.
 */
export function idFoldKey(id: string): string {
  return id.normalize('NFKC').toLowerCase();
}
