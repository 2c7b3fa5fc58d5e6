import type { DateTime } from 'luxon';
import { withoutAddresses } from '../shared/mailbox.js';
import type { Store } from '../store/store.js';
import { LEDGER_PREFIX } from './sendLedger.js';

/**
 * The fan-out's batches of a week that failed or stopped in a row (a transport down or paused, the archive refused),
 * kept beside the week's ledger: each batch is its own invocation, and SQS delivers a failed one again until its
 * dead-letter queue, so only this record tells `broadsheet status` that the week's send is not going through.
 */
export interface FailedBatches {
  inARow: number;
  /** Why the last one failed, without addresses. */
  last: string;
  /** ISO instant of the last one. */
  at: string;
}

const JSON_TYPE = { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' };

export function failedBatchesKey(week: string): string {
  return `${LEDGER_PREFIX}${week}/failed-batches.json`;
}

/** The week's failed batches in a row, if the last batch to end failed. */
export async function readFailedBatches(output: Store, week: string): Promise<FailedBatches | undefined> {
  const bytes = await output.get(failedBatchesKey(week));
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<FailedBatches>;
    if (typeof value.inARow !== 'number' || !Number.isFinite(value.inARow) || value.inARow < 1) return undefined;
    return { inARow: Math.floor(value.inARow), last: typeof value.last === 'string' ? value.last.slice(0, 500) : 'unknown', at: typeof value.at === 'string' ? value.at : 'unknown' };
  } catch {
    // Damaged: a record of failures only, so it is as if none were kept.
    return undefined;
  }
}

/** One small write per batch that failed or stopped; a batch that went through ends the run of failures. */
export async function noteBatchOutcome(output: Store, week: string, failure: string | undefined, now: DateTime): Promise<void> {
  const before = await readFailedBatches(output, week);
  if (failure === undefined) {
    // Written over, not deleted: the digest-sender's role may only put objects in the ledger (serverless.yml).
    if (before) await output.put(failedBatchesKey(week), JSON.stringify({ inARow: 0 }), JSON_TYPE);
    return;
  }
  const next: FailedBatches = { inARow: (before?.inARow ?? 0) + 1, last: withoutAddresses(failure).slice(0, 500), at: now.toUTC().toISO()! };
  await output.put(failedBatchesKey(week), JSON.stringify(next), JSON_TYPE);
}
