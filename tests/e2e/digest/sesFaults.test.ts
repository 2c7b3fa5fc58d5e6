import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { buildDigestMessage, type DigestMessage } from '../../../lib/delivery/message.js';
import { parseRecipient } from '../../../lib/subscribers/recipient.js';
import { createSesClient, SesTransport } from '../../../lib/delivery/sesTransport.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';
import { FaultProxy, SES_UNAVAILABLE, type Answer } from '../../support/faultProxy.js';
import { sesStoreSince } from './support.js';

/** Nothing to record before the message goes out: these tests send without a ledger. */
const HAND_OVER = async (): Promise<void> => undefined;

// The SES transport against the SES v2 emulator, through a proxy that fails SendEmail the ways a network and
// SES do. SendEmail is not idempotent: whatever may have reached SES must not be sent again by the SDK's retries.
const endpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(endpoint);
const model = weekModel(testSite(), [meta('2014-05-08')]);
const tag = `${process.pid}f${Date.now() % 100000}`;
const SEND = '/v2/email/outbound-emails';
/** SES's answer to a message it will not send (its SendEmail reference: MessageRejected, HTTP 400). */
const REJECTED: Answer = { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' }, body: '{"message":"Email address is not verified."}' };
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let proxy: FaultProxy;
beforeEach(async () => {
  proxy = await FaultProxy.start(endpoint);
});
afterEach(async () => {
  await proxy.close();
});

function transport(at = proxy.endpoint): SesTransport {
  const client = createSesClient({ region: 'us-east-1', endpoint: at, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeouts: { connection: 500, request: 500 } });
  return new SesTransport({ client, contactList: 'Readers', topic: 'weekly', endpoint: at });
}

function message(name: string): Promise<DigestMessage> {
  return buildDigestMessage({ model, html: renderDigestHtml(model, { variant: 'email' }), recipient: parseRecipient(`${name}-${tag}@example.org`), from: 'W <d@watch.example.org>', subject: 'S', listId: 'W digest <digest.watch.example.org>', unsubscribe: { kind: 'ses' }, date: DateTime.fromISO('2014-05-12T00:00:00Z') });
}

/** The ids SES gave the messages it took for `name`. */
async function storedIds(name: string): Promise<string[]> {
  const { emails } = (await (await fetch(sesStore)).json()) as { emails: { messageId: string; destination: { to: string[] } }[] };
  return emails.filter((email) => email.destination.to.some((to) => to.includes(`${name}-${tag}@`))).map((email) => email.messageId);
}

async function stored(name: string): Promise<number> {
  return (await storedIds(name)).length;
}

describe('SES faults over HTTP', () => {
  it('a request that got no answer in time may have reached SES: unknown, and not retried', async () => {
    proxy.decide = ({ url }) => (url.startsWith(SEND) ? 'hang' : 'pass');
    const error = await transport().send(await message('hang'), HAND_OVER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    // Named by the endpoint, and said to be maybe delivered.
    expect(error).toMatchObject({ outcome: 'unknown', message: expect.stringMatching(new RegExp(`^${escaped(proxy.endpoint)} did not answer once the message was sent \\(it may have been delivered\\): TimeoutError`)) });
    expect(proxy.count('POST', SEND)).toBe(1);
  });

  it('a connection reset after the request was sent: unknown, and not retried', async () => {
    proxy.decide = ({ url }) => (url.startsWith(SEND) ? 'reset' : 'pass');
    await expect(transport().send(await message('reset'), HAND_OVER)).rejects.toMatchObject({ outcome: 'unknown' });
    expect(proxy.count('POST', SEND)).toBe(1);
  });

  it('503 on every attempt: not attempted, after the SDK tried three times', async () => {
    proxy.decide = ({ url }) => (url.startsWith(SEND) ? SES_UNAVAILABLE : 'pass');
    await expect(transport().send(await message('down'), HAND_OVER)).rejects.toMatchObject({ outcome: 'notAttempted', message: `${proxy.endpoint} cannot take messages now (nothing was sent): ServiceUnavailable (HTTP 503): Service Unavailable` });
    expect(proxy.count('POST', SEND)).toBe(3);
    expect(await stored('down')).toBe(0);
  });

  it('503 once: the SDK retries and the message goes out once, handed over once, before the first request', async () => {
    proxy.decide = ({ url }) => (url.startsWith(SEND) && proxy.count('POST', SEND) === 0 ? SES_UNAVAILABLE : 'pass');
    const requestsAtHandOver: number[] = [];
    const id = await transport().send(await message('blip'), async () => void requestsAtHandOver.push(proxy.count('POST', SEND)));
    expect(requestsAtHandOver).toEqual([0]);
    expect(proxy.count('POST', SEND)).toBe(2);
    // The send answers the id SES gave the one message it took (the id its bounces and complaints name).
    expect(await storedIds('blip')).toEqual([id]);
  });

  it('a hand-over that fails sends no request: not attempted', async () => {
    proxy.decide = () => 'pass';
    await expect(transport().send(await message('withdrawn'), () => Promise.reject(new Error('the ledger is unreachable')))).rejects.toMatchObject({ outcome: 'notAttempted', message: expect.stringContaining('the ledger is unreachable') });
    expect(proxy.count('POST', SEND)).toBe(0);
    expect(await stored('withdrawn')).toBe(0);
  });

  it('nothing listening: not attempted', async () => {
    const closed = await FaultProxy.start(endpoint);
    const address = closed.endpoint;
    await closed.close();
    await expect(transport(address).send(await message('nobody'), HAND_OVER)).rejects.toMatchObject({ outcome: 'notAttempted', message: expect.stringMatching(new RegExp(`^${escaped(address)} refused the connection \\(nothing was sent\\): Error ECONNREFUSED: connect ECONNREFUSED`)) });
  });

  it('a message SES refuses (a 400 of its own): refused, not delivered, named by the endpoint', async () => {
    proxy.decide = ({ url }) => (url.startsWith(SEND) ? REJECTED : 'pass');
    await expect(transport().send(await message('rejected'), HAND_OVER)).rejects.toMatchObject({ outcome: 'refused', message: `${proxy.endpoint} refused the message (not delivered): MessageRejected (HTTP 400): Email address is not verified.` });
    expect(proxy.count('POST', SEND)).toBe(1);
    expect(await stored('rejected')).toBe(0);
  });
});
