import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../lib/shared/errors.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { RELAY_REFUSAL_SAMPLE } from '../../../lib/delivery/openingRefusals.js';
import { sendDigest, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');

/** A transport that delivers into `inbox`, or throws what `refuse` gives for the message's address (before any handover, as a refusal at RCPT TO is). */
function transport(inbox: string[], refuse: (address: string) => DeliveryError | undefined): MailTransport {
  return {
    name: 'smtp',
    listManaged: false,
    maxSendMs: 1000,
    async send(message: DigestMessage, beforeHandOver) {
      const refusal = refuse(message.recipient.address);
      if (refusal) throw refusal;
      await beforeHandOver();
      inbox.push(message.recipient.address);
      return `250 ok ${message.recipient.address}`;
    },
  };
}

const run = (store: MemoryStore, addresses: readonly string[], via: MailTransport): Promise<SendSummary> =>
  sendDigest(testSendOptions({ model, recipients: parseSubscriberList(addresses.join('\n')), transport: via, store, now: NOW, runId: 'run' }));

/** A bare 550 (RFC 5321 §4.2.3), the address quoted, as a relay gives for everyone and a server for one unknown mailbox. */
const bare550 = (address: string) => new DeliveryError(`SMTP: Can't send mail - all recipients were rejected: 550 <${address}> Requested action not taken: mailbox unavailable`, 'refused');
const outcomes = (summary: SendSummary) => Object.fromEntries(summary.results.map((r) => [r.address, r.outcome]));

describe('a run whose first messages are all refused alike stops as refused by its relay', () => {
  const list = ['ada@a.example', 'bob@b.example', 'cy@c.example', 'di@d.example', 'ed@e.example'];

  it('the same reply, the address aside, to the first three at two domains or more: the run stops there, and the rerun through a working relay sends to everyone once', async () => {
    const store = new MemoryStore();
    const first = await run(store, list, transport([], bare550));
    expect(RELAY_REFUSAL_SAMPLE).toBe(3);
    expect(first).toMatchObject({ total: 5, sent: 0, failed: 3, notReached: 2 });
    expect(outcomes(first)).toEqual({ 'ada@a.example': 'failed', 'bob@b.example': 'failed', 'cy@c.example': 'failed' });
    expect(first.stopped).toBe(
      "the relay refused each of the first 3 messages, to 3 domains, alike (SMTP: Can't send mail - all recipients were rejected: 550 <<recipient>> Requested action not taken: mailbox unavailable): a refusal of the transport, not of the recipients; fix what its words name (the relay's settings, its account or login, digest.from in site.yml, or that domain's SPF, DKIM and DMARC records), then rerun: they are sent again with the rest",
    );
    expect(first.stoppedBy?.message).toContain('550 <cy@c.example>');
    const inbox: string[] = [];
    const rerun = await run(store, list, transport(inbox, () => undefined));
    expect(rerun).toMatchObject({ sent: 5, failed: 0, notReached: 0 });
    expect(inbox.sort()).toEqual([...list].sort());
    expect([...(await new SendLedger(store, model.week.name).load()).values()].map((r) => `${r.status} ${r.attempt}`).sort()).toEqual(['sent 1', 'sent 1', 'sent 2', 'sent 2', 'sent 2']);
  });

  it("at one domain, the first lines' mailboxes unknown there, it is that server's word on each: the run goes on", async () => {
    const store = new MemoryStore();
    const sameDomain = ['ada@a.example', 'bob@a.example', 'cy@a.example', 'di@a.example'];
    const summary = await run(store, [...sameDomain, 'ed@e.example'], transport([], (address) => (address.endsWith('@a.example') ? bare550(address) : undefined)));
    expect(summary).toMatchObject({ failed: 4, sent: 1, notReached: 0 });
    expect(summary.stopped).toBeUndefined();
  });

  it('once a message went out, later refusals alike are the recipients\', and so are refusals whose code names the mailbox, or that differ', async () => {
    const afterOne = await run(new MemoryStore(), list, transport([], (address) => (address === list[0] ? undefined : bare550(address))));
    expect(afterOne).toMatchObject({ sent: 1, failed: 4, notReached: 0 });
    expect(afterOne.stopped).toBeUndefined();
    const mailbox = (address: string) => new DeliveryError(`SMTP: 550 5.1.1 <${address}> No such user`, 'refused', { ofRecipient: true });
    expect(await run(new MemoryStore(), list, transport([], mailbox))).toMatchObject({ failed: 5, notReached: 0 });
    const differing = (address: string) => new DeliveryError(`SMTP: 550 ${address.length % 2 ? 'Mailbox unavailable' : 'Rejected by policy'}`, 'refused');
    expect(list.map((address) => address.length % 2)).toEqual([1, 1, 0, 0, 0]);
    expect(await run(new MemoryStore(), list, transport([], differing))).toMatchObject({ failed: 5, notReached: 0 });
  });
});
