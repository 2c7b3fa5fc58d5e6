import type { DateTime } from 'luxon';
import { withoutAddresses } from '../shared/mailbox.js';
import type { Store } from '../store/store.js';
import { weekNameProblem } from '../time/weekName.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { newestLedgerWeeks } from '../digest/mailedWeeks.js';
import { LEDGER_JSON } from './sendLedger.js';
import type { SendSummary } from './sendDigest.js';

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

/**
 * How many of the send ledger's newest weeks `broadsheet status` reads: two months of weekly sends, so that a week
 * left failing stays named for weeks after. It reads the weeks of the digest runs it lists besides (a resend of an
 * older week). One LIST of the ledger's week folders and a GET per week, whatever the recipients.
 */
export const FAILING_WEEKS_READ = 8;

/** A week whose fanned-out batches are failing, as status names it. */
export interface FailingWeek extends FailedBatches {
  week: string;
}

/**
 * The weeks whose batches are failing, newest first, among the FAILING_WEEKS_READ newest in the send ledger and
 * `alsoWeeks` (the weeks of the digest runs status lists), each read once. `ledger`: the ledger's weeks, when the
 * caller has listed them already (ledgerWeeks).
 */
export async function readFailingWeeks(output: Store, alsoWeeks: readonly string[] = [], ledger?: readonly string[]): Promise<FailingWeek[]> {
  // Week names sort as the weeks do.
  const isWeek = (name: string) => weekNameProblem(name) === undefined;
  const newest = (await newestLedgerWeeks(output, ledger)).slice(0, FAILING_WEEKS_READ);
  const weeks = [...new Set([...newest, ...alsoWeeks.filter(isWeek)])].sort().reverse();
  const read = await Promise.all(weeks.map(async (week) => ({ week, failed: await readFailedBatches(output, week) })));
  return read.flatMap(({ week, failed }) => (failed ? [{ week, ...failed }] : []));
}

/**
 * Whether a send (a batch, or a whole week's) went through: it did not stop, it had someone whose week it was (not
 * only readers who subscribed later), and no other sender held anyone.
 */
export function wentThrough(send: SendSummary): boolean {
  return send.stopped === undefined && send.total - (send.subscribedLater ?? 0) > 0 && !send.heldByOthers;
}

/**
 * After a whole week's send to its subscribers (the CLI's, or the digest function's without a queue): one that went
 * through completes the week, ending its run of failed batches. One GET, and a write only when there was one; a
 * record that cannot be written is no reason to fail a send that went through.
 */
export async function noteWeekSent(output: Store, send: SendSummary, now: DateTime): Promise<void> {
  if (wentThrough(send)) await noteBatchOutcome(output, send.week, undefined, now).catch(() => undefined);
}

/** One small write per batch that failed or stopped; a batch that went through ends the run of failures. */
export async function noteBatchOutcome(output: Store, week: string, failure: string | undefined, now: DateTime): Promise<void> {
  const before = await readFailedBatches(output, week);
  if (failure === undefined) {
    // Written over, not deleted: the digest-sender's role may only put objects in the ledger (serverless.yml).
    if (before) await output.put(failedBatchesKey(week), JSON.stringify({ inARow: 0 }), LEDGER_JSON);
    return;
  }
  const next: FailedBatches = { inARow: (before?.inARow ?? 0) + 1, last: withoutAddresses(failure).slice(0, 500), at: now.toUTC().toISO()! };
  await output.put(failedBatchesKey(week), JSON.stringify(next), LEDGER_JSON);
}
