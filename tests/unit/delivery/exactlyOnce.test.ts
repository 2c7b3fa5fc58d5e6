import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { RateLimiter } from '../../../lib/delivery/rateLimiter.js';
import { parseSubscriberList, type Recipient } from '../../../lib/subscribers/recipient.js';
import { sendDigest, type SendDigestOptions, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import type { Store } from '../../../lib/store/store.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

const site = testSite();
const model = weekModel(site, [meta('2014-05-08')]);
const html = renderDigestHtml(model, { variant: 'email' });
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const addresses = (n: number) => Array.from({ length: n }, (_, i) => `reader${i}@example.org`);
const recipients = (n: number) => parseSubscriberList(addresses(n).join('\n'));
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 3));

/** Everything any transport delivered, by address. */
class Inbox {
  readonly messages: DigestMessage[] = [];
  count(address: string): number {
    return this.messages.filter((m) => m.recipient.address === address).length;
  }
}

/** A transport that delivers into an inbox; `behave` can refuse, fail or hang per message (by index). */
function transport(inbox: Inbox, behave: (message: DigestMessage, index: number) => 'ok' | 'hang' | Error = () => 'ok'): MailTransport {
  let index = 0;
  return {
    name: 'file',
    listManaged: false,
    maxSendMs: 1000,
    async send(message, beforeHandOver) {
      await pause();
      const outcome = behave(message, index++);
      // A message is lost only once handed over; a refusal or a transport down comes before.
      if (outcome instanceof DeliveryError && outcome.outcome === 'unknown') await beforeHandOver();
      if (outcome instanceof Error) throw outcome;
      await beforeHandOver();
      inbox.messages.push(message);
      if (outcome === 'hang') return new Promise<string>(() => undefined); // the process dies here, before confirming
      await pause();
      return `ok ${message.recipient.address}`;
    },
  };
}

function run(store: Store, list: readonly Recipient[], via: MailTransport, runId = 'run'): Promise<SendSummary> {
  return sendDigest(runOptions(store, list, via, runId));
}

function runOptions(store: Store, list: readonly Recipient[], via: MailTransport, runId = 'run'): SendDigestOptions {
  return testSendOptions({ model, html, recipients: list, transport: via, store, now: NOW, runId });
}

/** A store whose create-only write is check-then-write, NOT atomic: what the ledger must never be given. */
class RacyStore extends MemoryStore {
  override async putIfAbsent(key: string, body: Buffer | string, options: { contentType: string }): Promise<boolean> {
    const exists = await this.get(key);
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (exists) return false;
    await this.put(key, body, options);
    return true;
  }
}

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});
async function localStore(): Promise<LocalStore> {
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-ledger-'));
  folders.push(folder);
  return new LocalStore(folder);
}

