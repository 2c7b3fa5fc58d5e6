import type { DateTime } from 'luxon';
import { UsageError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { parseRecipient, recipientId } from '../subscribers/recipient.js';
import { weekNameProblem } from '../time/weekName.js';
import type { LedgerStatus } from '../digest/ledgerRecords.js';
import { SendLedger } from './sendLedger.js';
import { HANDOVER_WAIT_MS } from './handoverWaitMs.js';
import { noteSettled } from './unsettledWeeks.js';
import { noteShardsSettled } from './shardNotes.js';
import { noteWeekDelivered } from './weekDelivered.js';

/** What the operator found in the mail server's log: the message was accepted (delivered), or never was (resend). */
export type Verdict = 'delivered' | 'resend';

export type Settled =
  | { address: string; verdict: Verdict; settled: true; attempt: number }
  /** Nothing to settle: `status` is the recipient's latest attempt's (`none`: never claimed this week). */
  | { address: string; verdict: Verdict; settled: false; status: LedgerStatus | 'none' }
  /** Unknown, and handed over too lately: its run may still be waiting for the answer, which it would then record. */
  | { address: string; verdict: Verdict; settled: false; status: 'unknown'; attempt: number; handedAt: string; settleFrom: string };

export { HANDOVER_WAIT_MS } from './handoverWaitMs.js';

export interface SettleOptions {
  /** The note's time, and the clock against which a handover is old enough (HANDOVER_WAIT_MS). */
  now: DateTime;
  /** Settles a handover however recent: only when the run that handed it over has ended. */
  force?: boolean;
}

/**
 * Settles a recipient the week's send left unknown (handed over, never confirmed: maybe delivered), once the mail
 * server's log has told: `delivered` records the attempt sent, so no run ever sends it; `resend` records it released,
 * as an attempt that sent nothing, so the next send mails it under the next attempt. Sends nothing itself. Only an
 * unknown attempt is settled: one sent, failed or released is settled already, and one claimed and not handed over
 * (unhanded) sent nothing, which the next send finds out by itself. Nor is one handed over within HANDOVER_WAIT_MS of
 * `now`, unless forced: a run still waiting for its answer would record it sent after a resend mailed it again. The
 * note says who settled it and when. Once the week has nobody left unknown, its note for status says so (noteSettled);
 * once one is settled delivered, the week's delivered note says a message of it went out (weekDelivered); a
 * fanned-out send's note of each shard settled says its counts are the ledger's now (lib/delivery/shardNotes.ts).
 */
export async function settleUnknown(store: Store, week: string, asked: readonly { address: string; verdict: Verdict }[], options: SettleOptions): Promise<Settled[]> {
  const wrongWeek = weekNameProblem(week);
  if (wrongWeek) throw new UsageError(`settle: --week: ${wrongWeek}`);
  // Every address checked before the first is settled: a typo in the last leaves none half done.
  const recipients = asked.map(({ address, verdict }) => {
    // The digest function logs a recipient by its ledger id alone, never the address.
    if (LEDGER_ID.test(address)) return { address, ids: [address], verdict };
    const recipient = parseRecipient(address);
    if (recipient.invalid) throw new UsageError(`settle: ${JSON.stringify(address.slice(0, 100))} is not one address (nor a ledger id, 32 hex digits): ${recipient.invalid}`);
    return { address: recipient.address, ids: [recipientId(recipient.address), ...(recipient.formerIds ?? [])], verdict };
  });
  // By ledger id: an address written otherwise (a name, capitals), or as its id, is the same recipient.
  for (const [index, one] of recipients.entries()) {
    const other = recipients.slice(0, index).find((earlier) => earlier.verdict !== one.verdict && earlier.ids.some((id) => one.ids.includes(id)));
    if (other) throw new UsageError(`settle: ${JSON.stringify(other.address)} and ${JSON.stringify(one.address)} are one recipient, given both --delivered and --resend: the mail server's log tells one`);
  }
  const settled: Settled[] = [];
  for (const { address, ids, verdict } of recipients) settled.push(await settleOne(store, week, address, ids, verdict, options));
  // A recipient settled delivered is a message of the week that went out: noted as sendDigest notes a confirmed one, for
  // the fan-out's batches (smallBatchRefusal). Like the note below, the settling is done whether or not it is written.
  if (settled.some((one) => one.settled && one.verdict === 'delivered')) await noteWeekDelivered(store, week).catch(() => undefined);
  // The week's note for status, once nobody in it is left unknown; and a fanned-out send's notes of the shards settled.
  if (settled.some((one) => one.settled)) {
    await noteShardsSettled(store, week, recipients.filter((_, index) => settled[index]!.settled).map(({ ids }) => ids[0]!), options.now).catch(() => undefined);
    await noteSettled(store, week, options.now).catch(() => undefined);
  }
  return settled;
}

/** A recipient's name in the ledger (lib/subscribers/recipient.ts recipientId), as the digest function's log gives it. */
const LEDGER_ID = /^[0-9a-f]{32}$/;

/** `ids`: the recipient's own ledger id first, then those earlier versions may have recorded it under. */
async function settleOne(store: Store, week: string, address: string, ids: readonly string[], verdict: Verdict, { now, force = false }: SettleOptions): Promise<Settled> {
  const ledger = new SendLedger(store, week, true);
  const state = await ledger.load(ids);
  const records = ids.map((id) => ({ id, record: state.get(id) }));
  const sent = records.find(({ record }) => record?.status === 'sent');
  // A former id's claim (the domain as written) was made by a version that wrote no handovers: unhanded there is unknown.
  const unknown = records.find(({ record }, index) => record?.status === 'unknown' || (index > 0 && record?.status === 'unhanded'));
  if (sent || !unknown?.record) {
    const status = sent?.record?.status ?? records.find(({ record }) => record)?.record?.status ?? 'none';
    return { address, verdict, settled: false, status };
  }
  const { id, record } = unknown;
  const handedAt = await ledger.handedAt(id, record.attempt);
  const settleFrom = handedAt?.plus({ milliseconds: HANDOVER_WAIT_MS });
  if (handedAt && settleFrom && settleFrom > now && !force) {
    return { address, verdict, settled: false, status: 'unknown', attempt: record.attempt, handedAt: handedAt.toISO()!, settleFrom: settleFrom.toISO()! };
  }
  const note = { week, attempt: record.attempt, at: now.toUTC().toISO(), settled: verdict, by: 'broadsheet settle' };
  if (verdict === 'delivered') await ledger.confirm(id, record.attempt, note);
  else await ledger.release(id, record.attempt, { ...note, reason: "not delivered: the mail server's log holds no acceptance of it" });
  return { address, verdict, settled: true, attempt: record.attempt };
}
