import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deliverByShard } from '../../../lib/delivery/deliverByShard.js';
import { fanOutDigest, parseShardMessage, sendDigestShard } from '../../../lib/delivery/digestFanout.js';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { readFailedBatches } from '../../../lib/delivery/failedBatches.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { meta, siteYaml, TEST_ENVELOPE, testSite, weekModel } from '../../support/digestFixtures.js';

const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');

const STORE_REQUEST_MS = 1_000;
const AFTER_MS = 3_000;
const MAX_SEND_MS = 1_000;
/** A record's read must leave what follows the send: one request and AFTER_MS. The shard's first step lists it too. */
const RECORD_READ_KEPT_MS = STORE_REQUEST_MS + AFTER_MS;

/** READERS addresses whose records fall in one shard, the shard of the first. */
const READERS = 10;
const SHARD = subscriberId('reader0@example.org').slice(0, 2);
/** An address of a shard before SHARD's. */
const EARLY = (() => {
  for (let i = 0; ; i++) if (subscriberId(`early${i}@example.org`).slice(0, 2) < SHARD) return `early${i}@example.org`;
})();
const ADDRESSES = (() => {
  const found: string[] = [];
  for (let i = 0; found.length < READERS; i++) if (subscriberId(`reader${i}@example.org`).startsWith(SHARD)) found.push(`reader${i}@example.org`);
  return found;
})();

/**
 * The confirmed readers in a store whose every request takes STORE_REQUEST_MS of a run's `budgetMs`: `timeLeft` is
 * what is left of it (the ledger's store, in memory, takes none).
 */
async function slowStore() {
  const raw = new MemoryStore();
  const subscribers = new StoreSubscriberStore(raw);
  for (const address of ADDRESSES) await addSubscriber(subscribers, address, { method: 'imported', now: NOW });
  const spent = () => Object.values(raw.requests).reduce((a, b) => a + b, 0) * STORE_REQUEST_MS;
  const timed = (budgetMs: number) => {
    const start = spent();
    return () => budgetMs - (spent() - start);
  };
  return { subscribers, timed };
}

/** Delivers into a list, each message within MAX_SEND_MS. */
function listTransport(delivered: string[]): MailTransport {
  return {
    name: 'file',
    listManaged: false,
    maxSendMs: MAX_SEND_MS,
    async send(message: DigestMessage, beforeHandOver) {
      await beforeHandOver();
      delivered.push(message.recipient.address);
      return 'ok';
    },
  };
}

/** A week to send to slowStore's readers, through a transport delivering into `delivered`, its ledger in memory. */
async function shardSend() {
  const model = weekModel(testSite(), [meta('2014-05-08')]);
  const { subscribers, timed } = await slowStore();
  const output = new MemoryStore();
  const delivered: string[] = [];
  const transport = listTransport(delivered);
  const prepared = { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from };
  return { model, subscribers, timed, output, delivered, transport, prepared };
}

