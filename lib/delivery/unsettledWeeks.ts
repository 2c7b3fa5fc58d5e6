import type { DateTime } from 'luxon';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { ledgerWeeks } from '../digest/mailedWeeks.js';
import { LEDGER_JSON, SendLedger } from './sendLedger.js';
import type { SendSummary } from './sendDigest.js';

/**
 * Weeks whose send left recipients unknown (maybe delivered), kept beside each week's ledger: a run's record says so
 * only while status lists it (its newest runs) and for as long as records are kept, and the week's recipients stay
 * unknown until `settle` records what the mail server's log says. Written by a whole week's send (the CLI's), which
 * counts the week's unknown recipients, earlier runs' included, and by a fanned-out batch that leaves some
 * (lib/delivery/digestFanout.ts), which counts its shard's only and never clears the note: status reads the count
 * only as "some", and counts them from the ledger. The digest function's own send (without a queue) writes it as
 * the CLI's does.
 */
export function unsettledKey(week: string): string {
  return `${LEDGER_PREFIX}${week}/unsettled.json`;
}

/** After a whole week's send: notes its unknown recipients, or that none is left of those noted before; one GET at most. */
export async function noteUnsettled(output: Store, send: SendSummary, now: DateTime): Promise<void> {
  if (send.unknown > 0) await writeNote(output, send.week, send.unknown, now);
  // Written over, not deleted: the digest roles may only put objects in the ledger (serverless.yml).
  else if (send.stopped === undefined && (await output.get(unsettledKey(send.week))) !== undefined) await writeNote(output, send.week, 0, now);
}

/** The week's note: how many recipients are left unknown (0: none any more), and when that was found. */
async function writeNote(output: Store, week: string, unknown: number, now: DateTime): Promise<void> {
  await output.put(unsettledKey(week), JSON.stringify({ unknown, at: now.toUTC().toISO() }), LEDGER_JSON);
}

/**
 * After `settle`: a week whose note names unknown recipients and whose ledger holds none any more is noted as settled,
 * so that status stops reading its ledger. A fanned-out send never clears its note (a batch knows its own shard only),
 * and only `settle` turns an unknown recipient into a known one. One GET, and the week's ledger read when noted.
 */
export async function noteSettled(output: Store, week: string, now: DateTime): Promise<void> {
  const note = await output.get(unsettledKey(week));
  if (!note || !noted(note)) return;
  const records = await new SendLedger(output, week).load();
  if ([...records.values()].some((record) => record.status === 'unknown')) return;
  // Written over, not deleted, as noteUnsettled does.
  await writeNote(output, week, 0, now);
}

/** How many weeks' notes are read at once. */
const WEEKS_AT_ONCE = 16;

/**
 * The weeks whose recipients are still unknown, newest first, with how many: one LIST of the ledger's week folders, a
 * GET per week, and, for a week noted, its ledger read to count what `settle` has left unknown since.
 */
export async function readUnsettledWeeks(output: Store): Promise<{ week: string; unknown: number }[]> {
  const weeks = (await ledgerWeeks(output)).sort().reverse();
  const counted = await mapLimit(weeks, WEEKS_AT_ONCE, async (week) => {
    const note = await output.get(unsettledKey(week));
    if (!note || !noted(note)) return 0;
    const records = await new SendLedger(output, week).load();
    return [...records.values()].filter((record) => record.status === 'unknown').length;
  });
  return weeks.flatMap((week, index) => (counted[index]! > 0 ? [{ week, unknown: counted[index]! }] : []));
}

/** Whether a week's note names unknown recipients; a damaged one is read as naming some, so the ledger tells. */
function noted(note: Buffer): boolean {
  try {
    return Number((JSON.parse(note.toString('utf8')) as { unknown?: unknown } | null)?.unknown ?? 1) > 0;
  } catch {
    return true;
  }
}
