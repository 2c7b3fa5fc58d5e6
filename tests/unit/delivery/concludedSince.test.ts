import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { deliverByShard } from '../../../lib/delivery/deliverByShard.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { sendDigest, type SendDigestOptions, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import type { Store } from '../../../lib/store/store.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, TEST_ENVELOPE, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// Two sends at once (two terminals' `digest --send`): one reads the ledger while the other's message to a recipient
// is handed over and waits for its answer. Read then, it is unknown; the report at the end says what the ledger says
// at the end, while who is sent to stays as it was: each recipient gets one message.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const ADA = 'ada@example.org';
const BOB = 'bob@example.org';
const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function localStore(): Promise<LocalStore> {
  const root = await mkdtemp(join(tmpdir(), 'broadsheet-concluded-'));
  roots.push(root);
  return new LocalStore(root);
}

interface Hold {
  /** Awaited before the message is handed over. */
  before?: () => Promise<unknown>;
  /** Awaited once handed over: the mail server's answer; an error is its refusal. */
  answer?: () => Promise<Error | undefined>;
}

/** A transport that delivers into `inbox`, holding each message as `hold` says. */
function transport(inbox: DigestMessage[], hold: Hold = {}): MailTransport {
  return {
    name: 'file',
    listManaged: false,
    maxSendMs: 1000,
    async send(message, beforeHandOver) {
      await hold.before?.();
      await beforeHandOver();
      const refusal = await hold.answer?.();
      if (refusal) throw refusal;
      inbox.push(message);
      return `ok ${message.recipient.address}`;
    },
  };
}

