import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { sendDigest, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { mailedWeeks } from '../../../lib/digest/mailedWeeks.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { BeforeHandOver, MailTransport } from '../../../lib/delivery/transport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { Store } from '../../../lib/store/store.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// The handover: a claim whose run never handed its message over sent nothing, and is sent again; one handed over and
// never confirmed may have been delivered, and is not.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const ADA = 'ada@example.org';
const ledgerOf = (name: string) => `${ledgerPrefix(model.week.name)}${recipientId(ADA)}/${name}`;
const never = () => new Promise<never>(() => undefined);

/** A transport that delivers into `inbox`, waiting on `before` (if given) before it asks for the handover and on `after` once handed over. */
function transport(inbox: DigestMessage[], hold: { before?: () => Promise<unknown>; after?: () => Promise<unknown> } = {}): MailTransport {
  return {
    name: 'file',
    listManaged: false,
    maxSendMs: 1000,
    async send(message: DigestMessage, beforeHandOver: BeforeHandOver) {
      await hold.before?.();
      await beforeHandOver();
      await hold.after?.();
      inbox.push(message);
      return 'ok';
    },
  };
}

function run(store: Store, via: MailTransport, runId: string): Promise<SendSummary> {
  return sendDigest(testSendOptions({ model, recipients: parseSubscriberList(ADA), transport: via, store, now: NOW, runId }));
}

async function until(condition: () => boolean): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('the handover', () => {
  it('a claim never handed over (its run killed before) is withdrawn and sent again, once', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    void run(store, transport(inbox, { before: never }), 'killed');
    await until(() => store.objects.has(ledgerOf('1.claim.json')));
    const rerun = await run(store, transport(inbox), 'rerun');
    expect(rerun).toMatchObject({ sent: 1, unknown: 0, skipped: 0 });
    expect(inbox).toHaveLength(1);
    expect([...store.objects.keys()].filter((key) => key.startsWith(ledgerOf(''))).map((key) => key.slice(ledgerOf('').length)).sort()).toEqual(['1.claim.json', '1.handover.json', '1.released.json', '2.claim.json', '2.handover.json', '2.sent.json']);
    // Withdrawn, the week's first attempt sent nothing; the second was sent.
    expect(JSON.parse(store.objects.get(ledgerOf('1.handover.json'))!.body.toString())).toMatchObject({ withdrawn: true, run: 'rerun' });
    expect(await run(store, transport(inbox), 'third')).toMatchObject({ sent: 0, skipped: 1 });
  });

  it('a recipient another run claimed between this run\'s reading and its claim is skipped as held by another run, not concluded', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    // This run reads the ledger empty; the other claims first and has not handed its message over (it may die so).
    const racing = Object.assign(Object.create(store) as Store, {
      list: async (prefix: string) => {
        const listed = await store.list(prefix);
        void run(store, transport(inbox, { before: never }), 'other');
        await until(() => store.objects.has(ledgerOf('1.claim.json')));
        return listed;
      },
    });
    const summary = await run(racing, transport(inbox), 'this');
    expect(summary).toMatchObject({ sent: 0, skipped: 1, heldByOthers: 1 });
    expect(summary.results).toEqual([{ address: ADA, outcome: 'skipped', detail: 'claimed by another run' }]);
  });

  it('withdrawn while its run still sends: that run never hands the message over, and the recipient gets one copy', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    let go: (() => void) | undefined;
    const slow = run(store, transport(inbox, { before: () => new Promise<void>((resolve) => (go = resolve)) }), 'slow');
    await until(() => go !== undefined);
    expect(await run(store, transport(inbox), 'other')).toMatchObject({ sent: 1 });
    go!();
    expect(await slow).toMatchObject({ heldByOthers: 1, results: [{ address: ADA, outcome: 'skipped', detail: 'taken over by another run before it was sent' }] });
    expect(inbox).toHaveLength(1);
  });

  it('not withdrawn once its run handed it over first: the other run skips it, and the recipient gets one copy', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    let go: (() => void) | undefined;
    let handed!: () => void;
    const handedOver = new Promise<void>((resolve) => (handed = resolve));
    const first = run(store, transport(inbox, { before: () => new Promise<void>((resolve) => (go = resolve)), after: async () => handed() }), 'first');
    await until(() => go !== undefined);
    // The other run reads the ledger while the claim has no handover, and acts on it once the handover is written.
    const racing = Object.assign(Object.create(store) as Store, {
      list: async (prefix: string) => {
        const listed = await store.list(prefix);
        go!();
        await handedOver;
        return listed;
      },
    });
    expect(await run(racing, transport(inbox), 'other')).toMatchObject({ heldByOthers: 1, results: [{ address: ADA, outcome: 'skipped', detail: 'being sent by another run' }] });
    expect(await first).toMatchObject({ sent: 1 });
    expect(inbox).toHaveLength(1);
  });

  it('a claim handed over and never confirmed may have been delivered: unknown, never sent again', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    void run(store, transport(inbox, { after: never }), 'killed');
    await until(() => store.objects.has(ledgerOf('1.handover.json')));
    expect(await run(store, transport(inbox), 'rerun')).toMatchObject({ sent: 0, unknown: 1 });
    expect(inbox).toHaveLength(0);
  });

  it('a claim of a version that wrote no handovers stays unknown, never sent again', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    // As such a version wrote it: the note and a token, nothing saying it hands over.
    await store.put(ledgerOf('1.claim.json'), JSON.stringify({ week: '2014-W19', attempt: 1, at: '2014-05-12T08:00:00.000+09:00', run: 'old', transport: 'smtp', claim: '0123456789abcdef01234567' }), { contentType: 'application/json' });
    expect(await run(store, transport(inbox), 'rerun')).toMatchObject({ sent: 0, unknown: 1 });
    expect(inbox).toHaveLength(0);
  });

  it('the file transport writes the .eml only once handed over, and none when the handover cannot be written', async () => {
    const outbox = new MemoryStore();
    let refuse = true;
    // The outbox's files each time a handover is written.
    const seen: number[] = [];
    const ledger = Object.assign(new MemoryStore(), {
      async putIfAbsent(this: MemoryStore, key: string, body: Buffer | string, options: { contentType: string }) {
        if (key.endsWith('.handover.json')) {
          seen.push(outbox.objects.size);
          if (refuse) throw new Error('the ledger is unreachable');
        }
        return MemoryStore.prototype.putIfAbsent.call(this, key, body, options);
      },
    });
    const first = await run(ledger, new FileTransport(outbox), 'first');
    expect(first).toMatchObject({ sent: 0, notReached: 1, stopped: 'the send ledger cannot be written: the ledger is unreachable' });
    expect(outbox.objects.size).toBe(0);
    refuse = false;
    expect(await run(ledger, new FileTransport(outbox), 'rerun')).toMatchObject({ sent: 1 });
    expect(seen).toEqual([0, 0]);
    expect(outbox.objects.size).toBe(1);
  });

  it('a session lost before the message was handed over delivered nothing: the claim is given back, the run stops, and the rerun sends it', async () => {
    const store = new MemoryStore();
    const inbox: DigestMessage[] = [];
    const lost: MailTransport = { ...transport(inbox), send: () => Promise.reject(new DeliveryError('SMTP: Connection closed', 'unknown')) };
    const first = await run(store, lost, 'first');
    expect(first).toMatchObject({ sent: 0, unknown: 0, notReached: 1, stopped: expect.stringContaining('before the message was handed over') });
    expect((await new SendLedger(store, model.week.name).load()).get(recipientId(ADA))).toEqual({ attempt: 1, status: 'released' });
    expect(await run(store, transport(inbox), 'rerun')).toMatchObject({ sent: 1 });
    expect(inbox).toHaveLength(1);
  });

  it('a week whose only claim was withdrawn is not mailed; one with a claim neither handed over nor withdrawn is', async () => {
    const store = new MemoryStore();
    const ledger = new SendLedger(store, '2014-W19');
    const id = recipientId(ADA);
    await ledger.claim(id, 1, {});
    expect(mailedWeeks(await store.list(''))).toEqual(['2014-W19']);
    expect(await ledger.withdraw(id, 1, {})).toBe(true);
    expect(mailedWeeks(await store.list(''))).toEqual([]);
    expect((await ledger.load()).get(id)).toEqual({ attempt: 1, status: 'released' });
  });
});
