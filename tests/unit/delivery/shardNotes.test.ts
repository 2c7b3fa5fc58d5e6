import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { noteFanout, noteShardBegun, noteShardCounts, noteShardsSettled, readShardCounts, shardNoteKey, SHARDS_LISTED_AT_MOST } from '../../../lib/delivery/shardNotes.js';
import { noteSending, noteUnsettled, readUnsettledWeeks } from '../../../lib/delivery/unsettledWeeks.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { SendSummary } from '../../../lib/delivery/sendDigest.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

// A fanned-out week's counts for status, summed over its batches' notes (one a shard) instead of read from the week's
// ledger, which a list of 100,000 takes some 300 listing requests to list.
const NOW = DateTime.fromISO('2014-06-02T08:00:00Z');
const WEEK = '2014-W19';
const FANOUT = 'fanout-1';
const stamp = { at: NOW.toISO() };
/** A ledger id in `shard`, the n-th of it. */
const id = (shard: string, n: number) => `${shard}${n.toString(16).padStart(30, '0')}`;

/** A batch's summary of its shard: `failed` and `unknown` of `total`, the rest sent. */
function summary(failed: number, unknown: number, more: Partial<SendSummary> = {}): SendSummary {
  const total = 10;
  return { week: WEEK, transport: 'file', total, sent: total - failed - unknown, skipped: 0, failed, unknown, notReached: 0, results: [], ...more };
}

/** Writes `shard`'s recipients from the `from`-th to the ledger: `failed` refused, `unknown` handed over and never confirmed. */
async function ledgerOf(store: MemoryStore, shard: string, { failed = 0, unknown = 0, from = 0 }: { failed?: number; unknown?: number; from?: number }): Promise<void> {
  const ledger = new SendLedger(store, WEEK);
  for (let n = from; n < from + failed + unknown; n++) {
    await ledger.claim(id(shard, n), 1, stamp);
    await ledger.handOver(id(shard, n), 1, stamp);
    if (n < from + failed) await ledger.fail(id(shard, n), 1, stamp);
  }
}

/** A fanned-out week whose every shard's batch ran through, `counts` by shard (none elsewhere), its ledger alike. */
async function fannedOut(counts: Record<string, { failed?: number; unknown?: number }>): Promise<MemoryStore> {
  const store = new MemoryStore();
  await noteFanout(store, WEEK, FANOUT);
  for (const shard of SUBSCRIBER_SHARDS) {
    const { failed = 0, unknown = 0 } = counts[shard] ?? {};
    const name = await noteSending(store, WEEK, `batch-of-${shard}`, { batch: true });
    await noteShardBegun(store, WEEK, FANOUT, shard, name);
    await ledgerOf(store, shard, { failed, unknown });
    await noteShardCounts(store, WEEK, FANOUT, shard, name, summary(failed, unknown), NOW);
    if (failed > 0 || unknown > 0) await noteUnsettled(store, summary(failed, unknown), NOW, { batch: true });
  }
  return store;
}

/** What `read` asks of the store: its GETs and LISTs. */
async function requestsOf<T>(store: MemoryStore, read: () => Promise<T>): Promise<{ result: T; get: number; list: number }> {
  const { get, list } = store.requests;
  const result = await read();
  return { result, get: store.requests.get - get, list: store.requests.list - list };
}

