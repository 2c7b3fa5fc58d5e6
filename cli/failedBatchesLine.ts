import type { FailedBatches } from '../lib/delivery/failedBatches.js';
import { countOf } from '../lib/shared/countOf.js';

/**
 * status's line for a week whose fan-out batches are failing or stopped: its run record says ok (the batches were
 * queued), but the digest-sender's batches have not gone through since, and SQS gives each up after a few receives.
 */
export function failedBatchesLine(week: string, failed: FailedBatches): string {
  return (
    `FAILING: the digest send of week ${week}: the last ${countOf(failed.inARow, 'batch', 'batches')} in a row failed or stopped (the last at ${failed.at}: ${failed.last}). ` +
    `Once the cause is mended, send the rest again: broadsheet trigger --digest ${week} --send (or POST /digest {"week":"${week}","send":true}); the send ledger skips who already got it`
  );
}
