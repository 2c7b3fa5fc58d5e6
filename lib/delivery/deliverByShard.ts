import { countOf } from '../shared/countOf.js';
import type { DigestModel } from '../digest/digestModel.js';
import { occupiedShards } from '../subscribers/occupiedShards.js';
import { SUBSCRIBER_SHARDS } from '../subscribers/subscriberShards.js';
import { subscriberLeft } from '../subscribers/subscriberLeft.js';
import type { SubscriberStore } from '../subscribers/subscriberStore.js';
import { concludedSince, type UnknownRead } from './concludedSince.js';
import { deliverDigest, emptyWeekNotSent, mergeSummaries, testLedgerName, type DeliverOptions, type Delivery } from './digestDelivery.js';
import { SendLedger } from './sendLedger.js';
import { NOTE_SENDING_REQUESTS, noteSending } from './unsettledWeeks.js';
import { noteShardTouched, SHARD_TOUCH_REQUESTS } from './shardNotes.js';
import type { SendSummary } from './sendDigest.js';
import { FailureStreak } from './failureStreak.js';
import { mergeGoneTags } from './goneTagWarnings.js';
import { shardRecipientsInTime } from './shardRecipientsInTime.js';
import { storeReadStop } from './storeReadStop.js';
import { unsentSummary } from './unsentSummary.js';

export interface ShardDeliverOptions extends DeliverOptions {
  /** Told each shard's count of confirmed subscribers as it is read (a progress bar's growing total). */
  counted?: (recipients: number) => void;
  /**
   * A send that stops counts the confirmed subscribers of the shards it did not begin, for its message: reading their
   * records, which a store in a local folder does quickly (one on S3, a GET per record, would hold up a run that
   * stops because its time is up).
   */
  countNotBegun?: boolean;
}

/**
 * Sends an archived week to a subscriber store's confirmed subscribers one shard at a time, in one process: the
 * batches the fan-out queues (lib/delivery/digestFanout.ts), sent in turn. Only one shard's addresses are in hand
 * at once, and the send ledger is read per recipient, so memory does not grow with the list. A send that stops
 * (the run's time is up, the transport is down) stops here too, and says how many shards it did not begin; the
 * next run resumes through the ledger.
 */
