import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { sendDigest, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import { settleUnknown as settleAll, type Settled, type Verdict } from '../../../lib/delivery/settleUnknown.js';
import { UsageError } from '../../../lib/shared/errors.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// A recipient left unknown (handed over, no answer) is never sent again, until the operator settles it from the
// mail server's log: delivered, or to be sent again.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const AT = '2014-05-12T09:00:00.000Z';
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

const settleUnknown = async (store: MemoryStore, week: string, address: string, verdict: Verdict, at: string): Promise<Settled> => (await settleAll(store, week, [{ address, verdict }], at))[0]!;
const send = (store: MemoryStore, via: MailTransport): Promise<SendSummary> => sendDigest(testSendOptions({ model, recipients: parseSubscriberList(ADA), transport: via, store, now: NOW }));

async function leftUnknown(): Promise<MemoryStore> {
  const store = new MemoryStore();
  expect(await send(store, transport([], true))).toMatchObject({ unknown: 1, sent: 0 });
  return store;
}

describe('settleUnknown', () => {
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
});