describe('exactly once: concurrent runs', () => {
  for (const [name, makeStore] of [['MemoryStore', async () => new MemoryStore()], ['LocalStore (O_EXCL)', localStore]] as const) {
    it(`two runs at once send each recipient one message (${name})`, async () => {
      const store = await makeStore();
      const inbox = new Inbox();
      const list = recipients(30);
      const [a, b] = await Promise.all([run(store, list, transport(inbox), 'a'), run(store, list, transport(inbox), 'b')]);
      for (const address of addresses(30)) expect(inbox.count(address), address).toBe(1);
      expect(a.sent + b.sent).toBe(30);
      expect(a.skipped + b.skipped).toBe(30);
      // Both runs really raced: each sent some.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    });
  }

  it('would send twice with a store whose create-only write is not atomic (the test can fail)', async () => {
    const store = new RacyStore();
    const inbox = new Inbox();
    const list = recipients(10);
    await Promise.all([run(store, list, transport(inbox), 'a'), run(store, list, transport(inbox), 'b')]);
    expect(addresses(10).some((address) => inbox.count(address) > 1)).toBe(true);
  });
});

/** S3 with answers lost: every create-only write takes effect, but the client learns of it only through its retry's 412. */
class LostAnswerStore extends MemoryStore {
  override async putIfAbsent(key: string, body: Buffer | string, options: { contentType: string }): Promise<boolean> {
    await super.putIfAbsent(key, body, options);
    return false;
  }
}

describe('exactly once: a claim whose answer was lost', () => {
  it('is this run’s own: each recipient gets one message, and a rerun sends none', async () => {
    const store = new LostAnswerStore();
    const inbox = new Inbox();
    const list = recipients(5);
    const first = await run(store, list, transport(inbox), 'a');
    expect(first).toMatchObject({ total: 5, sent: 5, skipped: 0, unknown: 0 });
    const rerun = await run(store, list, transport(inbox), 'b');
    expect(rerun).toMatchObject({ total: 5, sent: 0, skipped: 5, unknown: 0 });
    for (const address of addresses(5)) expect(inbox.count(address), address).toBe(1);
  });

  it('is still another run’s when that run made it', async () => {
    const store = new MemoryStore();
    const ledger = new SendLedger(store, '2014-W19');
    expect(await ledger.claim('0'.repeat(32), 1, { run: 'a' })).toBe(true);
    const lost = Object.assign(new LostAnswerStore(), { objects: store.objects });
    expect(await new SendLedger(lost, '2014-W19').claim('0'.repeat(32), 1, { run: 'a' })).toBe(false);
  });
});

describe('exactly once: a run that dies, then a rerun', () => {
  it('resumes with the recipients not yet sent and never resends the one it was sending when it died', async () => {
    const store = await localStore();
    const inbox = new Inbox();
    const list = recipients(10);
    // The first run delivers 5 messages, then dies while the transport holds the 6th (delivered, never confirmed).
    void run(store, list, transport(inbox, (_m, index) => (index === 5 ? 'hang' : 'ok')), 'dies');
    await vi_waitFor(() => inbox.messages.length === 6);
    const rerun = await run(store, list, transport(inbox), 'rerun');
    for (const address of addresses(10)) expect(inbox.count(address), address).toBe(1);
    expect(rerun).toMatchObject({ total: 10, sent: 4, skipped: 5, failed: 0, unknown: 1 });
    expect(rerun.results.find((r) => r.outcome === 'unknown')!.address).toBe('reader5@example.org');
    // A third run changes nothing.
    const third = await run(store, list, transport(inbox), 'third');
    expect(third).toMatchObject({ sent: 0, skipped: 9, unknown: 1 });
    expect(inbox.messages).toHaveLength(10);
  });

  it("stops when the transport is down, gives that recipient's claim back, and a rerun sends the rest", async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    const list = recipients(6);
    const first = await run(store, list, transport(inbox, (_m, index) => (index === 2 ? new DeliveryError('throttled', 'notAttempted') : 'ok')));
    expect(first).toMatchObject({ sent: 2, failed: 0, unknown: 0, notReached: 4, stopped: 'throttled', total: 6 });
    expect(await new SendLedger(store, '2014-W19').load()).toSatisfy((records: Map<string, { status: string }>) => [...records.values()].filter((r) => r.status === 'released').length === 1);
    const second = await run(store, list, transport(inbox));
    expect(second).toMatchObject({ sent: 4, skipped: 2, failed: 0, unknown: 0, notReached: 0 });
    for (const address of addresses(6)) expect(inbox.count(address), address).toBe(1);
  });

  it('stops before claiming anyone when the transport cannot open', async () => {
    const store = new MemoryStore();
    const down: MailTransport = { ...transport(new Inbox()), open: () => Promise.reject(new DeliveryError('no greeting', 'notAttempted')) };
    expect(await run(store, recipients(4), down)).toMatchObject({ total: 4, sent: 0, failed: 0, unknown: 0, notReached: 4, stopped: 'no greeting' });
    expect(store.objects.size).toBe(0);
  });

  it('stops after three transport failures in a row, counting the whole list', async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    // reader1 is refused for good (the server answered: the count starts again); reader2..4 time out.
    const behave = (m: DigestMessage) => (m.recipient.address === 'reader1@example.org' ? new DeliveryError('550 no such user', 'refused') : /reader[234]@/.test(m.recipient.address) ? new DeliveryError('timeout', 'unknown') : 'ok');
    const summary = await run(store, recipients(7), transport(inbox, behave));
    expect(summary).toMatchObject({ total: 7, sent: 1, failed: 1, unknown: 3, skipped: 0, notReached: 2, stopped: expect.stringContaining('3 messages in a row') });
  });

  it('stops while one more message could overrun the time left, and a rerun resumes', async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    let left = 100_000;
    const timed = transport(inbox, () => {
      left -= 40_000;
      return 'ok';
    });
    // maxSendMs 1000 + reserve 15 000: a message starts only with 16 s left.
    const first = await sendDigest({ ...runOptions(store, recipients(4), timed), timeLeft: () => left });
    expect(first).toMatchObject({ sent: 3, notReached: 1, stopped: expect.stringMatching(/^-?\d+ s left/) });
    expect(await run(store, recipients(4), transport(inbox))).toMatchObject({ sent: 1, skipped: 3 });
    for (const address of addresses(4)) expect(inbox.count(address), address).toBe(1);
  });

  it('stops before the next message once asked (Ctrl-C), the one under way confirmed, and a rerun resumes', async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    let asked: string | undefined;
    // The editor presses Ctrl-C while the second message is with the transport.
    const pressed = transport(inbox, (m) => {
      if (m.recipient.address === addresses(4)[1]) asked = 'stopped by Ctrl-C';
      return 'ok';
    });
    const first = await sendDigest({ ...runOptions(store, recipients(4), pressed), stopRequested: async () => asked });
    expect(first).toMatchObject({ sent: 2, unknown: 0, notReached: 2, stopped: 'stopped by Ctrl-C' });
    expect(await run(store, recipients(4), transport(inbox))).toMatchObject({ sent: 2, skipped: 2, unknown: 0 });
    for (const address of addresses(4)) expect(inbox.count(address), address).toBe(1);
  });
});

