import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { fanOutDigest, parseShardMessage, sendDigestShard, type DigestShardMessage, type ShardSendOptions } from '../../../lib/delivery/digestFanout.js';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { ReadOptions } from '../../../lib/store/store.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml, TEST_ENVELOPE } from '../../support/digestFixtures.js';

// Seoul; 2014-W20 is 12–18 May, the week a run at NOW archives.
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const READER = 'trade@example.org';

/** A memory store that keeps the key of each GET. */
class ReadKeys extends MemoryStore {
  readonly read: string[] = [];
  override async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    this.read.push(key);
    return super.get(key, options);
  }
}

/** The week of an entry dated `date` archived, READER subscribed, the send queued: a batch of READER's shard and one of an empty shard. */
async function queuedWeek(date: string) {
  const output = new ReadKeys();
  const content = memoryContent({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A', date })) } });
  const { model } = await publishDigestWeek({ content, output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
  const subscribers = new StoreSubscriberStore(new MemoryStore());
  await addSubscriber(subscribers, READER, { method: 'imported', now: NOW });
  const bodies: string[] = [];
  await fanOutDigest(model, { output, queue: { send: async (b) => void bodies.push(...b) }, siteTags: [{ name: 'Trade', slug: 'trade' }] });
  const messages = bodies.map(parseShardMessage);
  const held = messages.find((m) => m.shard === subscriberId(READER).slice(0, 2))!;
  const empty = messages.find((m) => m !== held)!;
  const transport = new FileTransport(new MemoryStore());
  let prepared = 0;
  const send: DigestSendOptions = { transport: () => transport, timeLeft: () => 60_000 };
  const options: ShardSendOptions = {
    output,
    subscribers,
    now: NOW,
    send,
    prepare: () => {
      prepared++;
      return { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from };
    },
  };
  /** One batch's delivery, with the keys it read, how many transports it prepared and how many objects it wrote. */
  const deliver = async (message: DigestShardMessage, extra: Partial<ShardSendOptions>) => {
    output.read.length = 0;
    prepared = 0;
    const puts = output.requests.put;
    const delivery = await sendDigestShard(message, { ...options, ...extra });
    return { delivery, read: [...output.read], prepared, written: output.requests.put - puts };
  };
  return { held, empty, deliver, transportName: () => transport.name };
}

describe('a batch of a shard with nobody to send to', () => {
  it('on its first delivery reads only its model: no render of the archive to check, no manifest, no transport; it tells what the whole way tells', async () => {
    const { held, empty, deliver, transportName } = await queuedWeek('2014-05-13');
    const short = await deliver(empty, { transportName });
    expect(short.read).toEqual([empty.modelKey]);
    expect(short.prepared).toBe(0);
    // Its shard's note of none, for status to sum the week's shards (lib/delivery/shardNotes.ts), and nothing else.
    expect(short.written).toBe(1);
    // The whole way (no transport name given) checks the archive and prepares a transport, to the same delivery.
    const whole = await deliver(empty, {});
    expect(whole.read).toContain(MANIFEST_KEY);
    expect(whole.prepared).toBe(1);
    expect(short.delivery).toEqual(whole.delivery);
    expect(short.delivery.send).toMatchObject({ transport: 'file', total: 0, sent: 0, skipped: 0, notReached: 0 });

    // Delivered again, it takes the whole way: its shard's gone-tag note is written over, empty (and its shard note,
    // there already, is kept: create-only).
    const again = await deliver(empty, { transportName, redelivered: true });
    expect(again.read).toContain(MANIFEST_KEY);
    expect(again.prepared).toBe(1);
    expect(again.written).toBe(2);
    // A shard with someone in it checks the archive before sending, as ever.
    const sent = await deliver(held, { transportName });
    expect(sent.read).toContain(MANIFEST_KEY);
    expect(sent.prepared).toBe(1);
    expect(sent.delivery.send).toMatchObject({ total: 1, sent: 1 });
  });

  it('of a week with no entries says the week is not sent, as the whole way does', async () => {
    // The only entry is of the week before.
    const { empty, deliver, transportName } = await queuedWeek('2014-05-06');
    const short = await deliver(empty, { transportName });
    expect(short.read).toEqual([empty.modelKey]);
    expect(short.delivery.notSent).toMatch(/has no entries and digest.sendEmpty is false/);
    expect(short.delivery).toEqual((await deliver(empty, {})).delivery);
  });
});
