import type { DateTime } from 'luxon';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { ledgerWeeks } from '../digest/mailedWeeks.js';
import { FAILING_WEEKS_READ } from './failedBatches.js';
import { LEDGER_JSON, SendLedger } from './sendLedger.js';
import type { SendSummary } from './sendDigest.js';

/**
 * Weeks whose send left recipients unknown (maybe delivered), kept beside each week's ledger: a run's record says so
 * only while status lists it (its newest runs) and for as long as records are kept, and the week's recipients stay
 * unknown until `settle` records what the mail server's log says. Written by a whole week's send (the CLI's), which
 * counts the week's unknown recipients, earlier runs' included, and by a fanned-out batch that leaves some
 * (lib/delivery/digestFanout.ts), which counts its shard's only and never clears the note: status reads the count
 * only as "some", and counts them from the ledger. The digest function's own send (without a queue) writes it as
 * the CLI's does. Recipients the mail server refused (failed: the week's next send retries them) are noted alike, so
 * that status counts them for a fanned-out week too, whose batches write no run record.
 */
export function unsettledKey(week: string): string {
  return `${LEDGER_PREFIX}${week}/unsettled.json`;
}

/** After a whole week's send: notes its unknown and failed recipients, or that none is left of those noted before; one GET at most. */
export async function noteUnsettled(output: Store, send: SendSummary, now: DateTime): Promise<void> {
  if (send.unknown > 0 || send.failed > 0) await writeNote(output, send.week, send.unknown, send.failed, now);
  // Written over, not deleted: the digest roles may only put objects in the ledger (serverless.yml).
  else if (send.stopped === undefined && (await output.get(unsettledKey(send.week))) !== undefined) await writeNote(output, send.week, 0, 0, now);
}

/** The week's note: how many recipients are left unknown and failed (0: none any more), and when that was found. */
async function writeNote(output: Store, week: string, unknown: number, failed: number, now: DateTime): Promise<void> {
  await output.put(unsettledKey(week), JSON.stringify({ unknown, failed, at: now.toUTC().toISO() }), LEDGER_JSON);
}

/**
 * After `settle`: a week whose note names unknown recipients and whose ledger holds none any more is noted as settled,
 * so that status stops reading its ledger. A fanned-out send never clears its note (a batch knows its own shard only),
 * and only `settle` turns an unknown recipient into a known one. One GET, and the week's ledger read when noted.
 */
export async function noteSettled(output: Store, week: string, now: DateTime): Promise<void> {
  const note = await output.get(unsettledKey(week));
  if (!note || noted(note) === 'none') return;
  const records = await new SendLedger(output, week).load();
  // Failed recipients keep it: only the week's next send retries them.
  if ([...records.values()].some((record) => record.status === 'unknown' || record.status === 'failed')) return;
  // Written over, not deleted, as noteUnsettled does.
  await writeNote(output, week, 0, 0, now);
}

/** How many weeks' notes are read at once. */
const WEEKS_AT_ONCE = 16;

/** A week whose recipients are still unknown, or failed (refused by the mail server, so the week's next send retries them). */
export interface UnsettledWeek {
  week: string;
  unknown: number;
  /** Present when some failed. */
  failed?: number;
}

/**
 * The weeks whose recipients are still unknown, newest first, with how many: one LIST of the ledger's week folders, a
 * GET per week, and, for a week noted, its ledger read to count what `settle` has left unknown since. Failed
 * recipients are counted in the same read, for the FAILING_WEEKS_READ newest weeks only: one that stays refused (a
 * mailbox gone) keeps its week noted, and no later send retries an old week.
 */
export async function readUnsettledWeeks(output: Store): Promise<UnsettledWeek[]> {
  const weeks = (await ledgerWeeks(output)).sort().reverse();
  const counted = await mapLimit(weeks, WEEKS_AT_ONCE, async (week, index) => {
    const note = await output.get(unsettledKey(week));
    const recent = index < FAILING_WEEKS_READ;
    const what = note ? noted(note) : 'none';
    if (what === 'none' || (what === 'failed' && !recent)) return { unknown: 0, failed: 0 };
    const records = [...(await new SendLedger(output, week).load()).values()];
    return { unknown: records.filter((record) => record.status === 'unknown').length, failed: recent ? records.filter((record) => record.status === 'failed').length : 0 };
  });
  return weeks.flatMap((week, index) => {
    const { unknown, failed } = counted[index]!;
    return unknown > 0 || failed > 0 ? [{ week, unknown, ...(failed > 0 ? { failed } : {}) }] : [];
  });
}

/**
 * What a week's note names: unknown recipients (some failed, maybe), failed ones only, or none. A damaged one is read
 * as naming unknown ones, so the ledger tells; one written before failed recipients were noted names none.
 */
function noted(note: Buffer): 'unknown' | 'failed' | 'none' {
  try {
    const value = JSON.parse(note.toString('utf8')) as { unknown?: unknown; failed?: unknown } | null;
    if (Number(value?.unknown ?? 1) > 0) return 'unknown';
    return Number(value?.failed ?? 0) > 0 ? 'failed' : 'none';
  } catch {
    return 'unknown';
  }
}
