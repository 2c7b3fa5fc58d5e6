import type { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { DigestModel } from '../digest/digestModel.js';
import { decodeDigestModel, encodeDigestModel } from '../digest/digestModelCodec.js';
import { sha256 } from '../shared/sha256.js';
import { ArchiveError, UsageError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { isSubscriberShard, SUBSCRIBER_SHARDS } from '../subscribers/subscriberShards.js';
import { subscriberLeft } from '../subscribers/subscriberLeft.js';
import type { SubscriberStore } from '../subscribers/subscriberStore.js';
import type { Recipient } from '../subscribers/recipient.js';
import { storedTagList } from '../subscribers/storedTagList.js';
import type { Tag } from '../content/entry.js';
import { checkArchived, deliverDigest, emptyWeekNotSent, type Delivery, type DigestSendOptions, type PreparedSend } from './digestDelivery.js';
import { shardRecipientsInTime } from './shardRecipientsInTime.js';
import { unsentSummary } from './unsentSummary.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { LEDGER_JSON } from './sendLedger.js';
import { readBatchStreak, saveBatchStreak } from './batchStreak.js';
import { FailureStreak } from './failureStreak.js';
import { smallBatchRefusal } from './smallBatchRefusal.js';
import { weekDelivered } from './weekDelivered.js';
import { noteBatchOutcome, wentThrough } from './failedBatches.js';
import { noteSending, noteUnsettled } from './unsettledWeeks.js';
import { noteGoneTags, noteGoneTagsQueuing } from './goneTagNotes.js';
import { noteFanout, noteShardBegun, noteShardCounts, noteShardEmpty, noteShardTouched } from './shardNotes.js';

/** Where batches of a send go: an SQS queue in a deployment. Each body is one message. */
export interface BatchQueue {
  send(bodies: readonly string[]): Promise<void>;
}

/** One batch of a fanned-out send: the subscribers of one shard get the archived week. */
export interface DigestShardMessage {
  kind: 'broadsheet.digest-shard';
  week: string;
  /** The week's digest model in the output store, as the producer saw it archived. */
  modelKey: string;
  /** SHA-256 of the week's archive files, as the publish function reported them. */
  files?: Record<string, string>;
  shard: string;
  /** Names the queuing the batch came from (each queuing of a send has its own), for its gone-tag and shard notes (absent: queued by an earlier version). */
  queuing?: string;
}

/**
 * The stored model's field beside the encoded model (which decodeDigestModel ignores): the site's tags, slug and
 * name, when the send was queued (DeliverOptions.siteTags). A model stored without it gets no gone-tag warning.
 */
const SITE_TAGS_FIELD = 'siteTags';

/**
 * Fans an archived week's send out: stores the model once (beside the week's ledger, named by its hash, so a
 * batch reads the model it was queued with) and queues one message per subscriber shard. Queuing twice (a
 * retried run) is harmless: the send ledger sends each mailbox once, and the batches' gone-tag notes of the latest
 * queuing alone count (lib/delivery/goneTagNotes.ts).
 */
export async function fanOutDigest(model: DigestModel, options: { output: Store; queue: BatchQueue; files?: Record<string, string>; siteTags?: readonly Tag[] }): Promise<{ modelKey: string; batches: number }> {
  // The site's tags ride with the model, read once a run: a batch reads this file anyway, and its role no other.
  const body = JSON.stringify({ ...encodeDigestModel(model), ...(options.siteTags ? { [SITE_TAGS_FIELD]: options.siteTags } : {}) });
  const modelKey = `${LEDGER_PREFIX}${model.week.name}/model-${sha256(Buffer.from(body, 'utf8')).slice(0, 16)}.json`;
  await options.output.put(modelKey, body, LEDGER_JSON);
  // The model is the same when queued again: the queuing needs a name of its own, which its batches' notes carry (only
  // batches given the site's tags count gone tags).
  const queuing = randomUUID();
  if (options.siteTags) await noteGoneTagsQueuing(options.output, model.week.name, queuing);
  await noteFanout(options.output, model.week.name, queuing);
  const bodies = SUBSCRIBER_SHARDS.map((shard) => JSON.stringify({ kind: 'broadsheet.digest-shard', week: model.week.name, modelKey, ...(options.files ? { files: options.files } : {}), shard, queuing } satisfies DigestShardMessage));
  await options.queue.send(bodies);
  return { modelKey, batches: bodies.length };
}

/** A queued body as a shard message, or a UsageError saying what is wrong with it. */
export function parseShardMessage(body: string): DigestShardMessage {
  let value: Partial<DigestShardMessage>;
  try {
    value = JSON.parse(body) as Partial<DigestShardMessage>;
  } catch (error) {
    throw new UsageError('a digest batch is not JSON', { cause: error });
  }
  if (value?.kind !== 'broadsheet.digest-shard' || typeof value.week !== 'string' || !isSubscriberShard(value.shard) || typeof value.modelKey !== 'string' || !value.modelKey.startsWith(`${LEDGER_PREFIX}${value.week}/model-`)) {
    throw new UsageError('a digest batch lacks kind, week, a model key under the week\'s ledger, or a shard (two hex digits)');
  }
  if (value.queuing !== undefined && typeof value.queuing !== 'string') throw new UsageError('a digest batch\'s queuing is not a string');
  return value as DigestShardMessage;
}

export interface ShardSendOptions {
  /** Holds the archive, the model and the send ledger. */
  output: Store;
  subscribers: SubscriberStore;
  now: DateTime;
  /** Without `recipients`: a batch goes to the shard's confirmed subscribers. */
  send: DigestSendOptions;
  /** Settled from the model's site (prepareSend), once what its transport needs is read. */
  prepare: (model: DigestModel) => PreparedSend | Promise<PreparedSend>;
  /** SQS delivers the batch again (its receive count above 1): what an earlier delivery noted may need replacing. */
  redelivered?: boolean;
  /**
   * The name of the transport `prepare` makes for the model. Given, a first delivery of a shard with nobody to send to
   * neither checks the archive nor prepares a transport: it has nothing to send, and nothing of an earlier delivery to
   * replace (a batch delivered again takes the whole way, to write its shard's empty gone-tag note).
   */
  transportName?: (model: DigestModel) => string;
}

/** A batch's delivery, and whether it counted its shard's gone tags (and over any recipient). */
interface ShardDelivery {
  delivery: Delivery;
  goneTagsCounted: boolean;
  recipients: number;
  /** The name its shard's note was begun under (noteShardBegun), when it wrote to the ledger. */
  begun?: string;
}

/**
 * Sends one batch: reads the model it names, sends only if the archive still holds the week (checkArchived), then
 * delivers to the shard's confirmed subscribers through the send ledger, read per recipient. Running a batch again (a retry after a timeout) sends nothing twice. The transport's failures in a row are
 * counted across batches (lib/delivery/batchStreak.ts): while the batches stand back, this one stops unsent. Batches
 * that failed or stopped in a row are kept for `broadsheet status` (lib/delivery/failedBatches.ts).
 */
export async function sendDigestShard(message: DigestShardMessage, options: ShardSendOptions): Promise<Delivery> {
  let shardDelivery: ShardDelivery;
  try {
    shardDelivery = await sendShard(message, options);
  } catch (error) {
    // Kept for `broadsheet status`: a record that cannot be written must not hide why the batch failed.
    await noteBatchOutcome(options.output, message.week, (error as Error).message, options.now).catch(() => undefined);
    throw error;
  }
  const { delivery } = shardDelivery;
  const send = delivery.send;
  // Its recipients left unknown or failed, for status however old the run's record (a batch writes none). Only ever noted, never cleared: a batch knows
  // its own shard, not whether another batch left some (status sums the shards' notes, or counts from the week's ledger).
  // First after its last message, in the time the sender keeps for it (functions/digestSenderS3.ts): status reads it first.
  if (send && (send.unknown > 0 || send.failed > 0)) await noteUnsettled(options.output, send, options.now, { batch: true }).catch(() => undefined);
  // A batch that skipped recipients another run held neither failed nor went through; one to nobody whose week it was tells nothing.
  if (send?.stopped !== undefined) await noteBatchOutcome(options.output, message.week, send.stopped, options.now).catch(() => undefined);
  else if (send && wentThrough(send)) await noteBatchOutcome(options.output, message.week, undefined, options.now).catch(() => undefined);
  // Its shard's counts, for status to sum over the shards instead of listing the week's ledger.
  if (message.queuing !== undefined) {
    if (shardDelivery.begun !== undefined) await noteShardCounts(options.output, message.week, message.queuing, message.shard, shardDelivery.begun, send, options.now).catch(() => undefined);
    else if (shardDelivery.recipients === 0 && send?.stopped === undefined) await noteShardEmpty(options.output, message.week, message.queuing, message.shard).catch(() => undefined);
  }
  // Its subscribers whose chosen tag the site no longer has, for status: the digest function's record is written before
  // any batch. Counted again, it replaces what an earlier delivery of the batch noted, with none where it finds none.
  if (shardDelivery.goneTagsCounted) {
    const mayReplace = shardDelivery.recipients > 0 || options.redelivered === true;
    await noteGoneTags(options.output, message.week, message.shard, delivery.goneTags, options.now, mayReplace, message.queuing).catch(() => undefined);
  }
  return delivery;
}

async function sendShard(message: DigestShardMessage, options: ShardSendOptions): Promise<ShardDelivery> {
  const bytes = await options.output.get(message.modelKey);
  if (!bytes) throw new ArchiveError(`${message.modelKey} is not in ${options.output.description}: the batch names a model that was never stored`);
  const stored = JSON.parse(bytes.toString('utf8')) as Record<string, unknown> | null;
  const model = decodeDigestModel(stored);
  const siteTags = storedTagList(stored?.[SITE_TAGS_FIELD]);
  if (model.week.name !== message.week) throw new ArchiveError(`${message.modelKey} holds ${model.week.name}, not ${message.week}`);
  // Read in the batch's time, as its ledger is: a slow store stops the batch, nobody claimed, for SQS to deliver again.
  const read = await shardRecipientsInTime(options.subscribers, message.shard, options.send);
  if ('stopped' in read) return { delivery: { send: unsentSummary(model.week.name, options.transportName?.(model) ?? 'none', read.stopped) }, goneTagsCounted: false, recipients: 0 };
  const recipients = read.recipients;
  // Most shards of a small list are empty: the archive check's render and manifest read, and a transport, are for sending.
  if (recipients.length === 0 && options.redelivered !== true && options.transportName) return { delivery: nobodyToSend(model, options.transportName(model)), goneTagsCounted: false, recipients: 0 };
  const rerendered = await checkArchived(options.output, model, message.files);
  const checked = await sendChecked(model, message, options, siteTags, recipients);
  return rerendered.length > 0 ? { ...checked, delivery: { ...checked.delivery, rerendered } } : checked;
}

/** What deliverDigest tells of a batch with no recipient: the week not sent when empty, else a send to nobody. */
function nobodyToSend(model: DigestModel, transport: string): Delivery {
  const empty = emptyWeekNotSent(model);
  return empty !== undefined ? { notSent: empty } : { send: unsentSummary(model.week.name, transport) };
}

/** The batch's send to the shard's recipients, its model checked against the archive. */
async function sendChecked(model: DigestModel, message: DigestShardMessage, options: ShardSendOptions, siteTags: readonly Tag[] | undefined, recipients: Recipient[]): Promise<ShardDelivery> {
  // A shard with nobody to send to needs no transport, nor the streak's read.
  const { streak, stored, paused } = recipients.length > 0 ? await readBatchStreak(options.output, model.week.name, options.now) : { streak: new FailureStreak(), stored: undefined, paused: undefined };
  const prepared = await options.prepare(model);
  if (paused) {
    await prepared.transport.close?.();
    return { delivery: { send: unsentSummary(model.week.name, prepared.transport.name, paused) }, goneTagsCounted: false, recipients: recipients.length };
  }
  try {
    // The batch is a send of the week begun now (noteSending), and of its shard (noteShardBegun; noteShardTouched when
    // another queuing's notes count), before its first ledger write.
    const begun = recipients.length > 0 ? await noteSending(options.output, model.week.name, options.send.runId, { batch: true }) : undefined;
    if (begun !== undefined) await noteShardTouched(options.output, model.week.name, message.shard, begun, message.queuing);
    if (begun !== undefined && message.queuing !== undefined) await noteShardBegun(options.output, model.week.name, message.queuing, message.shard, begun);
    const delivery = await deliverDigest(model, {
      output: options.output,
      now: options.now,
      // The shard was read once, before its sending: who left since is read again just before their message.
      send: { ...options.send, recipients: async () => recipients, streak, recipientLeft: (address) => subscriberLeft(options.subscribers, address) },
      prepared,
      batch: true,
      ...(siteTags ? { siteTags } : {}),
    });
    // Refused alike, too few to tell by whom, before the week's first message: the batch fails, for SQS to deliver again.
    // The week's note is read only then. Unreadable, it is taken as absent: the batch is delivered again, nothing lost.
    const refusal = delivery.send ? smallBatchRefusal(delivery.send, streak) : undefined;
    if (refusal !== undefined && !(await weekDelivered(options.output, model.week.name).catch(() => false))) delivery.send!.stopped = refusal;
    return { delivery, goneTagsCounted: siteTags !== undefined, recipients: recipients.length, ...(begun !== undefined && message.queuing !== undefined ? { begun } : {}) };
  } finally {
    await prepared.transport.close?.();
    if (stored) await saveBatchStreak(options.output, model.week.name, streak, stored, options.now);
  }
}