function run(store: Store, addresses: readonly string[], via: MailTransport, runId: string, more: Partial<SendDigestOptions> = {}): Promise<SendSummary> {
  return sendDigest({ ...testSendOptions({ model, recipients: parseSubscriberList(addresses.join('\n')), transport: via, store, now: NOW, runId }), ...more });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const handedOver = (store: Store, address: string) => async () => (await store.get(`${ledgerPrefix(model.week.name)}${recipientId(address)}/1.handover.json`)) !== undefined;
const received = (inbox: readonly DigestMessage[]) => inbox.map((message) => message.recipient.address).sort();

/**
 * The other run, sending to `address` alone: once its message is handed over it waits, until let go, for the answer
 * `answer` gives (an error: a refusal). `done` resolves once it has recorded that answer.
 */
async function otherSending(store: Store, inbox: DigestMessage[], address: string, answer?: Error) {
  let letGo!: () => void;
  const answered = new Promise<void>((resolve) => (letGo = resolve));
  const other = run(store, [address], transport(inbox, { answer: async () => (await answered, answer) }), 'other');
  await until(handedOver(store, address));
  return { other, letGo, done: other.then(() => undefined) };
}

/**
 * The other run sends to Ada alone and waits for the answer `answer` gives once let go; this run (Ada and Bob) reads
 * the ledger while Ada's message waits, and lets the answer come (the other run records it) as it sends to Bob.
 */
async function racing(answer: Error | undefined, more: Partial<SendDigestOptions> = {}, whileBob: () => void = () => undefined) {
  const store = await localStore();
  const inbox: DigestMessage[] = [];
  const { other, letGo, done } = await otherSending(store, inbox, ADA, answer);
  const summary = await run(store, [ADA, BOB], transport(inbox, { before: async () => (letGo(), await done, whileBob()) }), 'this', more);
  return { store, inbox, summary, other: await other };
}

describe('a recipient read unknown while another run awaits its answer', () => {
  it('confirmed by that run before this one ends: reported skipped, as sent, not unknown', async () => {
    const { inbox, summary, other } = await racing(undefined);
    expect(other).toMatchObject({ sent: 1, unknown: 0 });
    expect(summary).toMatchObject({ total: 2, sent: 1, skipped: 1, failed: 0, unknown: 0, notReached: 0 });
    expect(summary.heldByOthers).toBeUndefined();
    expect(summary.results).toEqual([
      { address: ADA, outcome: 'skipped', detail: 'sent by another run, which confirmed it after this run read the ledger' },
      { address: BOB, outcome: 'sent', detail: `ok ${BOB}` },
    ]);
    expect(received(inbox)).toEqual([ADA, BOB]);
  });

  it('refused to that run before this one ends: reported failed, and the next send mails it once', async () => {
    const { store, inbox, summary, other } = await racing(new DeliveryError('550 mailbox full', 'refused'));
    expect(other).toMatchObject({ sent: 0, failed: 1 });
    expect(summary).toMatchObject({ sent: 1, skipped: 0, failed: 1, unknown: 0 });
    expect(summary.results[0]).toEqual({ address: ADA, outcome: 'failed', detail: "another run's message to them was refused after this run read the ledger; a rerun tries again" });
    expect(received(inbox)).toEqual([BOB]);
    expect(await run(store, [ADA, BOB], transport(inbox), 'rerun')).toMatchObject({ sent: 1, skipped: 1 });
    expect(received(inbox)).toEqual([ADA, BOB]);
  });

  it('still unanswered as this run ends: unknown, as the ledger then says, counted apart as in progress in the other run, and never sent by this run', async () => {
    const store = await localStore();
    const inbox: DigestMessage[] = [];
    const { other, letGo } = await otherSending(store, inbox, ADA);
    // The other run stamped its handover with its clock, NOW (testSendOptions gives none); this run reads it again 14 min 59 s later.
    const summary = await run(store, [ADA, BOB], transport(inbox), 'this', { clock: () => NOW.plus({ minutes: 14, seconds: 59 }) });
    expect(summary).toMatchObject({ sent: 1, skipped: 0, unknown: 1, inProgress: 1 });
    expect(summary.results[0]).toEqual({
      address: ADA,
      outcome: 'unknown',
      inProgress: true,
      detail: `handed over at ${NOW.toISO()} by another run, which may still be waiting for the answer (a run waits up to 15 minutes) and records it; not sent again`,
    });
    letGo();
    expect(await other).toMatchObject({ sent: 1 });
    expect(received(inbox)).toEqual([ADA, BOB]);
  });

  it('handed over longer ago than any run waits for its answer (15 minutes): unknown, and not in progress', async () => {
    const store = await localStore();
    const inbox: DigestMessage[] = [];
    const { other, letGo } = await otherSending(store, inbox, ADA);
    const summary = await run(store, [ADA, BOB], transport(inbox), 'this', { clock: () => NOW.plus({ minutes: 15 }) });
    expect(summary).toMatchObject({ sent: 1, unknown: 1 });
    expect(summary.inProgress).toBeUndefined();
    expect(summary.results[0]).toEqual({ address: ADA, outcome: 'unknown', detail: 'attempt 1 was claimed but never confirmed; it may have been delivered, so it is not sent again' });
    letGo();
    await other;
  });

  it('not read again when the time left no longer holds the read: left unknown', async () => {
    // The read again: LEDGER_READ_REQUESTS (2) store requests of 1 s, and the 1 s reserve after the send: 3 s.
    let left = 100_000;
    const time = { timeLeft: () => left, storeRequestMs: 1000, reserveMs: 1000 };
    const short = await racing(undefined, time, () => (left = 2_999));
    expect(short.summary).toMatchObject({ sent: 1, skipped: 0, unknown: 1 });
    left = 100_000;
    const enough = await racing(undefined, time, () => (left = 3_000));
    expect(enough.summary).toMatchObject({ sent: 1, skipped: 1, unknown: 0 });
  });

  it('sent shard by shard (a subscriber store): read again once every shard is done, not at the end of its own', async () => {
    // Two readers in two shards, the one the other run is sending to first.
    const [early, late] = ['reader0@example.org', 'reader1@example.org', 'reader2@example.org'].sort((a, b) => subscriberId(a).localeCompare(subscriberId(b)));
    expect(subscriberId(early!).slice(0, 2)).not.toBe(subscriberId(late!).slice(0, 2));
    const output = await localStore();
    const subscribers = new StoreSubscriberStore(await localStore());
    for (const address of [early!, late!]) await addSubscriber(subscribers, address, { method: 'imported', now: NOW.minus({ days: 30 }) });
    const inbox: DigestMessage[] = [];
    const { other, letGo, done } = await otherSending(output, inbox, early!);
    // The other run's answer comes while this run sends to the later shard's reader.
    const via = transport(inbox, { before: async () => (letGo(), await done) });
    const send = { transport: () => via, recipients: () => Promise.reject(new Error('read from the store')), runId: 'this' };
    const { send: summary } = await deliverByShard(model, subscribers, { output, now: NOW, send, prepared: { transport: via, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from } });
    expect(await other).toMatchObject({ sent: 1 });
    expect(summary).toMatchObject({ sent: 1, skipped: 1, unknown: 0 });
    expect(summary!.results.find((result) => result.address === early)).toEqual({ address: early, outcome: 'skipped', detail: 'sent by another run, which confirmed it after this run read the ledger' });
    expect(received(inbox)).toEqual([early, late].sort());
  });
});