describe("a fanned-out week's shard notes", () => {
  it("are summed for status without listing the week's ledger: a GET of each note that counts any, none of an empty one", async () => {
    const store = await fannedOut({ '0a': { unknown: 1 }, f3: { failed: 2 }, '7c': { failed: 1, unknown: 2 } });
    // A refused recipient who has left the list since stays failed in the ledger: no batch tries them, nor counts them.
    await ledgerOf(store, '0a', { failed: 1, from: 10 });
    const { result, get, list } = await requestsOf(store, () => readShardCounts(store, WEEK));
    expect(result).toEqual({ unknown: 3, failed: 3 });
    // The marker, and the three notes that count any; one LIST, of the fan-out's notes.
    expect({ get, list }).toEqual({ get: 4, list: 1 });
    expect(await readUnsettledWeeks(store)).toEqual([{ week: WEEK, unknown: 3, failed: 3 }]);
  });

  it("are the ledger's counts for a shard whose batch did not write its own: begun again since, stopped, held by others, settled", async () => {
    const store = await fannedOut({ '0a': { unknown: 1 }, f3: { failed: 2 } });
    // SQS delivers 0a's batch twice: the later, begun while the first sends, is killed before its end; the first's
    // counts (as it read the shard) are not written over the later's begun note.
    const later = await noteSending(store, WEEK, 'again', { batch: true });
    await noteShardBegun(store, WEEK, FANOUT, '0a', later);
    await ledgerOf(store, '0a', { unknown: 1, from: 1 });
    await noteShardCounts(store, WEEK, FANOUT, '0a', 'batch-of-0a', summary(0, 1), NOW);
    // 11's batch stopped (its time up), 22's skipped recipients another run held: neither counted its shard whole.
    for (const [shard, send] of [['11', summary(1, 0, { stopped: 'time is up' })], ['22', summary(1, 0, { heldByOthers: 1 })]] as const) {
      const name = await noteSending(store, WEEK, `redelivered-${shard}`, { batch: true });
      await noteShardBegun(store, WEEK, FANOUT, shard, name);
      await ledgerOf(store, shard, { failed: 1 });
      await noteShardCounts(store, WEEK, FANOUT, shard, name, send, NOW);
    }
    const { result, list } = await requestsOf(store, () => readShardCounts(store, WEEK));
    // 0a: unknown 2 of the later batch besides the first's 1 (the ledger's records 0..1 of it); 11 and 22 one failed each.
    expect(result).toEqual({ unknown: 2, failed: 2 + 1 + 1 });
    // The notes, then the ledger of 0a, 11 and 22 alone.
    expect(list).toBe(1 + 3);
    // Settled: f3's note says so, and its ledger is read.
    await noteShardsSettled(store, WEEK, [id('f3', 0)], NOW);
    expect(JSON.parse((await store.get(shardNoteKey(WEEK, FANOUT, 'f3')))!.toString('utf8'))).toEqual({ settled: NOW.toUTC().toISO() });
    expect((await requestsOf(store, () => readShardCounts(store, WEEK))).list).toBe(1 + 4);
  });

  it("are not a count once a batch's counts land over a later batch's begun note: the later batch, ending, writes it begun again", async () => {
    const store = await fannedOut({});
    // SQS delivers 0a's batch again as the first ends: the first reads its note (still its own), the later one writes
    // its begun note, the first's counts (none, as it read the shard) land over it.
    const later = await noteSending(store, WEEK, 'again', { batch: true });
    await noteShardBegun(store, WEEK, FANOUT, '0a', later);
    await store.put(shardNoteKey(WEEK, FANOUT, '0a'), '', { contentType: 'application/json' });
    // The later batch meets a subscriber who joined since the first read the shard, refused; then it stops, its time up.
    await ledgerOf(store, '0a', { failed: 1 });
    await noteShardCounts(store, WEEK, FANOUT, '0a', later, summary(1, 0, { stopped: 'time is up' }), NOW);
    expect(await readShardCounts(store, WEEK)).toEqual({ unknown: 0, failed: 1 });
  });

  it(`leave the count to the week's ledger when more than ${SHARDS_LISTED_AT_MOST} shards have no note of counts, or a whole send has begun since`, async () => {
    const store = await fannedOut({ '0a': { unknown: 1 } });
    // Batches not yet delivered write nothing: at most SHARDS_LISTED_AT_MOST missing are each listed.
    const missing = SUBSCRIBER_SHARDS.slice(-SHARDS_LISTED_AT_MOST - 1);
    for (const shard of missing.slice(1)) await store.delete(shardNoteKey(WEEK, FANOUT, shard));
    const few = await requestsOf(store, () => readShardCounts(store, WEEK));
    expect(few).toMatchObject({ result: { unknown: 1, failed: 0 }, list: 1 + SHARDS_LISTED_AT_MOST });
    await store.delete(shardNoteKey(WEEK, FANOUT, missing[0]!));
    expect(await readShardCounts(store, WEEK)).toBeUndefined();
    expect(await readUnsettledWeeks(store)).toEqual([{ week: WEEK, unknown: 1 }]);

    const whole = await fannedOut({ '0a': { unknown: 1 } });
    expect(await readShardCounts(whole, WEEK)).toEqual({ unknown: 1, failed: 0 });
    await noteSending(whole, WEEK, 'cli-run');
    expect(await readShardCounts(whole, WEEK)).toBeUndefined();
    // Queued again: the new fan-out's notes alone count, none written yet.
    await noteFanout(whole, WEEK, 'fanout-2');
    expect(await readShardCounts(whole, WEEK)).toBeUndefined();
  });
});
