import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { sendDigest, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import { HANDOVER_WAIT_MS, settleUnknown as settleAll, type Settled, type SettleOptions, type Verdict } from '../../../lib/delivery/settleUnknown.js';
import { UsageError } from '../../../lib/shared/errors.js';
import { weekDelivered } from '../../../lib/delivery/weekDelivered.js';
import { noteSending, noteUnsettled, readUnsettledWeeks, UNSETTLED_WEEKS_READ, unsettledKey } from '../../../lib/delivery/unsettledWeeks.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { noteFanout, noteShardBegun, noteShardCounts, noteShardEmpty, readShardCounts } from '../../../lib/delivery/shardNotes.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { SES_TIMEOUTS } from '../../../lib/delivery/sesTimeouts.js';
import { SMTP_TIMEOUTS } from '../../../lib/delivery/smtpTimeouts.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// A recipient left unknown (handed over, no answer) is never sent again, until the operator settles it from the
// mail server's log: delivered, or to be sent again.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const AT = { now: DateTime.fromISO('2014-05-12T09:00:00.000Z', { zone: 'utc' }) };
const ADA = 'ada@example.org';

/** Hands each message over, then loses the answer (`lost`), or delivers it into `inbox`. */
function transport(inbox: DigestMessage[], lost = false): MailTransport {
  return {
    name: 'file',
    listManaged: false,
    maxSendMs: 1000,
    async send(message, beforeHandOver) {
      await beforeHandOver();
      if (lost) throw new DeliveryError('connection dropped after the end of the data', 'unknown');
      inbox.push(message);
      return 'ok';
    },
  };
}

const settleUnknown = async (store: MemoryStore, week: string, address: string, verdict: Verdict, at: SettleOptions): Promise<Settled> => (await settleAll(store, week, [{ address, verdict }], at))[0]!;
const send = (store: MemoryStore, via: MailTransport): Promise<SendSummary> => sendDigest(testSendOptions({ model, recipients: parseSubscriberList(ADA), transport: via, store, now: NOW }));

async function leftUnknown(): Promise<MemoryStore> {
  const store = new MemoryStore();
  expect(await send(store, transport([], true))).toMatchObject({ unknown: 1, sent: 0 });
  return store;
}

describe('settleUnknown', () => {
  it("marks a fanned-out send's note of the settled recipient's shard settled, so status counts that shard from its ledger", async () => {
    const store = await leftUnknown();
    const week = model.week.name;
    const shard = recipientId(ADA).slice(0, 2);
    // Its batch's note: ADA unknown; every other shard's batch found nobody.
    await noteFanout(store, week, 'fanout-1');
    for (const other of SUBSCRIBER_SHARDS) if (other !== shard) await noteShardEmpty(store, week, 'fanout-1', other);
    await noteShardBegun(store, week, 'fanout-1', shard, 'batch-1');
    await noteShardCounts(store, week, 'fanout-1', shard, 'batch-1', { week, transport: 'file', total: 1, sent: 0, skipped: 0, failed: 0, unknown: 1, notReached: 0, results: [] }, NOW);
    await noteUnsettled(store, { week, transport: 'file', total: 1, sent: 0, skipped: 0, failed: 0, unknown: 1, notReached: 0, results: [] }, NOW, { batch: true });
    expect(await readShardCounts(store, week)).toEqual({ unknown: 1, failed: 0 });
    expect(await readUnsettledWeeks(store)).toEqual([{ week, unknown: 1 }]);
    // What settle lists: ADA's records, the shard notes, and ADA's shard's ledger; never the week's whole ledger (a
    // list of 100,000 is some 300 listing requests), yet the week's note is written back to none.
    const listed: string[] = [];
    const list = store.list.bind(store);
    store.list = async (prefix) => (listed.push(prefix), list(prefix));
    expect(await settleUnknown(store, week, ADA, 'delivered', AT)).toMatchObject({ settled: true });
    store.list = list;
    expect(listed).not.toContain(ledgerPrefix(week));
    expect(listed).toContain(`${ledgerPrefix(week)}${shard}`);
    expect(await readShardCounts(store, week)).toEqual({ unknown: 0, failed: 0 });
    expect(await readUnsettledWeeks(store)).toEqual([]);
    expect(JSON.parse((await store.get(unsettledKey(week)))!.toString('utf8'))).toMatchObject({ unknown: 0, failed: 0 });
  });

  it(`settles a week older than the ${UNSETTLED_WEEKS_READ} newest, whose unknown recipients status no longer names`, async () => {
    const store = await leftUnknown();
    // A year and more of weekly sends after it, each with a recipient left unknown.
    const later = Array.from({ length: UNSETTLED_WEEKS_READ }, (_, n) => DateTime.fromISO('2014-05-19T00:00:00Z').plus({ weeks: n }).toFormat("kkkk-'W'WW"));
    for (const week of later) {
      await noteSending(store, week);
      const ledger = new SendLedger(store, week);
      await ledger.claim(recipientId(ADA), 1, { at: week });
      await ledger.handOver(recipientId(ADA), 1, { at: week });
      await noteUnsettled(store, { week, transport: 'file', total: 1, sent: 0, skipped: 0, failed: 0, unknown: 1, notReached: 0, results: [] }, NOW);
    }
    expect((await readUnsettledWeeks(store)).map(({ week }) => week)).toEqual([...later].reverse());
    expect(await settleUnknown(store, model.week.name, ADA, 'resend', AT)).toMatchObject({ settled: true, attempt: 1 });
    expect(await send(store, transport([]))).toMatchObject({ sent: 1, unknown: 0 });
  });

  it('--resend: the next send mails the recipient, once', async () => {
    const store = await leftUnknown();
    expect(await settleUnknown(store, model.week.name, 'Ada@Example.org', 'resend', AT)).toEqual({ address: 'Ada@example.org', verdict: 'resend', settled: true, attempt: 1 });
    const inbox: DigestMessage[] = [];
    expect(await send(store, transport(inbox))).toMatchObject({ sent: 1, unknown: 0 });
    expect(await send(store, transport(inbox))).toMatchObject({ sent: 0, skipped: 1 });
    expect(inbox).toHaveLength(1);
  });

  it('--delivered: no send mails the recipient again, and the rerun counts it sent before', async () => {
    const store = await leftUnknown();
    expect(await settleUnknown(store, model.week.name, ADA, 'delivered', AT)).toMatchObject({ settled: true, attempt: 1 });
    const inbox: DigestMessage[] = [];
    expect(await send(store, transport(inbox))).toMatchObject({ sent: 0, skipped: 1, unknown: 0 });
    expect(inbox).toHaveLength(0);
  });

  it('--delivered notes that a message of the week went out, as a confirmed send does; --resend does not', async () => {
    // The lost answer left the week with no message known to have gone out.
    const store = await leftUnknown();
    expect(await weekDelivered(store, model.week.name)).toBe(false);
    await settleUnknown(store, model.week.name, ADA, 'resend', AT);
    expect(await weekDelivered(store, model.week.name)).toBe(false);
    const delivered = await leftUnknown();
    await settleUnknown(delivered, model.week.name, ADA, 'delivered', AT);
    expect(await weekDelivered(delivered, model.week.name)).toBe(true);
  });

  it('settles nothing that is not unknown, writing nothing: sent, settled already, or never claimed', async () => {
    const store = new MemoryStore();
    await send(store, transport([]));
    const before = [...store.objects.keys()];
    expect(await settleUnknown(store, model.week.name, ADA, 'resend', AT)).toEqual({ address: ADA, verdict: 'resend', settled: false, status: 'sent' });
    expect(await settleUnknown(store, model.week.name, 'bob@example.org', 'delivered', AT)).toEqual({ address: 'bob@example.org', verdict: 'delivered', settled: false, status: 'none' });
    expect([...store.objects.keys()]).toEqual(before);
    // Settled once, a second verdict finds nothing to settle.
    const unknown = await leftUnknown();
    await settleUnknown(unknown, model.week.name, ADA, 'resend', AT);
    expect(await settleUnknown(unknown, model.week.name, ADA, 'delivered', AT)).toMatchObject({ settled: false, status: 'released' });
  });

  it('takes the ledger id the digest functions log in place of the address', async () => {
    const store = await leftUnknown();
    expect(await settleUnknown(store, model.week.name, recipientId(ADA), 'resend', AT)).toMatchObject({ settled: true, attempt: 1 });
    const inbox: DigestMessage[] = [];
    expect(await send(store, transport(inbox))).toMatchObject({ sent: 1, unknown: 0 });
  });

  it('settles none when one of the addresses is not one', async () => {
    const store = await leftUnknown();
    const before = [...store.objects.keys()];
    await expect(settleAll(store, model.week.name, [{ address: ADA, verdict: 'resend' }, { address: 'ada at example.org', verdict: 'delivered' }], AT)).rejects.toThrow(UsageError);
    expect([...store.objects.keys()]).toEqual(before);
  });

  it('refuses one recipient given both verdicts, however written, settling none', async () => {
    const store = await leftUnknown();
    const before = [...store.objects.keys()];
    const both = settleAll(store, model.week.name, [{ address: 'Ada Lovelace <ADA@example.org>', verdict: 'delivered' }, { address: recipientId(ADA), verdict: 'resend' }], AT);
    await expect(both).rejects.toThrow(/one recipient, given both --delivered and --resend/);
    expect([...store.objects.keys()]).toEqual(before);
  });

  describe('a handover its run may still be waiting on', () => {
    // The run hands ada's message over at HANDED (its wall clock), and its answer has not come back yet.
    const HANDED = DateTime.fromISO('2014-05-12T10:00:00.000Z', { zone: 'utc' });
    async function inFlight(): Promise<MemoryStore> {
      const store = new MemoryStore();
      expect(await sendDigest({ ...testSendOptions({ model, recipients: parseSubscriberList(ADA), transport: transport([], true), store, now: NOW }), clock: () => HANDED })).toMatchObject({ unknown: 1 });
      return store;
    }
    const after = (ms: number): SettleOptions => ({ now: HANDED.plus({ milliseconds: ms }) });

    it('outlasts every wait for an answer: a deployed sender (Lambda, 900 s), an SMTP reply, SES with its retries', () => {
      expect(HANDOVER_WAIT_MS).toBe(900_000);
      expect(HANDOVER_WAIT_MS).toBeGreaterThanOrEqual(SMTP_TIMEOUTS.reply);
      expect(HANDOVER_WAIT_MS).toBeGreaterThanOrEqual(SES_TIMEOUTS.attempts * (SES_TIMEOUTS.connection + SES_TIMEOUTS.request));
    });

    it('is refused, writing nothing, and says when it can be settled', async () => {
      const store = await inFlight();
      const before = [...store.objects.keys()];
      expect(await settleUnknown(store, model.week.name, ADA, 'resend', after(60_000))).toEqual({
        address: ADA, verdict: 'resend', settled: false, status: 'unknown', attempt: 1, handedAt: '2014-05-12T10:00:00.000Z', settleFrom: '2014-05-12T10:15:00.000Z',
      });
      expect(await settleUnknown(store, model.week.name, ADA, 'delivered', after(HANDOVER_WAIT_MS - 1))).toMatchObject({ settled: false, status: 'unknown' });
      expect([...store.objects.keys()]).toEqual(before);
    });

    it('is settled once the wait is over', async () => {
      const store = await inFlight();
      expect(await settleUnknown(store, model.week.name, ADA, 'resend', after(HANDOVER_WAIT_MS))).toMatchObject({ settled: true, attempt: 1 });
    });

    it('is settled at once with force', async () => {
      const store = await inFlight();
      expect(await settleUnknown(store, model.week.name, ADA, 'resend', { ...after(1_000), force: true })).toMatchObject({ settled: true, attempt: 1 });
    });
  });
});
