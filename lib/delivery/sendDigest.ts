import { DateTime } from 'luxon';
import type { DigestModel } from '../digest/digestModel.js';
import type { DigestCut } from '../digest/digestHtml.js';
import { DeliveryError } from '../shared/errors.js';
import { buildDigestMessage, type UnsubscribeMode } from './message.js';
import { RateLimiter } from './rateLimiter.js';
import { recipientId, uniqueRecipients, type Recipient } from '../subscribers/recipient.js';
import type { LedgerRecord } from '../digest/ledgerRecords.js';
import { LEDGER_READ_REQUESTS, type SendLedger } from './sendLedger.js';
import type { MailTransport } from './transport.js';
import { FailureStreak } from './failureStreak.js';
import { noteWeekDelivered } from './weekDelivered.js';
import { weekDueAt } from './weekDueAt.js';
import { DEFAULT_RESERVE_MS, storeReadStop } from './storeReadStop.js';
import { timeShort } from './timeShort.js';
import { concludedSince, type UnknownRead } from './concludedSince.js';
import { settledRecord } from './settledRecord.js';
import { redactAddress } from './redactAddress.js';
import type { RecipientOutcome, RecipientResult } from './recipientResult.js';

export interface SendSummary {
  week: string;
  transport: string;
  /** The whole list, one per mailbox: sent + skipped + failed + unknown + notReached. */
  total: number;
  sent: number;
  /** Already sent by an earlier run, or being sent by a concurrent one. */
  skipped: number;
  /**
   * Of the skipped, those another run held and had not concluded (claimed, being sent, or taken over from this run):
   * should that run die before it sends, only a later send reaches them, so a batch with any is delivered again.
   */
  heldByOthers?: number;
  /**
   * Of the skipped, those who subscribed after the week's issue was due (weekDueAt): never this week's readers, so
   * a rerun or a resumed send of a past week is not mailed to them. Nothing is written to the ledger for them.
   */
  subscribedLater?: number;
  /** Refused (or not a mailbox): not delivered; a rerun tries again. */
  failed: number;
  /** Maybe delivered (handed over by a run that never confirmed it): never sent again. */
  unknown: number;
  /**
   * Of the unknown, those another run handed over less than HANDOVER_WAIT_MS before this run read the ledger again as
   * it ended (concludedSince): that run may still be waiting for the answer, and records it; not to be settled yet.
   */
  inProgress?: number;
  /** Not tried, because the run stopped first; the next run resumes with them. */
  notReached: number;
  /** Why the run stopped early, when it did. */
  stopped?: string;
  /** The failure that stopped it, when one did. */
  stoppedBy?: Error;
  results: RecipientResult[];
}

export interface SendDigestOptions {
  model: DigestModel;
  /** renderDigestHtml(model, { variant: 'email' }). */
  html: string;
  /** Where `html` was cut (renderDigestEmail), for the text part to hold the same (DigestMessageInput's `cut`). */
  cut?: DigestCut;
  recipients: readonly Recipient[];
  transport: MailTransport;
  ledger: SendLedger;
  /** The Date header and the ledger's timestamps. */
  now: DateTime;
  from: string;
  replyTo?: string;
  subject: string;
  listId: string;
  unsubscribe: UnsubscribeMode;
  /** The recipients get test copies of this version of the email (testCopyVersion). */
  testVersion?: string;
  /** Names this run in the ledger's claims. */
  runId?: string;
  /** Default: the transport's rate, or none. */
  limiter?: RateLimiter;
  /**
   * Transport failures in a row (unknown outcomes, temporary refusals), counted across the run's sends: the run
   * stops at its limit. Default: a new one, of MAX_CONSECUTIVE_FAILURES, for this send alone.
   */
  streak?: FailureStreak;
  /** Milliseconds left before the run must end (a Lambda's remaining time); the run stops while one more message could still overrun it. */
  timeLeft?: () => number;
  /**
   * The wall clock, read as a message is handed over: settle refuses an unknown attempt whose run may still be waiting
   * for its answer (HANDOVER_WAIT_MS). Default: `now`, which a run as of a past moment gives no real time.
   */
  clock?: () => DateTime;
  /** Before each message: a reason to stop (the editor's Ctrl-C), which ends the run there as running out of time does. */
  stopRequested?: () => Promise<string | undefined>;
  /**
   * Just before a recipient is claimed: why they are no longer one (suppressed by a complaint or a bounce, unsubscribed,
   * forgotten since the list was read), or undefined. Such a recipient is skipped, never claimed: not theirs any more.
   */
  recipientLeft?: (address: string) => Promise<string | undefined>;
  /**
   * The longest one request of the ledger's store (and the subscriber store's) can take: the time kept in hand counts
   * MESSAGE_STORE_REQUESTS of them besides the message. Default 0 (a local folder).
   */
  storeRequestMs?: number;
  /** What to keep in hand besides one message's longest time (the transport's maxSendMs) and its store requests. Default 15 000. */
  reserveMs?: number;
  /**
   * Takes the recipients the ledger gave as unknown, to read them again (concludedSince) once later sends of the same
   * run are done too (a send shard by shard), instead of at the end of this one.
   */
  unknownRead?: (recipients: readonly UnknownRead[]) => void;
  /** Before the first ledger write of each recipient (its id): a whole send from a list marks its shard's note (shardToucher). */
  touchShard?: (id: string) => Promise<void>;
  log?: (line: string) => void;
}

