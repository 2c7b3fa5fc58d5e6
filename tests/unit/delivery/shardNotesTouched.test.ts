import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { deliverByShard } from '../../../lib/delivery/deliverByShard.js';
import { deliverDigest } from '../../../lib/delivery/digestDelivery.js';
import { fanOutDigest, parseShardMessage, sendDigestShard } from '../../../lib/delivery/digestFanout.js';
import { noteFanout, readShardCounts, shardNoteKey } from '../../../lib/delivery/shardNotes.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import type { BeforeHandOver, MailTransport } from '../../../lib/delivery/transport.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { PutBody, PutOptions } from '../../../lib/store/store.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { parseRecipient } from '../../../lib/subscribers/recipient.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml, TEST_ENVELOPE } from '../../support/digestFixtures.js';

// A shard's note counts only while no other send writes that shard's ledger: such a send (a batch of an earlier
// queuing, a whole send begun before the queuing) writes the counted fan-out's note of the shard begun first.
// Seoul; 2014-W20 is 12–18 May, the week a run at NOW archives.
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const WEEK = '2014-W20';
const READER = 'trade@example.org';
const shardOf = (address: string) => subscriberId(address).slice(0, 2);
/** An address of `shard`'s other than READER. */
function addressIn(shard: string): string {
  for (let n = 0; ; n++) if (shardOf(`late${n}@example.org`) === shard) return `late${n}@example.org`;
}

/** Takes each message; the connection to `lost` is lost after DATA: that recipient is left unknown. */
function losing(lost: string): MailTransport {
  return {
    name: 'file',
    listManaged: false,
    maxSendMs: 1000,
    async send(message: DigestMessage, beforeHandOver: BeforeHandOver) {
      await beforeHandOver();
      if (message.recipient.address === lost) throw new DeliveryError('connection closed after DATA', 'unknown');
      return 'ok';
    },
  };
}

async function archived() {
  const output = new MemoryStore();
  const content = memoryContent({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-13' })) } });
  const { model } = await publishDigestWeek({ content, output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
  const subscribers = new StoreSubscriberStore(new MemoryStore());
  await addSubscriber(subscribers, READER, { method: 'imported', now: NOW });
  return { output, model, subscribers };
}

/** A store in which the send is queued as a whole send begins, and its every batch found nobody. */
class QueuedMeanwhile extends MemoryStore {
  /** The marker's reads: noteShardTouched's, one a shard touched. */
  markerReads = 0;
  override async get(key: string): Promise<Buffer | undefined> {
    if (key.endsWith('/shard-notes/fanout.json')) this.markerReads++;
    return super.get(key);
  }
  override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
    const written = await super.put(key, body, options);
    if (key.endsWith('/shard-notes/fanout.json') && String(body).includes('"whole"')) {
      await noteFanout(this, WEEK, 'queued-meanwhile');
      for (const shard of SUBSCRIBER_SHARDS) await super.put(shardNoteKey(WEEK, 'queued-meanwhile', shard), '', options);
    }
    return written;
  }
}

describe("a shard's note written by a send that is not the counted fan-out's batch", () => {
  it('is begun by a batch of an earlier queuing, which SQS delivers after the send was queued again: status lists that shard', async () => {
    const { output, model, subscribers } = await archived();
    const queued = async () => {
      const bodies: string[] = [];
      await fanOutDigest(model, { output, queue: { send: async (b) => void bodies.push(...b) } });
      return bodies.map(parseShardMessage);
    };
    const earlier = await queued();
    const later = await queued();
    const late = addressIn(shardOf(READER));
    const options = (transport: MailTransport) => ({ output, subscribers, now: NOW, send: { transport: () => transport, timeLeft: () => 60_000 }, prepare: () => ({ transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from }), transportName: () => 'file' });
    // Every batch of the later queuing goes through: READER sent, every other shard empty.
    for (const message of later) await sendDigestShard(message, options(losing(late)));
    expect(await readShardCounts(output, WEEK)).toEqual({ unknown: 0, failed: 0 });
    // A subscriber joins READER's shard; the earlier queuing's batch of it, delivered late, leaves them unknown.
    await addSubscriber(subscribers, late, { method: 'imported', now: NOW });
    const batch = earlier.find((message) => message.shard === shardOf(READER))!;
    const delivery = await sendDigestShard(batch, options(losing(late)));
    expect(delivery.send).toMatchObject({ skipped: 1, unknown: 1 });
    expect(JSON.parse((await output.get(shardNoteKey(WEEK, later[0]!.queuing!, batch.shard)))!.toString('utf8'))).toHaveProperty('begun');
    expect(await readShardCounts(output, WEEK)).toEqual({ unknown: 1, failed: 0 });
  });

  it('is begun by a whole send, before each shard it writes, when a fan-out was queued since it began', async () => {
    const { model, subscribers } = await archived();
    const late = addressIn('7c');
    await addSubscriber(subscribers, late, { method: 'imported', now: NOW });
    const output = new QueuedMeanwhile();
    const transport = losing(late);
    const delivery = await deliverByShard(model, subscribers, { output, now: NOW, send: { transport: () => transport, timeLeft: () => 60_000 }, prepared: { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from } });
    expect(delivery.send).toMatchObject({ sent: 1, unknown: 1 });
    expect(await readShardCounts(output, WEEK)).toEqual({ unknown: 1, failed: 0 });
  });

  it('is begun by a whole send from a recipients file, before its first write of each shard, when a fan-out was queued since it began', async () => {
    const { model } = await archived();
    // Two of one shard and one of another: each shard written is touched, READER's once.
    const late = addressIn('7c');
    const sameShard = addressIn(shardOf(READER));
    const output = new QueuedMeanwhile();
    const transport = losing(late);
    const recipients = [READER, late, sameShard].map((address) => parseRecipient(address));
    const delivery = await deliverDigest(model, { output, now: NOW, send: { transport: () => transport, recipients: async () => recipients, timeLeft: () => 60_000 }, prepared: { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from } });
    expect(delivery.send).toMatchObject({ sent: 2, unknown: 1 });
    expect(await readShardCounts(output, WEEK)).toEqual({ unknown: 1, failed: 0 });
    // Read once by readShardCounts above, and once for each of the two shards written.
    expect(output.markerReads).toBe(1 + 2);
    const note = async (shard: string) => (await output.get(shardNoteKey(WEEK, 'queued-meanwhile', shard)))!.toString('utf8');
    expect(JSON.parse(await note('7c'))).toHaveProperty('begun');
    expect(JSON.parse(await note(shardOf(READER)))).toHaveProperty('begun');
    // A shard the send never wrote keeps its batch's note of none.
    const untouched = SUBSCRIBER_SHARDS.find((shard) => shard !== '7c' && shard !== shardOf(READER))!;
    expect(await note(untouched)).toBe('');
  });
});
