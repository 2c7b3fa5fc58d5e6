import { DateTime } from 'luxon';
import type { LedgerRecord } from '../digest/ledgerRecords.js';
import type { RecipientResult } from './recipientResult.js';
import { LEDGER_READ_REQUESTS, type SendLedger } from './sendLedger.js';
import { settledRecord } from './settledRecord.js';
import { storeReadStop, type ReadTime } from './storeReadStop.js';
import { HANDOVER_WAIT_MS } from './handoverWaitMs.js';

/** A recipient the ledger gave as unknown as a send began: its result in the send's summary, and its ledger ids. */
export interface UnknownRead {
  result: RecipientResult;
  /** Its own id first, then former ones (as settledRecord takes them). */
  ids: string[];
}

/**
 * Reads again, once a run's sends are done, the recipients the ledger gave as unknown as it began: a message handed
 * over and not yet confirmed may be another run's, still waiting for its answer, which that run records afterwards.
 * One since concluded is reported as concluded (sent: skipped; refused: failed), so that the run's count of unknown
 * is the ledger's as it ends, which its record and status tell. One still unknown, handed over less than
 * HANDOVER_WAIT_MS before `clock` (the wall clock its handover was stamped by), is reported in progress, counted apart
 * among the unknown (inProgress): its run may still be waiting for the answer, and records it; it is not to be settled
 * yet. Reporting only: nobody is claimed or sent to here. Not begun when the time left no longer holds the read; a
 * store that cannot be read leaves the report as it was.
 */
export async function concludedSince(readUnknown: readonly UnknownRead[], summary: Record<'unknown' | 'skipped' | 'failed', number> & { inProgress?: number }, ledger: SendLedger, time: ReadTime & { clock: () => DateTime }, log: (line: string) => void): Promise<void> {
  const ids = readUnknown.flatMap((one) => one.ids);
  const tooLate = storeReadStop(time, LEDGER_READ_REQUESTS * (ledger.perRecipient ? ids.length : 1), 'reading the send ledger again');
  if (tooLate !== undefined) {
    log(`unknown not read again: ${tooLate}`);
    return;
  }
  let state: Map<string, LedgerRecord>;
  try {
    state = await ledger.load(ids);
  } catch (error) {
    log(`unknown not read again: the send ledger cannot be read: ${(error as Error).message}`);
    return;
  }
  for (const { result, ids: keys } of readUnknown) {
    const latest = settledRecord(keys.map((key) => state.get(key)));
    const outcome = latest?.status === 'sent' ? 'skipped' : latest?.status === 'failed' ? 'failed' : undefined;
    if (outcome === undefined) {
      if (latest?.status === 'unknown' && handedWithin(latest.handedAt, time.clock())) {
        summary.inProgress = (summary.inProgress ?? 0) + 1;
        result.inProgress = true;
        result.detail = `handed over at ${latest.handedAt} by another run, which may still be waiting for the answer (a run waits up to ${HANDOVER_WAIT_MS / 60_000} minutes) and records it; not sent again`;
        log(`unknown  ${result.address}: ${result.detail}`);
      }
      continue;
    }
    summary.unknown--;
    summary[outcome]++;
    result.outcome = outcome;
    result.detail = outcome === 'skipped' ? 'sent by another run, which confirmed it after this run read the ledger' : "another run's message to them was refused after this run read the ledger; a rerun tries again";
    log(`${outcome.padEnd(8)} ${result.address}: ${result.detail}`);
  }
}

/** Whether a handover stamped `handedAt` is recent enough at `now` for its run to be waiting still (HANDOVER_WAIT_MS). */
function handedWithin(handedAt: string | undefined, now: DateTime): boolean {
  const handed = handedAt === undefined ? undefined : DateTime.fromISO(handedAt, { zone: 'utc' });
  return handed !== undefined && handed.isValid && now.toMillis() - handed.toMillis() < HANDOVER_WAIT_MS;
}
