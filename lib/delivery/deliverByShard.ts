import { countOf } from '../shared/countOf.js';
import type { DigestModel } from '../digest/digestModel.js';
import { occupiedShards } from '../subscribers/occupiedShards.js';
import { SUBSCRIBER_SHARDS } from '../subscribers/subscriberShards.js';
import { subscriberLeft } from '../subscribers/subscriberLeft.js';
import { subscriberRecipients } from '../subscribers/subscriberRecipients.js';
import type { SubscriberStore } from '../subscribers/subscriberStore.js';
import { deliverDigest, emptyWeekNotSent, mergeSummaries, type DeliverOptions, type Delivery } from './digestDelivery.js';
import type { SendSummary } from './sendDigest.js';
import { FailureStreak } from './failureStreak.js';
import { mergeGoneTags } from './goneTagWarnings.js';

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
  // One count of failures in a row for the whole list: a shard often holds one or two subscribers.
  const streaked = options.send.streak ? options.send : { ...options.send, streak: new FailureStreak() };
  // A shard is read once, before its sending: who left since is read again just before their message.
  const send = { ...streaked, recipientLeft: (address: string) => subscriberLeft(subscribers, address) };
  // Every shard is gone through (its count, a send to nobody), but only those that may hold anyone are listed.
  const occupied = new Set(await occupiedShards(subscribers));
  const shardRecipients = async (shard: string) => (occupied.has(shard) ? subscriberRecipients(subscribers, shard) : []);
  for (const [i, shard] of SUBSCRIBER_SHARDS.entries()) {
    const recipients = async () => {
      const list = await shardRecipients(shard);
      counted += list.length;
      options.counted?.(list.length);
      return list;
    };
    const delivery = await deliverDigest(model, { ...options, send: { ...send, recipients }, batch: true });
    goneTags = mergeGoneTags(goneTags, delivery.goneTags);
    if (!delivery.send) continue;
    // A shard with nobody in it: kept only to report a send to nobody as the whole list's would be.
    if (delivery.send.total === 0) {
      nobody ??= delivery.send;
      continue;
    }
    total = total ? mergeSummaries(total, delivery.send) : delivery.send;
    if (delivery.send.stopped) {
      // The shards not begun are named, not counted: counting reads every record in them, and a run mostly stops
      // because its time is up.
      const notBegun = SUBSCRIBER_SHARDS.length - i - 1;
      let waiting = '';
      if (notBegun > 0 && options.countNotBegun) {
        // A count for the message only: a shard that cannot be read now leaves it out, not the report of the stop.
        try {
          let confirmed = 0;
          for (const later of SUBSCRIBER_SHARDS.slice(i + 1)) confirmed += (await shardRecipients(later)).length;
          waiting = `, holding ${countOf(confirmed, 'confirmed subscriber', 'confirmed subscribers')}`;
        } catch {
          waiting = '';
        }
      }
      if (notBegun > 0) total.stopped = `${delivery.send.stopped}; ${notBegun} of the ${SUBSCRIBER_SHARDS.length} shards of subscribers not begun${waiting} (not counted above)`;
      break;
    }
  }
  const gone = goneTags ? { goneTags } : {};
  if (total) return { send: total, ...gone };
  if (counted === 0 && nobody) return { send: nobody };
  return { ...gone, notSent: `this week's entries have none of the tags chosen by the ${countOf(counted, 'confirmed subscriber', 'confirmed subscribers')}` };
}
