import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it } from 'vitest';
import { createSesClient, sendEmailOnce } from '../../../lib/delivery/sesTransport.js';
import { unsubscribeSesContact } from '../../../lib/delivery/unsubscribeSesContact.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { longestCallMs } from '../../../lib/shared/boundedRequests.js';
import { StallingServer } from '../../support/stallingServer.js';

// What an SES call's worst case (longestCallMs) rests on: an answer whose body stalls after its headers costs an
// attempt the idle limit on top of the wait for the headers, and the SDK retries it as a timeout, every attempt.
// Only a SendEmail that SES answered 2xx is never retried (it may have been taken); an error answer is.
const REQUEST_MS = 300;
const BOUNDS = { attempts: 3, request: REQUEST_MS, connection: REQUEST_MS };
let server: StallingServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A loopback SES whose every answer has status `status` and a JSON body of which only the first half comes, or all of
 * it a byte every `trickleMs` (padded, so that it takes seconds).
 */
async function stalling(status: number, trickleMs?: number): Promise<StallingServer> {
  const json = status === 200 ? '{"MessageId":"m-1"}' : '{"message":"Service Unavailable"}';
  const body = Buffer.from(trickleMs === undefined ? json : `${json}${' '.repeat(200)}`);
  server = await StallingServer.start({ status, headers: { 'content-type': 'application/json', ...(status === 200 ? {} : { 'x-amzn-errortype': 'ServiceUnavailable' }) }, body }, trickleMs === undefined ? {} : { trickleMs });
  return server;
}

const client = (endpoint: string) => createSesClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, timeouts: BOUNDS });
const email = () => new SendEmailCommand({ FromEmailAddress: 'news@example.org', Destination: { ToAddresses: ['ada@example.org'] }, Content: { Simple: { Subject: { Data: 'Weekly' }, Body: { Text: { Data: 'Hello' } } } } });

describe('an SES answer whose body stalls', () => {
  it('to UpdateContact (ses-feedback): every attempt is made, each waiting out the idle limit', async () => {
    const { endpoint } = await stalling(200);
    const started = Date.now();
    const error = await unsubscribeSesContact(client(endpoint), 'Readers', 'ada@example.org').catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as Error).message).toMatch(/timed out after 300 ms of inactivity/);
    expect(server!.requests).toBe(BOUNDS.attempts);
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOUNDS.attempts * REQUEST_MS);
    expect(Date.now() - started).toBeLessThan(longestCallMs({ attempts: BOUNDS.attempts, requestMs: REQUEST_MS }));
  }, 20_000);

  it('to SendEmail, with an error status (503): nothing was taken, so every attempt is made, each waiting out the idle limit', async () => {
    const { endpoint } = await stalling(503);
    const started = Date.now();
    const error = await sendEmailOnce(client(endpoint), email(), 'SES').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ outcome: 'notAttempted' });
    expect((error as Error).message).toMatch(/^SES cannot take messages now \(nothing was sent\): TimeoutError \(HTTP 503\): .*300 ms of inactivity/);
    expect(server!.requests).toBe(BOUNDS.attempts);
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOUNDS.attempts * REQUEST_MS);
  }, 20_000);

  it('to SendEmail, with 200: one attempt only, the message unknown', async () => {
    const { endpoint } = await stalling(200);
    const error = await sendEmailOnce(client(endpoint), email(), 'SES').catch((e: unknown) => e);
    expect(error).toMatchObject({ outcome: 'unknown' });
    expect(server!.requests).toBe(1);
  }, 20_000);
});

describe('an SES answer whose body trickles (a byte every 50 ms: the idle limit never trips, the whole takes 10 s)', () => {
  const TRICKLE_MS = 50;

  it('to UpdateContact: each attempt cut off the request timeout after its headers, every attempt made, within longestCallMs', async () => {
    const { endpoint } = await stalling(200, TRICKLE_MS);
    const started = Date.now();
    const error = await unsubscribeSesContact(client(endpoint), 'Readers', 'ada@example.org').catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as Error).message).toMatch(/^the answer's body timed out, not whole 300 ms after its headers/);
    expect(server!.requests).toBe(BOUNDS.attempts);
    expect(elapsed).toBeGreaterThanOrEqual(BOUNDS.attempts * REQUEST_MS);
    expect(elapsed).toBeLessThan(longestCallMs({ attempts: BOUNDS.attempts, requestMs: REQUEST_MS }));
  }, 30_000);

  it('to SendEmail, with 200: one attempt only, the message unknown, the request timeout after the headers', async () => {
    const { endpoint } = await stalling(200, TRICKLE_MS);
    const error = await sendEmailOnce(client(endpoint), email(), 'SES').catch((e: unknown) => e);
    expect(error).toMatchObject({ outcome: 'unknown' });
    expect((error as Error).message).toMatch(/^SES did not answer once the message was sent \(it may have been delivered\): TimeoutError \(HTTP 200\): the answer's body timed out, not whole 300 ms after its headers/);
    expect(server!.requests).toBe(1);
  }, 30_000);
});
