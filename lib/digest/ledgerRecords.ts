// The digest's send ledger as stored: its keys and what they record. lib/delivery's SendLedger writes it and a
// publish reads which weeks it mailed (mailedWeeks.ts), so the format sits here, in a folder both may import.
import { STATE_DIR } from '../shared/outputLayout.js';

export const LEDGER_PREFIX = `${STATE_DIR}digest-ledger/`;

/** The folder of one ledger: a week's send (`YYYY-Www`), or a test copy's (`YYYY-Www.test-HASH`, lib/delivery/digestDelivery.ts). */
export function ledgerPrefix(ledgerName: string): string {
  return `${LEDGER_PREFIX}${ledgerName}/`;
}

/**
 * sent: confirmed. failed: the transport refused it, so it was not sent. released: the transport was down, or the
 * attempt was withdrawn before its message was handed over, so it was not sent either. unknown: handed over (or
 * claimed by a version of Broadsheet that wrote no handovers), never confirmed, so maybe delivered. unhanded: claimed
 * by a run that never handed the message over, nothing sent: the run died before, or is still sending.
 */
export type LedgerStatus = 'sent' | 'failed' | 'released' | 'unknown' | 'unhanded';

export interface LedgerRecord {
  /** The latest attempt, from 1. */
  attempt: number;
  status: LedgerStatus;
  /** When an unknown attempt was handed over, as its handover records it (SendLedger.load; a version before it recorded none). */
  handedAt?: string;
}

/** What a ledger record records, the last part of its name before `.json`: SendLedger writes these alone. */
export const LEDGER_RECORD_KINDS = ['claim', 'handover', 'sent', 'failed', 'released'] as const;
export type LedgerRecordKind = (typeof LEDGER_RECORD_KINDS)[number];

/** A record's key: the recipient's hash, the attempt, what it records (one of LEDGER_RECORD_KINDS). */
export const LEDGER_KEY = new RegExp(`/([0-9a-f]{32})/(\\d+)\\.(${LEDGER_RECORD_KINDS.join('|')})\\.json$`);

/**
 * Each recipient's latest attempt, from the keys of one ledger. An attempt claimed and not concluded is unknown here:
 * telling one never handed over (unhanded) or withdrawn (released) takes reading it (SendLedger.load).
 */
export function latestRecords(keys: Iterable<string>): Map<string, LedgerRecord> {
  const found = new Map<string, Map<number, Set<string>>>();
  for (const key of keys) {
    const match = LEDGER_KEY.exec(key);
    if (!match) continue;
    const attempts = found.get(match[1]!) ?? new Map<number, Set<string>>();
    found.set(match[1]!, attempts);
    const kinds = attempts.get(Number(match[2])) ?? new Set<string>();
    attempts.set(Number(match[2]), kinds.add(match[3]!));
  }
  const records = new Map<string, LedgerRecord>();
  for (const [id, attempts] of found) {
    // A sent attempt settles it, whatever came later.
    if ([...attempts.values()].some((kinds) => kinds.has('sent'))) {
      records.set(id, { attempt: Math.max(...attempts.keys()), status: 'sent' });
      continue;
    }
    const attempt = Math.max(...attempts.keys());
    const kinds = attempts.get(attempt)!;
    records.set(id, { attempt, status: kinds.has('failed') ? 'failed' : kinds.has('released') ? 'released' : 'unknown' });
  }
  return records;
}