/** Default maxSendMs of a transport that does not say. */
const DEFAULT_MAX_SEND_MS = 60_000;

/**
 * The store requests a message makes at most from the time check before its claim: the claim and the handover (each a
 * create-only PUT, and a GET when it meets 412, to tell this run's own record from another's) and the confirmation,
 * failure or release (a PUT). The requests before the claim (the subscriber's record, a listing and a GET; taking over
 * an unhanded attempt, a create, a GET and a release; a whole send from a list's first write of a shard, its note's
 * mark, a GET and a PUT) are no more, and are checked from the time check before them.
 * Each counted once: a request the store makes again (S3's 409 to a create-only write, a body broken off) is not.
 * Counting every try (S3Store's tries of a create-only write, its asks of a body) would keep most of a run's time in
 * hand; yet a try made again follows an answer (a 409 only while another write of the same key is in flight, which a
 * batch's visibility timeout rules out), so only S3 stalling every try of several requests overruns the reserve, and
 * a run cut off mid-message sends nothing twice: its claim never handed over is taken over by the next run, its
 * handover never confirmed is unknown, kept in the ledger. The week's delivered note (weekDelivered), one create-only PUT
 * after the run's first message alone, is kept in hand by `reserveMs`, as what follows the last message is.
 */
export const MESSAGE_STORE_REQUESTS = 2 + 2 + 1;

/** Of MESSAGE_STORE_REQUESTS, the claim's: once it is done, what is left of the reserve is checked again (sendDigest). */
const CLAIM_STORE_REQUESTS = 2;

/**
 * What a run keeps in hand before each message: the message at its longest, its store requests at their longest, and
 * `reserveMs` (default 15 s) for what follows its last message.
 */
export function messageReserveMs(maxSendMs: number | undefined, options: Pick<SendDigestOptions, 'storeRequestMs' | 'reserveMs'>): number {
  return (maxSendMs ?? DEFAULT_MAX_SEND_MS) + MESSAGE_STORE_REQUESTS * (options.storeRequestMs ?? 0) + (options.reserveMs ?? DEFAULT_RESERVE_MS);
}

/**
 * Sends the digest to each recipient at most once, ever (see SendLedger), and tells three outcomes apart
 * (DeliveryError): a refusal is recorded failed and the run goes on; a message that may have been delivered is
 * left unknown (never sent again) and the run goes on over a new connection; a transport that is down stops the
 * run before a recipient is claimed, or gives the claim back, so that a rerun resumes (a relay refusing what every
 * recipient would meet, its login or relaying, is such a transport). A few transport failures in a row, the run's
 * first messages refused alike (OpeningRefusals), or the time running out, stop it too. The summary counts the whole list.
 */