export async function deliverByShard(model: DigestModel, subscribers: SubscriberStore, options: ShardDeliverOptions): Promise<Delivery> {
  const empty = emptyWeekNotSent(model);
  if (empty !== undefined) return { notSent: empty };
  let total: SendSummary | undefined;
  let nobody: SendSummary | undefined;
  let counted = 0;
  let goneTags: Record<string, number> | undefined;
  let marked: string | undefined;
  // One count of failures in a row for the whole list: a shard often holds one or two subscribers.
  const streaked = options.send.streak ? options.send : { ...options.send, streak: new FailureStreak() };
  // A shard is read once, before its sending: who left since is read again just before their message. Those its
  // ledger gave as unknown are read again once every shard is done: another run (two `digest --send` at once) may
  // have been waiting for their answer, which it records meanwhile.
  const readUnknown: UnknownRead[] = [];
  const send = { ...streaked, recipientLeft: (address: string) => subscriberLeft(subscribers, address), unknownRead: (recipients: readonly UnknownRead[]) => void readUnknown.push(...recipients) };
  // The subscriber store's reads are checked as the ledger's are: a slow store must not hold the run past its time.
  const unread = (stopped: string) => unsentSummary(model.week.name, options.prepared.transport.name, stopped);
  const listingStop = storeReadStop(options.send, 1, 'listing the subscriber store');
  if (listingStop !== undefined) return { send: unread(await stoppedBefore(listingStop, 0)) };
  // Every shard is gone through (its count, a send to nobody), but only those that may hold anyone are listed.
  const occupied = new Set(await occupiedShards(subscribers));
  const shardRecipients = async (shard: string) => (occupied.has(shard) ? shardRecipientsInTime(subscribers, shard, options.send) : { recipients: [] });
  const count = options.countNotBegun ? shardRecipients : undefined;
  for (const [i, shard] of SUBSCRIBER_SHARDS.entries()) {
    const read = await shardRecipients(shard);
    // Out of time within the shard's read, or before the marks of its first ledger write (noteSending once,
    // noteShardTouched), checked as its read is: nobody of it claimed, and it is not begun.
    const recipients = 'stopped' in read ? [] : read.recipients;
    const marks = marked === undefined ? { requests: NOTE_SENDING_REQUESTS + SHARD_TOUCH_REQUESTS, what: `marking the week's send and shard ${shard}'s note` } : { requests: SHARD_TOUCH_REQUESTS, what: `marking shard ${shard}'s note` };
    const stopped = 'stopped' in read ? read.stopped : recipients.length > 0 && !options.send.testCopies ? storeReadStop(options.send, marks.requests, marks.what) : undefined;
    if (stopped !== undefined) {
      total = total ? mergeSummaries(total, unread(stopped)) : unread(stopped);
      total.stopped = await stoppedBefore(stopped, i, count);
      break;
    }
    counted += recipients.length;
    options.counted?.(recipients.length);
    // Once, before the send's first ledger write (noteSending): a send begun after it stays named as it ends.
    if (marked === undefined && recipients.length > 0 && !options.send.testCopies) marked = await noteSending(options.output, model.week.name, options.send.runId);
    // A fan-out queued since this send began counts its batches' notes: this shard's is no longer its batch's to tell.
    if (marked !== undefined && recipients.length > 0) await noteShardTouched(options.output, model.week.name, shard, marked);
    const delivery = await deliverDigest(model, { ...options, send: { ...send, recipients: async () => recipients }, batch: true });
    goneTags = mergeGoneTags(goneTags, delivery.goneTags);
    if (!delivery.send) continue;
    // A shard with nobody in it: kept only to report a send to nobody as the whole list's would be.
    if (delivery.send.total === 0) {
      nobody ??= delivery.send;
      continue;
    }
    total = total ? mergeSummaries(total, delivery.send) : delivery.send;
    if (delivery.send.stopped) {
      total.stopped = await stoppedBefore(delivery.send.stopped, i + 1, count);
      break;
    }
  }
  const gone = goneTags ? { goneTags } : {};
  if (total && readUnknown.length > 0) {
    const ledger = new SendLedger(options.output, options.send.testCopies ? testLedgerName(model) : model.week.name, true);
    await concludedSince(readUnknown, total, ledger, { ...options.send, clock: options.send.clock ?? (() => options.now) }, options.send.log ?? (() => undefined));
  }
  const named = marked === undefined ? {} : { marked };
  if (total) return { send: total, ...gone, ...named };
  if (counted === 0 && nobody) return { send: nobody, ...named };
  return { ...gone, notSent: `this week's entries have none of the tags chosen by the ${countOf(counted, 'confirmed subscriber', 'confirmed subscribers')}` };
}

/** A shard's recipients, or why its read stopped (shardRecipientsInTime). */
type ShardRead = Awaited<ReturnType<typeof shardRecipientsInTime>>;

/**
 * A stopped send's reason, with the shards from `from` on named as not begun: named, not counted, since counting
 * reads every record in them and a run mostly stops because its time is up. Given `count`, they are counted for the
 * message all the same (confirmedIn).
 */
async function stoppedBefore(stopped: string, from: number, count?: (shard: string) => Promise<ShardRead>): Promise<string> {
  const notBegun = SUBSCRIBER_SHARDS.length - from;
  if (notBegun === 0) return stopped;
  const confirmed = count ? await confirmedIn(SUBSCRIBER_SHARDS.slice(from), count) : undefined;
  const waiting = confirmed === undefined ? '' : `, holding ${countOf(confirmed, 'confirmed subscriber', 'confirmed subscribers')}`;
  return `${stopped}; ${notBegun} of the ${SUBSCRIBER_SHARDS.length} shards of subscribers not begun${waiting} (not counted above)`;
}

/** The confirmed subscribers of `shards`, for a message only: undefined when one cannot be read, or not in the time left, which leaves the count out, not the report of the stop. */
async function confirmedIn(shards: readonly string[], read: (shard: string) => Promise<ShardRead>): Promise<number | undefined> {
  let confirmed = 0;
  try {
    for (const shard of shards) {
      const got = await read(shard);
      if ('stopped' in got) return undefined;
      confirmed += got.recipients.length;
    }
  } catch {
    return undefined;
  }
  return confirmed;
}
