import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER, SIGNUP_PATHS } from '../../../functions/subscribe.js';
import type { SubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { CLIENT_LIMIT, CLIENT_WINDOW_MS } from '../../../lib/subscribers/clientRateLimit.js';
import { CLIENT_FOLDER } from '../../../lib/subscribers/storeClientSignupLimit.js';
import { SIGNUP_FOLDER } from '../../../lib/subscribers/storeSignupCap.js';
import { functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { testS3Client } from '../../support/s3.js';
import { ORIGIN, subscribeFunctionOnS3rver } from '../../support/subscribeFunctionOnS3rver.js';
import { sesStoreSince } from '../digest/support.js';

// The signups of one client through two instances of the real subscribe function, as Lambda runs them side by side
// (s3rver for the store, the SES emulator for the confirmations; SSM alone the SDK mock), each with its own memory.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const sesStore = sesStoreSince(sesEndpoint);
const VIEWER = '198.51.100.7:443';
const START = DateTime.fromISO('2014-05-12T09:00:00Z');
const admin = testS3Client(s3Endpoint);
// The functions' own client, whose requests are counted (one a command: S3Store makes one request of each).
const s3 = testS3Client(s3Endpoint);
const requests: string[] = [];
s3.middlewareStack.add((next, context) => (args) => (requests.push(context.commandName ?? '?'), next(args)), { step: 'initialize', name: 'countRequests' });
const context = lambdaContext('broadsheet-test-subscribe', 'req-client');
let config: SubscribeConfig;
let ses: SESv2Client;
let ssm: SSMClient;
let now = START;

/** A new instance of the signup function: its memory empty, the store the same. */
const instance = () => createSubscribeHandler(() => ({ config, s3, ses, ssm, logger: createLogger('broadsheet-subscribe'), now: () => now }), SIGNUP_PATHS);
/** A signup, and the S3 requests it made, by command. */
async function signup(handler: ReturnType<typeof instance>, address: string, viewer = VIEWER) {
  const from = requests.length;
  const response = await handler(functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(address)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': viewer } }), context);
  const made: Record<string, number> = {};
  for (const command of requests.slice(from)) made[command] = (made[command] ?? 0) + 1;
  return { response, made, count: requests.length - from };
}

beforeAll(async () => {
  ({ config, ses, ssm } = await subscribeFunctionOnS3rver(admin, 'client', { s3: s3Endpoint, ses: sesEndpoint }));
});

describe('one client’s signups across instances of the subscribe function', () => {
  it('takes 10 in 10 minutes in all: the 11th is refused on either instance, before the hour’s cap counts it, for a LIST and a GET of the store', async () => {
    const [a, b] = [instance(), instance()];
    const taken = [];
    // Five on each: neither instance's memory holds ten.
    for (let i = 0; i < CLIENT_LIMIT; i++) {
      now = START.plus({ seconds: 10 * i });
      taken.push(await signup(i % 2 === 0 ? a : b, `climit-reader${i}@example.org`));
    }
    expect(taken.map(({ response }) => response.statusCode)).toEqual(Array(CLIENT_LIMIT).fill(200));

    now = START.plus({ minutes: 2 });
    const refused = await signup(a, 'climit-eleventh@example.org');
    expect(refused.response.statusCode).toBe(429);
    // Until the first of the ten (at START) is 10 minutes old.
    expect(refused.response.headers?.['retry-after']).toBe(String((CLIENT_WINDOW_MS - 2 * 60_000) / 1000));
    expect((await signup(b, 'climit-twelfth@example.org')).response.statusCode).toBe(429);
    // Asked again on the instance that was refused: memory answers, the store is not asked.
    const unasked = await signup(a, 'climit-thirteenth@example.org');
    expect(unasked.response.statusCode).toBe(429);
    // Another client is its own.
    expect((await signup(b, 'climit-other@example.org', '203.0.113.9:443')).response.statusCode).toBe(200);

    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
    const reached = emails.flatMap((email) => email.destination.to).filter((to) => to.startsWith('climit-'));
    expect(reached.sort()).toEqual([...Array.from({ length: CLIENT_LIMIT }, (_, i) => `climit-reader${i}@example.org`), 'climit-other@example.org'].sort());

    // Under the subscribers' prefix (which the function's role covers): the hour's cap took the signups taken, no
    // more; each client's record, and each of their networks' (two IPv4 /24s), holds no address.
    const objects = new S3Store(admin, config.contentBucket, config.subscribersPrefix);
    expect(await objects.list(`${SIGNUP_FOLDER}2014-05-12T09/`)).toHaveLength(CLIENT_LIMIT + 1);
    const records = (await objects.list(CLIENT_FOLDER)).map((object) => object.key);
    expect(records).toHaveLength(4);
    for (const key of records) expect(key).toMatch(new RegExp(`^${CLIENT_FOLDER}[0-9a-f]{16}/\\d{10}\\.json$`));

    // What each costs in S3 requests: the refusal by memory is the floor (site.yml's read); the store's refusal adds
    // a LIST and a GET of the client's record; a signup taken adds, among the rest, that record's next version and
    // the delete of the one before.
    const over = (made: Record<string, number>) => Object.fromEntries(Object.entries(made).map(([command, n]) => [command, n - (unasked.made[command] ?? 0)]).filter(([, n]) => n !== 0));
    expect(over(refused.made)).toEqual({ ListObjectsV2Command: 1, GetObjectCommand: 1 });
    const second = taken[1]!;
    expect(second.count).toBeGreaterThan(refused.count);
    expect(second.made.PutObjectCommand).toBeGreaterThanOrEqual(2);
    expect(second.made.DeleteObjectCommand).toBeGreaterThanOrEqual(1);
  });
});
