import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { buildDigestMessage, type DigestMessage } from '../../../lib/delivery/message.js';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { createSesClient, SesTransport } from '../../../lib/delivery/sesTransport.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseRecipient, parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { sesStoreSince } from './support.js';

// SES took the message and began its answer of 200, whose body then stops (a stalled network or proxy): the request
// timeout ends with the headers, so only the socket's idle limit ends the wait; and the message went out, so the
// SDK must not send it again, nor the run take it for one never sent. The emulator behind the proxy keeps what it took.
const endpoint = inject('sesEndpoint');
const sesStore = sesStoreSince(endpoint);
const model = weekModel(testSite(), [meta('2014-05-08')]);
const tag = `${process.pid}s${Date.now() % 100000}`;
const SEND = '/v2/email/outbound-emails';
// The stalled sends' idle limit (and request timeout): the proxy runs in this worker, so a loop paused for longer than
// this before the proxy has passed the request on would end the send with nothing sent; a second is ample room.
const REQUEST_MS = 1_000;
const address = (name: string) => `${name}-${tag}@example.org`;

let proxy: FaultProxy;
beforeEach(async () => {
  proxy = await FaultProxy.start(endpoint);
});
afterEach(async () => {
  await proxy.close();
});

// A stall ends only at the idle limit, so the stalled sends get a short one (REQUEST_MS) and a real send's connection
// timeout (the connection is not under test: a loopback connect a paused loop delays must not end the send first); a
// send that must succeed gets SES_TIMEOUTS, a real send's own (healthy: true), so a slow emulator on a loaded machine never fails it.
function transport(healthy = false): SesTransport {
  const client = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...(healthy ? {} : { timeouts: { request: REQUEST_MS } }) });
  return new SesTransport({ client, endpoint: proxy.endpoint });
}

/** One run's transport: `stalled`'s messages through transport(), every other through transport(true). */
function splitTransport(stalled: string): MailTransport {
  const [short, healthy] = [transport(), transport(true)];
  return {
    name: healthy.name,
    listManaged: healthy.listManaged,
    rate: healthy.rate,
    ...(healthy.maxSendMs !== undefined ? { maxSendMs: healthy.maxSendMs } : {}),
    send: (message, beforeHandOver) => (message.recipient.address === stalled ? short : healthy).send(message, beforeHandOver),
  };
}

function message(name: string): Promise<DigestMessage> {
  return buildDigestMessage({ model, html: renderDigestHtml(model, { variant: 'email' }), recipient: parseRecipient(address(name)), from: 'W <d@watch.example.org>', subject: 'S', listId: 'W digest <digest.watch.example.org>', unsubscribe: { kind: 'ses' }, date: DateTime.fromISO('2014-05-12T00:00:00Z') });
}

async function stored(name: string): Promise<number> {
  const { emails } = (await (await fetch(sesStore)).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.filter((email) => email.destination.to.some((to) => to.includes(address(name)))).length;
}

describe('an SES answer of 200 whose body stalls', () => {
  for (const [fault, what] of [
    ['stallMidBody', 'half its body'],
    ['headersOnly', 'its headers alone'],
  ] as ['stallMidBody' | 'headersOnly', string][]) {
    it(`(${what}) ends within the socket's idle limit as unknown, and the message went out once`, async () => {
      proxy.decide = ({ url }) => (url.startsWith(SEND) ? fault : 'pass');
      const sent = await message(fault);
      const started = Date.now();
      const error = await transport().send(sent, async () => undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).toMatchObject({ outcome: 'unknown', message: expect.stringContaining('did not answer once the message was sent (it may have been delivered)') });
      // The answer's headers within one request timeout, then one idle limit of the same length; a wide margin.
      expect(Date.now() - started).toBeLessThan(10 * REQUEST_MS);
      expect(proxy.count('POST', SEND)).toBe(1);
      expect(await stored(fault)).toBe(1);
    });
  }

  it('in a send: the recipient is left unknown, and a rerun against a healthy SES sends them nothing more', async () => {
    const store = new MemoryStore();
    const recipients = parseSubscriberList(['first', 'second'].map(address).join('\n'));
    const run = () => sendDigest(testSendOptions({ model, recipients, transport: splitTransport(address('first')), store, now: DateTime.fromISO('2014-05-12T08:00:00+09:00'), runId: 'stall' }));
    proxy.decide = ({ url, index }) => (url.startsWith(SEND) && index === 0 ? 'stallMidBody' : 'pass');
    const first = await run();
    expect(first.results.map((result) => [result.address, result.outcome])).toEqual([
      [address('first'), 'unknown'],
      [address('second'), 'sent'],
    ]);
    proxy.decide = () => 'pass';
    const rerun = await run();
    expect(rerun).toMatchObject({ sent: 0, unknown: 1, skipped: 1 });
    expect(proxy.count('POST', SEND)).toBe(2);
    expect([await stored('first'), await stored('second')]).toEqual([1, 1]);
  });
});
