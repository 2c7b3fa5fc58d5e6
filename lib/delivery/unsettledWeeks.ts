import type { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { newestLedgerWeeks } from '../digest/mailedWeeks.js';
import { FAILING_WEEKS_READ } from './failedBatches.js';
import { LEDGER_JSON, SendLedger } from './sendLedger.js';
import type { SendSummary } from './sendDigest.js';
import { noteWholeSend, readShardCounts } from './shardNotes.js';

/**
 * Weeks whose send left recipients unknown (maybe delivered), kept beside each week's ledger: a run's record says so
 * only while status lists it (its newest runs) and for as long as records are kept, and the week's recipients stay
 * unknown until `settle` records what the mail server's log says. Written by a whole week's send (the CLI's), which
 * counts the week's unknown recipients, earlier runs' included, and by a fanned-out batch that leaves some
 * (lib/delivery/digestFanout.ts), which counts its shard's only and never clears the note: status reads the count
 * only as "some", and counts them from the ledger. The digest function's own send (without a queue) writes it as
 * the CLI's does. Recipients the mail server refused (failed: the week's next send retries them) are noted alike, so
 * that status counts them for a fanned-out week too, whose batches write no run record. A whole send that reached
 * everyone on the list notes how many of them failed as `listFailed`: the ledger also keeps the failures of recipients
 * who have left the list since, whom no send retries, and status counts no more failed than that.
 *
 * Such a whole send's note, naming its run, is the week's counts as status gives them, without its ledger read (a list
 * of 100,000 is some 300 listing requests a week): for as long as the week's sending mark still names that run. Every
 * send marks the week as it begins (noteSending), so one begun since (a batch, another run, one killed outright, one
 * whose note was not written) leaves status counting otherwise: a fanned-out week from its batches' notes, one a shard
 * (lib/delivery/shardNotes.ts), else from the ledger, as for a week with no such note.
 */
export function unsettledKey(week: string): string {
  return `${LEDGER_PREFIX}${week}/unsettled.json`;
}

/** Which send began last to write to the week's ledger (noteSending). */
export function sendingKey(week: string): string {
  return `${LEDGER_PREFIX}${week}/sending.json`;
}

/** A whole send's noteSending, its store requests at most: the week's note read, the mark and the marker written, and the note written in progress. */
export const NOTE_SENDING_REQUESTS = 4;

/**
 * As a send of the week begins, before it writes to the ledger: names it the last begun, by its run id; without one, by
 * a name no note carries. Once per whole send, as it begins: written again at each of its shards, it would name it
 * again after a send begun since, whose writes its note does not count. A batch marks it as it begins, and never writes
 * a note taken for the week's counts. Thrown when not written: a note of an earlier send would then be taken for the
 * week's counts while this one changes them. A run that noted the week already (Lambda retries an event under its
 * request id, the run id) is named apart from its note: that note's counts are no longer the week's. A batch
 * (`batch`) is named apart from every note without reading it: no note names a batch. A whole send writes the week's
 * note of none (or the absent note) as in progress, which status counts from the ledger, until its own note. Returns
 * the name written, which the send's own note then carries (noteUnsettled's runId: Delivery.marked).
 */
export async function noteSending(output: Store, week: string, runId?: string, { batch = false }: { batch?: boolean } = {}): Promise<string> {
  const note = batch ? undefined : await output.get(unsettledKey(week));
  const apart = runId === undefined || batch || (note !== undefined && noted(note).run === runId);
  const named = apart ? `${batch ? 'batch-' : ''}${runId ?? 'unnamed'}-${randomUUID()}` : runId;
  await output.put(sendingKey(week), JSON.stringify({ run: named }), LEDGER_JSON);
  if (batch) return named;
  // A fanned-out send's shard notes no longer tell what a whole send changes.
  await noteWholeSend(output, week, named);
  // Until its own note, the week's names it in progress, counted from the ledger: killed outright before that note, it
  // would leave a note of none (or none at all) while the ledger holds those it left unknown or failed.
  if (note === undefined || noted(note).what === 'none') await output.put(unsettledKey(week), JSON.stringify({ sending: named }), LEDGER_JSON);
  return named;
}

/**
 * After a week's send: notes its unknown and failed recipients, or, after a whole send, that none is left of those
 * noted before, while no other send may have left some; two GETs at most. `batch`: a fanned-out batch's, which knows its shard alone. `runId`: the send's, as it
 * marked the week (noteSending), for status to take a whole send's note for the week's counts.
 */
export async function noteUnsettled(output: Store, send: SendSummary, now: DateTime, { batch = false, runId }: { batch?: boolean; runId?: string | undefined } = {}): Promise<void> {
  // Every recipient on the list tried or settled, none held by another run (whose outcome this one cannot count).
  const reachedAll = !batch && send.stopped === undefined && send.notReached === 0 && !send.heldByOthers;
  if (send.unknown > 0 || send.failed > 0) await writeNote(output, send.week, send.unknown, send.failed, now, reachedAll ? { run: runId } : undefined);
  // Written over, not deleted: the digest roles may only put objects in the ledger (serverless.yml). Not while another
  // send may leave some this one did not count: one holding recipients it skipped, or one begun since (the mark).
  else if (send.stopped === undefined && !send.heldByOthers && (await output.get(unsettledKey(send.week))) !== undefined && (runId === undefined || (await sendingRun(output, send.week)) === runId)) await writeNote(output, send.week, 0, 0, now);
}

/**
 * The week's note: how many recipients are left unknown and failed (0: none any more), and when that was found;
 * `listFailed` when `failed` counts every recipient on the list that failed, with the run that counted them, if named.
 */
async function writeNote(output: Store, week: string, unknown: number, failed: number, now: DateTime, list?: { run?: string | undefined }): Promise<void> {
  const whole = list ? { listFailed: true, ...(list.run === undefined ? {} : { run: list.run }) } : {};
  await output.put(unsettledKey(week), JSON.stringify({ unknown, failed, at: now.toUTC().toISO(), ...whole }), LEDGER_JSON);
}

/**
 * After `settle`: a week whose note names unknown recipients and whose ledger holds none any more is noted as settled,
 * so that status stops reading its ledger. A fanned-out send never clears its note (a batch knows its own shard only),
 * and only `settle` turns an unknown recipient into a known one. One GET, and, when noted, a fanned-out send's shard
 * notes summed (readShardCounts: `settle` has marked the shards it settled, whose ledger alone is then read), else
 * the week's ledger read.
 */
export async function noteSettled(output: Store, week: string, now: DateTime): Promise<void> {
  const note = await output.get(unsettledKey(week));
  const read = note ? noted(note) : undefined;
  if (!read || read.what === 'none') return;
  const summed = read.run === undefined ? await readShardCounts(output, week) : undefined;
  const { unknown, failed } = summed ?? (await ledgerCounts(output, week, read.listFailed));
  // Failed recipients keep it (only the week's next send retries them), but for those no longer on the list; a whole
  // send's note, taken for the week's counts, is written again with those left (a send begun since makes it moot).
  if (unknown > 0 || failed > 0) {
    if (read.run !== undefined) await writeNote(output, week, unknown, failed, now, { run: read.run });
    return;
  }
  // Written over, not deleted, as noteUnsettled does.
  await writeNote(output, week, 0, 0, now);
}

/** How many weeks' notes are read at once. */
const WEEKS_AT_ONCE = 16;

/**
 * How many of the send ledger's newest weeks status reads the notes of: a year of weekly sends. An older week's
 * unknown recipients are past settling by a mail server's log, mostly kept for weeks; and status reads a bounded
 * number of notes, however many years of weeks the ledger holds.
 */
export const UNSETTLED_WEEKS_READ = 52;

/** A week whose recipients are still unknown, or failed (refused by the mail server, so the week's next send retries them). */
export interface UnsettledWeek {
  week: string;
  unknown: number;
  /** Present when some failed. */
  failed?: number;
}

/**
 * The weeks whose recipients are still unknown, newest first, with how many, among the UNSETTLED_WEEKS_READ newest:
 * one LIST of the ledger's week folders, a GET per week, and, for a week noted, its counts: from a whole send's note
 * while the week's sending mark names its run (one GET more), else from a fanned-out send's shard notes
 * (readShardCounts), else from the week's ledger, read to count what `settle` has left unknown since. Failed
 * recipients are counted alike, for the FAILING_WEEKS_READ newest weeks only: one that stays refused (a mailbox gone)
 * keeps its week noted, and no later send retries an old week. `ledger`: the ledger's weeks, when the caller has
 * listed them already (ledgerWeeks), which saves that LIST.
 */
export async function readUnsettledWeeks(output: Store, ledger?: readonly string[]): Promise<UnsettledWeek[]> {
  const weeks = (await newestLedgerWeeks(output, ledger)).slice(0, UNSETTLED_WEEKS_READ);
  const counted = await mapLimit(weeks, WEEKS_AT_ONCE, async (week, index) => {
    const note = await output.get(unsettledKey(week));
    const recent = index < FAILING_WEEKS_READ;
    const { what, listFailed = Number.POSITIVE_INFINITY, run, unknown = 0 } = note ? noted(note) : { what: 'none' };
    if (what === 'none' || (what === 'failed' && !recent)) return { unknown: 0, failed: 0 };
    // No send begun since the one that counted them: the note's counts are the ledger's. One begun since may have
    // failed more, so the list's count is then no bound.
    const since = run === undefined ? undefined : (await sendingRun(output, week)) !== run;
    if (since === false) return { unknown, failed: recent ? listFailed : 0 };
    // A fanned-out week: its batches' notes, each its shard's counts.
    // Else the ledger's, no more failed than the list's as the week's last whole send counted them: the ledger's may be
    // fewer since (sent by a batch).
    const counts = (await readShardCounts(output, week)) ?? (await ledgerCounts(output, week, since ? undefined : listFailed));
    return { unknown: counts.unknown, failed: recent ? counts.failed : 0 };
  });
  return weeks.flatMap((week, index) => {
    const { unknown, failed } = counted[index]!;
    return unknown > 0 || failed > 0 ? [{ week, unknown, ...(failed > 0 ? { failed } : {}) }] : [];
  });
}

/**
 * What a week's note names: unknown recipients (some failed, maybe), failed ones only, or none; and, when a whole send
 * wrote it, how many on the list failed, and, with the run that counted them, how many are unknown. A damaged one is
 * read as naming unknown ones, so the ledger tells; one written before failed recipients were noted names none.
 */
function noted(note: Buffer): { what: 'unknown' | 'failed' | 'none'; listFailed?: number; run?: string; unknown?: number } {
  try {
    const value = JSON.parse(note.toString('utf8')) as { unknown?: unknown; failed?: unknown; listFailed?: unknown; run?: unknown } | null;
    const failed = Number(value?.failed ?? 0);
    const unknown = Number(value?.unknown ?? 1);
    const whole = value?.listFailed === true && Number.isSafeInteger(failed) && failed >= 0;
    const listFailed = whole ? { listFailed: failed } : {};
    // Counts taken as they are only when whole numbers.
    const counted = whole && typeof value?.run === 'string' && Number.isSafeInteger(unknown) && unknown >= 0 ? { run: value.run, unknown } : {};
    if (unknown > 0 || Number.isNaN(unknown)) return { what: 'unknown', ...listFailed, ...counted };
    return { what: failed > 0 ? 'failed' : 'none', ...listFailed, ...counted };
  } catch {
    return { what: 'unknown' };
  }
}

/** The week's unknown and failed recipients as its ledger holds them, no more failed than `listFailed`. */
async function ledgerCounts(output: Store, week: string, listFailed = Number.POSITIVE_INFINITY): Promise<{ unknown: number; failed: number }> {
  const records = [...(await new SendLedger(output, week).load()).values()];
  return { unknown: records.filter((record) => record.status === 'unknown').length, failed: Math.min(records.filter((record) => record.status === 'failed').length, listFailed) };
}

/** The run the week's sending mark names; undefined when there is none, or it is damaged (the ledger then tells). */
async function sendingRun(output: Store, week: string): Promise<string | undefined> {
  const bytes = await output.get(sendingKey(week));
  try {
    const run: unknown = bytes ? (JSON.parse(bytes.toString('utf8')) as { run?: unknown } | null)?.run : undefined;
    return typeof run === 'string' ? run : undefined;
  } catch {
    return undefined;
  }
}
