import type { LedgerRecord } from '../digest/ledgerRecords.js';

/**
 * The record that settles a recipient known under several ids (the first its own): sent, else unknown, else the
 * latest attempt. A former id's claims were made by versions that wrote no handovers: never unhanded.
 */
export function settledRecord(records: ReadonlyArray<LedgerRecord | undefined>): LedgerRecord | undefined {
  const found = records.map((record, index) => (index > 0 && record?.status === 'unhanded' ? { ...record, status: 'unknown' as const } : record)).filter((record): record is LedgerRecord => record !== undefined);
  return found.find((r) => r.status === 'sent') ?? found.find((r) => r.status === 'unknown') ?? found[0];
}