describe('a subscriber shard read with the time left', () => {
  it('by deliverByShard: stops before a record whose read could overrun what follows the send, nobody claimed, and a rerun sends each reader once', async () => {
    const { model, subscribers, timed, output, delivered, transport, prepared } = await shardSend();
    const run = (budgetMs: number) => {
      const timeLeft = timed(budgetMs);
      const send: DigestSendOptions = { transport: () => transport, timeLeft, storeRequestMs: STORE_REQUEST_MS, reserveMs: AFTER_MS };
      return { timeLeft, delivery: deliverByShard(model, subscribers, { output, now: NOW, send, prepared }) };
    };
    // 12 s: the store's listing (1 s), the shard's listing and first record (2 s), and a record a second while 4 s are
    // left before it: records 2 to 7, leaving 3 s, short of the 8th record's read.
    const short = run(12_000);
    const stopped = await short.delivery;
    expect(short.timeLeft()).toBe(3_000);
    expect(short.timeLeft()).toBeGreaterThanOrEqual(AFTER_MS);
    const notBegun = SUBSCRIBER_SHARDS.length - SUBSCRIBER_SHARDS.indexOf(SHARD);
    expect(stopped.send).toMatchObject({ total: 0, sent: 0, notReached: 0, stopped: `3 s left, and reading shard ${SHARD} of the subscriber store may take ${RECORD_READ_KEPT_MS / 1000} s with what follows the send; ${notBegun} of the 256 shards of subscribers not begun (not counted above)` });
    expect(delivered).toEqual([]);
    expect(await output.list(LEDGER_PREFIX)).toEqual([]);

    // Too little for even the store's listing: nothing read at all.
    const none = run(AFTER_MS + STORE_REQUEST_MS - 1);
    expect((await none.delivery).send?.stopped).toBe(`4 s left, and listing the subscriber store may take 4 s with what follows the send; 256 of the 256 shards of subscribers not begun (not counted above)`);
    expect(none.timeLeft()).toBe(AFTER_MS + STORE_REQUEST_MS - 1);

    // The retry reads the shard again, in time, and each reader gets one message.
    const resumed = await run(1_000_000).delivery;
    expect(resumed.send).toMatchObject({ total: READERS, sent: READERS, skipped: 0, notReached: 0 });
    expect(resumed.send?.stopped).toBeUndefined();
    expect([...delivered].sort()).toEqual([...ADDRESSES].sort());
  });

  it('by a fan-out batch: stops unsent and noted for status, nobody claimed, and the batch delivered again sends each reader once', async () => {
    const output = new MemoryStore();
    const content = memoryContent({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A in W20', date: '2014-05-13' })) } });
    const { model } = await publishDigestWeek({ content, output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
    const { subscribers, timed } = await slowStore();
    const delivered: string[] = [];
    const transport = listTransport(delivered);
    const prepare = () => ({ transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from });
    const bodies: string[] = [];
    await fanOutDigest(model, { output, queue: { send: async (b) => void bodies.push(...b) } });
    const batch = bodies.map(parseShardMessage).find((message) => message.shard === SHARD)!;
    const deliver = (budgetMs: number, redelivered: boolean) => {
      const timeLeft = timed(budgetMs);
      const send: DigestSendOptions = { transport: () => transport, timeLeft, storeRequestMs: STORE_REQUEST_MS, reserveMs: AFTER_MS };
      return { timeLeft, delivery: sendDigestShard(batch, { output, subscribers, now: NOW, send, prepare, redelivered, transportName: () => transport.name }) };
    };
    // 12 s: the shard's listing and first record (2 s), and a record a second while 4 s are left: records 2 to 8.
    const short = deliver(12_000, false);
    const stopped = await short.delivery;
    expect(short.timeLeft()).toBe(3_000);
    const reason = `3 s left, and reading shard ${SHARD} of the subscriber store may take ${RECORD_READ_KEPT_MS / 1000} s with what follows the send`;
    expect(stopped.send).toMatchObject({ transport: 'file', total: 0, sent: 0, notReached: 0, stopped: reason });
    expect(delivered).toEqual([]);
    expect((await output.list(`${LEDGER_PREFIX}${model.week.name}/`)).filter((object) => /\.(claim|handover|sent)\.json$/.test(object.key))).toEqual([]);
    // What status shows of the week: the batch that stopped, and why.
    expect(await readFailedBatches(output, model.week.name)).toMatchObject({ inARow: 1, last: reason });

    const again = await deliver(1_000_000, true).delivery;
    expect(again.send).toMatchObject({ total: READERS, sent: READERS, notReached: 0 });
    expect([...delivered].sort()).toEqual([...ADDRESSES].sort());
    expect(await readFailedBatches(output, model.week.name)).toBeUndefined();
  });

  it("by deliverByShard: stops before the marks of a shard's first ledger write when they could overrun what follows the send, nothing written", async () => {
    const { model, subscribers, timed, output, delivered, transport, prepared } = await shardSend();
    // 17 s: the store's listing (1 s), the shard's listing and first record (2 s) and its 9 other records (9 s), each
    // begun with 4 s or more left: 5 s left, short of the marks (noteSending's 4 requests, the shard note's 2, each
    // counted at STORE_REQUEST_MS as the ledger's are) and AFTER_MS.
    const timeLeft = timed(17_000);
    const send: DigestSendOptions = { transport: () => transport, storeRequestMs: STORE_REQUEST_MS, reserveMs: AFTER_MS, timeLeft };
    const delivery = await deliverByShard(model, subscribers, { output, now: NOW, send, prepared });
    expect(timeLeft()).toBe(5_000);
    const notBegun = SUBSCRIBER_SHARDS.length - SUBSCRIBER_SHARDS.indexOf(SHARD);
    const needed = (4 + 2) * STORE_REQUEST_MS + AFTER_MS;
    expect(delivery.send).toMatchObject({ total: 0, sent: 0, notReached: 0, stopped: `5 s left, and marking the week's send and shard ${SHARD}'s note may take ${needed / 1000} s with what follows the send; ${notBegun} of the 256 shards of subscribers not begun (not counted above)` });
    expect(delivered).toEqual([]);
    expect(await output.list(LEDGER_PREFIX)).toEqual([]);

    // A later shard's mark alike: EARLY's shard is sent first. 20 s: the store's listing (1 s), EARLY's shard (2 s),
    // their record read again before the message (a listing and a GET, 2 s), then SHARD's read as above (11 s): 4 s
    // left, short of the note's 2 requests and AFTER_MS.
    const later = await slowStore();
    await addSubscriber(later.subscribers, EARLY, { method: 'imported', now: NOW });
    const laterOutput = new MemoryStore();
    const laterLeft = later.timed(20_000);
    const laterSend: DigestSendOptions = { ...send, timeLeft: laterLeft };
    const stoppedLater = await deliverByShard(model, later.subscribers, { output: laterOutput, now: NOW, send: laterSend, prepared });
    expect(laterLeft()).toBe(4_000);
    expect(stoppedLater.send).toMatchObject({ total: 1, sent: 1, notReached: 0, stopped: `4 s left, and marking shard ${SHARD}'s note may take ${(2 * STORE_REQUEST_MS + AFTER_MS) / 1000} s with what follows the send; ${notBegun} of the 256 shards of subscribers not begun (not counted above)` });
    expect(delivered).toEqual([EARLY]);
    expect((await laterOutput.list(LEDGER_PREFIX)).map((object) => object.key).filter((key) => key.includes(`/${SHARD}`))).toEqual([]);
  });
});
