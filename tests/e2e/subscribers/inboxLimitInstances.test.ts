import { createHmac } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import type { SubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { deliveryMailbox } from '../../../lib/subscribers/deliveryMailbox.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from '../../../lib/subscribers/mailboxSendLimit.js';
import { INBOX_FOLDER } from '../../../lib/subscribers/storeInboxSendLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import type { Subscriber } from '../../../lib/subscribers/subscriber.js';
import { functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { testS3Client } from '../../support/s3.js';
import { ORIGIN, subscribeFunctionOnS3rver } from '../../support/subscribeFunctionOnS3rver.js';
import { sesStoreSince } from '../digest/support.js';
import { signupPageOf } from '../../support/signupPage.js';

// The inbox's day of links through several instances of the real subscribe function, as Lambda runs them side by side
// and starts new ones (s3rver for the records, the SES emulator for the confirmations; SSM alone the SDK mock).
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const sesStore = sesStoreSince(sesEndpoint);
const client = testS3Client(s3Endpoint);
const context = lambdaContext('broadsheet-test-subscribe', 'req-inbox');
let config: SubscribeConfig;
let ses: SESv2Client;
let ssm: SSMClient;

/** A new instance of the function (a cold start): its memory empty, the store the same. */
const instance = () => createSubscribeHandler(() => ({ config, s3: client, ses, ssm, logger: createLogger('broadsheet-subscribe'), now: () => DateTime.fromISO('2014-05-12T09:00:00Z') }));
const signup = (handler: ReturnType<typeof instance>, address: string, viewer: string) =>
  handler(functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(address)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': viewer } }), context);

beforeAll(async () => {
  ({ config, ses, ssm } = await subscribeFunctionOnS3rver(client, 'inbox', { s3: s3Endpoint, ses: sesEndpoint }));
});

describe('the inbox’s day of links across instances of the subscribe function', () => {
  it('is counted in the subscriber store: warm instances side by side and a cold start send one inbox its day’s links only, and no listing of subscribers sees it', async () => {
    const warm = [instance(), instance()];
    const pages = [];
    // Each page names the address typed, and else is the same.
    const page = async (answer: ReturnType<typeof signup>, address: string) => `${(await answer).statusCode} ${signupPageOf((await answer).body ?? '', address)}`;
    for (let i = 0; i < 4; i++) pages.push(await page(signup(warm[i % 2]!, `mary.s+${i}@example.org`, `203.0.113.${i}:443`), `mary.s+${i}@example.org`));
    pages.push(await page(signup(instance(), 'marys+cold@example.org', '203.0.113.99:443'), 'marys+cold@example.org'));
    expect(new Set(pages).size).toBe(1);
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
    const reached = emails.flatMap((email) => email.destination.to).filter((to) => /^marys?[.+]/.test(to));
    expect(reached).toEqual(Array.from({ length: INBOX_CONFIRMATIONS_PER_DAY }, (_, i) => `mary.s+${i}@example.org`));

    const objects = new S3Store(client, config.contentBucket, config.subscribersPrefix);
    const listed: Subscriber[] = [];
    for await (const subscriber of new StoreSubscriberStore(objects).list()) listed.push(subscriber);
    expect(listed.map((subscriber) => subscriber.address).sort()).toEqual(reached);
    // Its one object, under the subscribers' prefix (which the function's role covers), named by an HMAC of the inbox's
    // hash under the links' secret (the SSM parameter's value).
    const name = createHmac('sha256', 'function-token-secret-long-enough').update(`broadsheet-signup-inbox\n${deliveryMailbox('marys@example.org')}`).digest('hex').slice(0, 16);
    expect((await objects.list(INBOX_FOLDER)).map((object) => object.key)).toEqual([`${INBOX_FOLDER}${name}/${String(INBOX_CONFIRMATIONS_PER_DAY).padStart(10, '0')}.json`]);
  });
});