export async function sendDigest(options: SendDigestOptions): Promise<SendSummary> {
  const { model, transport, ledger, now } = options;
  const log = options.log ?? (() => undefined);
  const limiter = options.limiter ?? (transport.rate ? new RateLimiter(transport.rate) : undefined);
  const streak = options.streak ?? new FailureStreak();
  const reserve = messageReserveMs(transport.maxSendMs, options);
  /**
   * Why a claimed message must not go to the transport: the claim and what followed it (the rate limiter's wait) took
   * longer than its two requests counted (a create-only write the store made again), so that the message at its longest
   * and its other records no longer fit in the time left. Nothing has gone out: the claim is given back.
   */
  const tooLateToSend = (): string | undefined => {
    const short = timeShort(options.timeLeft, reserve - CLAIM_STORE_REQUESTS * (options.storeRequestMs ?? 0));
    return short && `${short.left} s left once claimed, and the message may take ${short.needed} s with what follows it`;
  };
  /** True (the run stopped) when one more message could outlast the time left. */
  const outOfTime = (): boolean => {
    const short = timeShort(options.timeLeft, reserve);
    if (short === undefined) return false;
    stop(`${short.left} s left, and one more message may take ${short.needed} s`);
    return true;
  };
  const recipients = uniqueRecipients(options.recipients);
  const summary: SendSummary = { week: model.week.name, transport: transport.name, total: recipients.length, sent: 0, skipped: 0, failed: 0, unknown: 0, notReached: recipients.length, results: [] };
  const record = (address: string, outcome: RecipientOutcome, detail?: string) => {
    summary[outcome]++;
    summary.notReached--;
    summary.results.push(detail === undefined ? { address, outcome } : { address, outcome, detail });
    log(`${outcome.padEnd(8)} ${address}${detail ? `: ${detail}` : ''}`);
  };
  const heldByOther = (address: string, detail: string) => {
    summary.heldByOthers = (summary.heldByOthers ?? 0) + 1;
    record(address, 'skipped', detail);
  };
  const stop = (reason: string, cause?: Error) => {
    summary.stopped = reason;
    if (cause) summary.stoppedBy = cause;
    log(`stopped: ${reason}; ${summary.notReached} not reached; rerun to resume with them`);
  };

  // The issue is theirs who had subscribed by the time it was due: consent given after it (a later signup, or a
  // resubscribe) is to later issues. A recipient whose list gives no time gets every week.
  const zone = model.site.timezone;
  const due = weekDueAt(model.week, zone, model.site.digest);
  // Both moments of the skipped line in the site's zone, as every other time the CLI gives: an editor compares them at a glance.
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const dueText = shown(due);
  const joinedLater = (recipient: Recipient) => recipient.subscribedAt !== undefined && Date.parse(recipient.subscribedAt) > due;
  const keys = recipients.filter((recipient) => !joinedLater(recipient)).map((recipient) => [recipientId(recipient.address), ...(recipient.formerIds ?? [])]);
  // The ledger's read is checked too: a run may come to a later tag group or shard with little time left. A
  // per-recipient ledger is read a recipient at a time, each begun only while it and what follows the send still fit;
  // the messages are checked as ever.
  const state = new Map<string, LedgerRecord>();
  for (const ids of ledger.perRecipient ? keys : [keys.flat()]) {
    const tooLate = storeReadStop(options, LEDGER_READ_REQUESTS * (ledger.perRecipient ? ids.length : 1), 'reading the send ledger');
    if (tooLate !== undefined) {
      stop(tooLate);
      return summary;
    }
    for (const [key, record] of await ledger.load(ids)) state.set(key, record);
  }
  /** Those the ledger read at the start gave as unknown: read again at the end (concludedSince). */
  const readUnknown: UnknownRead[] = [];
  for (const recipient of recipients) {
    if (joinedLater(recipient)) {
      summary.subscribedLater = (summary.subscribedLater ?? 0) + 1;
      record(recipient.address, 'skipped', `subscribed ${shown(Date.parse(recipient.subscribedAt!))}, after this week's issue was due (${dueText}); it is not theirs`);
      continue;
    }
    const id = recipientId(recipient.address);
    const previous = settledRecord([id, ...(recipient.formerIds ?? [])].map((key) => state.get(key)));
    if (previous?.status === 'sent') {
      record(recipient.address, 'skipped', 'already sent');
      continue;
    }
    if (previous?.status === 'unknown') {
      record(recipient.address, 'unknown', `attempt ${previous.attempt} was claimed but never confirmed; it may have been delivered, so it is not sent again`);
      readUnknown.push({ result: summary.results.at(-1)!, ids: [id, ...(recipient.formerIds ?? [])] });
      continue;
    }
    // An earlier send of this run stopped at the limit (another shard, another group of tags): nobody is claimed.
    const tripped = streak.tripped;
    if (tripped) {
      stop(tripped.reason, tripped.failure);
      break;
    }
    const asked = await options.stopRequested?.();
    if (asked !== undefined) {
      stop(asked);
      break;
    }
    if (outOfTime()) break;
    if (!recipient.invalid) {
      // A transport that cannot take a message stops the run before anyone is claimed.
      try {
        await transport.open?.();
      } catch (error) {
        const failure = asDeliveryError(error, 'notAttempted');
        stop(failure.message, failure);
        break;
      }
    }
    if (options.recipientLeft) {
      let left: string | undefined;
      try {
        left = await options.recipientLeft(recipient.address);
      } catch (error) {
        // Nobody claimed: the rerun reads the record again.
        stop(`the subscriber store cannot be read: ${(error as Error).message}`, error as Error);
        break;
      }
      if (left !== undefined) {
        record(recipient.address, 'skipped', left);
        continue;
      }
    }
    const latest = state.get(id);
    const attempt = (latest?.attempt ?? 0) + 1;
    const note = { week: model.week.name, attempt, at: now.toISO(), run: options.runId ?? null, transport: transport.name };
    let claimed: boolean;
    try {
      await options.touchShard?.(id);
      // Claimed and never handed over: nothing went out. Withdrawn, that run (dead, or still sending) can no longer
      // hand its message over, and this one sends under the next attempt; else that run has handed it over.
      if (latest?.status === 'unhanded' && !(await ledger.withdraw(id, latest.attempt, { ...note, attempt: latest.attempt }))) {
        heldByOther(recipient.address, 'being sent by another run');
        continue;
      }
      // Checked again once the requests before the claim are done: once claimed, the message and its records are seen through.
      if (outOfTime()) break;
      claimed = await ledger.claim(id, attempt, note);
    } catch (error) {
      stop(`the send ledger cannot be written: ${(error as Error).message}`, error as Error);
      break;
    }
    if (!claimed) {
      heldByOther(recipient.address, 'claimed by another run');
      continue;
    }
    if (recipient.invalid) {
      const reason = withoutQuotedLine(recipient.invalid);
      await ledger.fail(id, attempt, { ...note, reason });
      record(recipient.address, 'failed', reason);
      continue;
    }
    const message = await buildDigestMessage({
      model,
      html: options.html,
      ...(options.cut ? { cut: options.cut } : {}),
      recipient,
      from: options.from,
      ...(options.replyTo ? { replyTo: options.replyTo } : {}),
      subject: options.subject,
      listId: options.listId,
      unsubscribe: options.unsubscribe,
      date: now,
      ...(options.testVersion ? { testVersion: options.testVersion } : {}),
    });
    await limiter?.wait();
    const tooLate = tooLateToSend();
    if (tooLate !== undefined) {
      // Should the release fail, the claim stays unhanded, and a later run takes it over.
      await ledger.release(id, attempt, { ...note, reason: `not sent: ${tooLate}` }).catch(() => undefined);
      stop(tooLate);
      break;
    }
    // The handover: what tells a rerun that this message may have gone out (see SendLedger).
    let handingOver: Promise<void> | undefined;
    let handed = false;
    let takenOver = false;
    let ledgerFailure: Error | undefined;
    const beforeHandOver = () =>
      (handingOver ??= ledger.handOver(id, attempt, { ...note, handedAt: (options.clock?.() ?? now).toISO() }).then(
        (ours) => {
          if (!ours) {
            takenOver = true;
            throw new DeliveryError('taken over by another run', 'notAttempted');
          }
          handed = true;
        },
        (error: unknown) => {
          ledgerFailure = error as Error;
          throw error;
        },
      ));
    let transportId: string;
    try {
      transportId = await transport.send(message, beforeHandOver);
    } catch (error) {
      // Anything not known to be a refusal or the transport down may have gone out, once handed over.
      let failure = asDeliveryError(error, 'unknown');
      await handingOver?.catch(() => undefined);
      if (takenOver) {
        heldByOther(recipient.address, 'taken over by another run before it was sent');
        continue;
      }
      if (ledgerFailure) {
        // Nothing went out: given back, as a transport down. Should the store refuse that too, the claim stays
        // unhanded, and a later run takes it over.
        await ledger.release(id, attempt, { ...note, reason: 'the handover could not be written' }).catch(() => undefined);
        stop(`the send ledger cannot be written: ${ledgerFailure.message}`, ledgerFailure);
        break;
      }
      // A message never handed over was not delivered (a transport hands over only after beforeHandOver), whatever
      // became of the session.
      if (!handed && failure.outcome === 'unknown') failure = new DeliveryError(`${failure.message} (before the message was handed over, so not delivered)`, 'notAttempted', { cause: failure });
      if (failure.outcome === 'notAttempted') {
        // Nothing went out: give the claim back, so the rerun sends it. Should that write fail, the claim
        // stays: unknown once handed over, rather than risk a second copy; else a later run takes it over.
        await ledger.release(id, attempt, { ...note, reason: redactAddress(failure.message, recipient.address) }).catch(() => undefined);
        stop(failure.message, failure);
        break;
      }
      if (failure.outcome === 'refused') {
        await ledger.fail(id, attempt, { ...note, reason: redactAddress(failure.message, recipient.address) });
        record(recipient.address, 'failed', failure.message);
        // Refused alike from the run's first message on: the relay's refusal, not theirs (failed, each is sent again).
        const byRelay = streak.opening.refused(failure, recipient.address);
        if (byRelay !== undefined) {
          stop(byRelay, failure);
          break;
        }
      } else record(recipient.address, 'unknown', `${failure.message}; the outcome is unknown, so it is not sent again`);
      if (failure.outcome === 'unknown' || failure.transient) {
        if (streak.failed(failure)) {
          stop(streak.tripped!.reason, failure);
          break;
        }
      } else streak.succeeded();
      continue;
    }
    const runsFirst = !streak.opening.delivered;
    streak.succeeded();
    streak.opening.sent();
    try {
      // SES's MessageId traces bounces and complaints; other transports' ids name the address, which the ledger never holds.
      await ledger.confirm(id, attempt, { ...note, messageId: message.messageId, ...(transport.name === 'ses' ? { transportId } : {}) });
      record(recipient.address, 'sent', transportId);
    } catch (error) {
      // Delivered but not confirmed: a rerun sees it as unknown and does not send it again.
      record(recipient.address, 'sent', `delivered, but the ledger could not record it: ${(error as Error).message}`);
    }
    // The run's first message (the streak spans its sends): the week has gone out, for the fan-out's batches to read. A
    // note not written costs at most a batch delivered again (smallBatchRefusal), never a message. Test copies are no
    // send of the week.
    if (runsFirst && !options.testVersion) await noteWeekDelivered(ledger.store, ledger.weekName).catch(() => undefined);
  }
  // Handed to the caller, who reads them again once its later sends are done too; else read again here.
  if (options.unknownRead) options.unknownRead(readUnknown);
  else if (readUnknown.length > 0) await concludedSince(readUnknown, summary, ledger, { ...options, clock: options.clock ?? (() => now) }, log);
  return summary;
}

function asDeliveryError(error: unknown, outcome: DeliveryError['outcome']): DeliveryError {
  return error instanceof DeliveryError ? error : new DeliveryError(String((error as Error)?.message ?? error), outcome, { cause: error });
}

/**
 * Why a subscriber line is not one mailbox, without the line: the parse quotes it first (lib/shared/mailbox.ts),
 * cut after 60 characters, where the address it holds may end past the cut and so escape redactAddress and withoutAddresses.
 */
function withoutQuotedLine(problem: string): string {
  return problem.replace(/^"(?:[^"\\]|\\.)*"…? /, '<recipient> ');
}