describe('failures', () => {
  it('records a bad address as failed and goes on with the others', async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    const list = parseSubscriberList('ada@example.org\nnot-an-address\ngrace@example.org');
    const summary = await run(store, list, transport(inbox));
    expect(summary).toMatchObject({ total: 3, sent: 2, failed: 1, unknown: 0, skipped: 0 });
    expect(summary.results.find((r) => r.outcome === 'failed')).toMatchObject({ address: 'not-an-address', detail: expect.stringMatching(/^<recipient> is not one mailbox: /) });
    expect(inbox.messages.map((m) => m.recipient.address)).toEqual(['ada@example.org', 'grace@example.org']);
  });

  // The reason goes to the ledger and, in a deployment, to the logs: the parse quotes the line cut after 60
  // characters, so an address ending past the cut kept its local part through every redaction.
  it("keeps no part of a bad line in a failed recipient's reason, however long the line", async () => {
    const line = `${'ada.lovelace.analytical.engine.notes.translator.and.mathematician'}@example.org; grace@example.org`;
    const store = new MemoryStore();
    const summary = await run(store, parseSubscriberList(line), transport(new Inbox()));
    const detail = summary.results.find((r) => r.outcome === 'failed')!.detail!;
    expect(detail).toMatch(/^<recipient> is not one mailbox: /);
    expect(detail).not.toContain('lovelace');
    for (const object of store.objects.values()) expect(object.body.toString('utf8')).not.toContain('lovelace');
  });

  it('records a refusal; a rerun tries again under a new attempt and sends once accepted', async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    const list = recipients(3);
    const refuse = (m: DigestMessage) => (m.recipient.address === 'reader1@example.org' ? new DeliveryError('550 mailbox unavailable', 'refused') : 'ok');
    expect(await run(store, list, transport(inbox, refuse))).toMatchObject({ sent: 2, failed: 1 });
    expect(await run(store, list, transport(inbox))).toMatchObject({ sent: 1, skipped: 2, failed: 0 });
    expect(await new SendLedger(store, '2014-W19').load()).toSatisfy((records: Map<string, { attempt: number; status: string }>) => [...records.values()].filter((r) => r.attempt === 2 && r.status === 'sent').length === 1);
    for (const address of addresses(3)) expect(inbox.count(address)).toBe(1);
  });

  it('treats a lost connection mid-send as unknown: never sent again', async () => {
    const store = new MemoryStore();
    const inbox = new Inbox();
    const list = recipients(2);
    const drop = (m: DigestMessage) => (m.recipient.address === 'reader0@example.org' ? new DeliveryError('socket closed after DATA', 'unknown') : 'ok');
    expect(await run(store, list, transport(inbox, drop))).toMatchObject({ sent: 1, unknown: 1 });
    expect(await run(store, list, transport(inbox))).toMatchObject({ sent: 0, skipped: 1, unknown: 1 });
    expect(inbox.count('reader0@example.org')).toBe(0);
  });

  it('keeps no address in the ledger', async () => {
    const store = new MemoryStore();
    const list = parseSubscriberList('reader0@example.org\nreader1@example.org\nno-at-sign-reader2');
    await run(store, list, transport(new Inbox(), (m) => (m.recipient.address === 'reader1@example.org' ? new DeliveryError('550 <reader1@example.org> unknown', 'refused') : 'ok')));
    // reader0: claimed, handed over, sent; reader1 (refused at once) and the bad line: claimed, failed; and the week's
    // note that it went out (delivered.json).
    expect(store.objects.size).toBe(8);
    for (const [key, object] of store.objects) {
      expect(key).not.toMatch(/reader/);
      expect(object.body.toString()).not.toMatch(/reader/);
    }
  });
});

describe('the rate limiter', () => {
  it('spaces sends evenly at the configured rate (14 a second: one per 71.4 ms)', async () => {
    let clock = 0;
    const slept: number[] = [];
    const limiter = new RateLimiter(14, () => clock, async (ms) => {
      slept.push(ms);
      clock += ms;
    });
    for (let i = 0; i < 15; i++) await limiter.wait();
    expect(slept).toHaveLength(14);
    expect(clock).toBeCloseTo((14 * 1000) / 14, 6);
  });

  it('never lets calls after a wait that ran late go closer together than the interval to catch up', async () => {
    // 2 a second: one each 500 ms. The second call's sleep wakes 1,200 ms late (a machine descheduled).
    let clock = 0;
    const released: number[] = [];
    let sleeps = 0;
    const limiter = new RateLimiter(2, () => clock, async (ms) => {
      clock += ms + (++sleeps === 1 ? 1_200 : 0);
    });
    for (let i = 0; i < 5; i++) {
      await limiter.wait();
      released.push(clock);
    }
    // 0; 500 + 1,200 late; then 500 ms apart from that, not at once to catch up on the times they were due.
    expect(released).toEqual([0, 1_700, 2_200, 2_700, 3_200]);
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
