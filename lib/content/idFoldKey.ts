/**
 * What two ids share when they name one entry to a case-insensitive disk or to a reader's eye: ids that differ
 * only by case or Unicode normalisation (`Trade-Report`, `trade-report`) fold to the same key.
 */
export function idFoldKey(id: string): string {
  return id.normalize('NFC').toLowerCase();
}
