import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import { readSubscribeConfig, type SubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { deliveryMailbox } from '../../../lib/subscribers/deliveryMailbox.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from '../../../lib/subscribers/mailboxSendLimit.js';
import { INBOX_FOLDER } from '../../../lib/subscribers/storeInboxSendLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import type { Subscriber } from '../../../lib/subscribers/subscriber.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { sesStoreSince } from '../digest/support.js';

// The inbox's day of links through several instances of the real subscribe function, as Lambda runs them side by side
// and starts new ones (s3rver for the records, the SES emulator for the confirmations; SSM alone the SDK mock).
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const sesStore = sesStoreSince(sesEndpoint);
const ORIGIN = 'origin-secret-cloudfront-adds-1234';
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
  const contentBucket = await freshBucket(client, 'inbox-content');
  const siteBucket = await freshBucket(client, 'inbox-site');
  await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { ...DIGEST, ses: { configurationSet: 'broadsheet-test' } }) }));
  ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ssmMock = mockClient(ssm);
  ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: 'function-token-secret-long-enough' } });
  ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
  config = readSubscribeConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin', SES_CONFIGURATION_SET: 'broadsheet-test', SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org', ANSWER_FLOOR_MS: '0' });
  ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

describe('the inbox’s day of links across instances of the subscribe function', () => {
  it('is counted in the subscriber store: warm instances side by side and a cold start send one inbox its day’s links only, and no listing of subscribers sees it', async () => {
    const warm = [instance(), instance()];
    const pages = [];
    for (let i = 0; i < 4; i++) pages.push(await signup(warm[i % 2]!, `mary.s+${i}@example.org`, `203.0.113.${i}:443`));
    pages.push(await signup(instance(), 'marys+cold@example.org', '203.0.113.99:443'));
    expect(new Set(pages.map((page) => `${page.statusCode} ${page.body}`)).size).toBe(1);
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
    const reached = emails.flatMap((email) => email.destination.to).filter((to) => /^marys?[.+]/.test(to));
    expect(reached).toEqual(Array.from({ length: INBOX_CONFIRMATIONS_PER_DAY }, (_, i) => `mary.s+${i}@example.org`));

    const objects = new S3Store(client, config.contentBucket, config.subscribersPrefix);
    const listed: Subscriber[] = [];
    for await (const subscriber of new StoreSubscriberStore(objects).list()) listed.push(subscriber);
    expect(listed.map((subscriber) => subscriber.address).sort()).toEqual(reached);
    // Its one object, under the subscribers' prefix (which the function's role covers), named by the inbox's hash.
    expect((await objects.list(INBOX_FOLDER)).map((object) => object.key)).toEqual([`${INBOX_FOLDER}${deliveryMailbox('marys@example.org')}/${String(INBOX_CONFIRMATIONS_PER_DAY).padStart(10, '0')}.json`]);
  });
});
