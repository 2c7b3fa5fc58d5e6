import { InvokeCommand, LambdaClient, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// The digest function with a subscriber store (SUBSCRIBERS_PREFIX): s3rver for the buckets and the records, the SES
// emulator for delivery; the publish function's Invoke runs the real publish handler (no Lambda server here).
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const SECRET = 'digest-function-secret-long-enough';
const NOW = '2014-05-12T09:00:00+09:00';
const tag = `${process.pid}s${Date.now() % 100000}`;
const [ADA, GRACE, LINUS] = ['ada', 'grace', 'linus'].map((name) => `${name}-${tag}@example.org`) as [string, string, string];
let contentBucket: string;
let siteBucket: string;

beforeAll(async () => {
  contentBucket = await freshBucket(s3, 'store-digest-content');
  siteBucket = await freshBucket(s3, 'store-digest-site');
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: contentBucket, Key: key, Body: body }));
  await put('content/site.yml', siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
  await put('content/entries/2014/trade.md', entryText(entry({ title: 'Trade this week', url: 'https://news.example.com/t', date: '2014-05-07', tags: ['trade'] })));
  const store = new StoreSubscriberStore(new S3Store(s3, contentBucket, '_subscribers/'));
  const now = DateTime.fromISO(NOW);
  await addSubscriber(store, ADA, { method: 'added', now });
  await addSubscriber(store, GRACE, { method: 'added', now });
  await addSubscriber(store, LINUS, { method: 'added', tags: ['markets'], now });
  const grace = (await store.get(subscriberId(GRACE)))!;
  await store.put({ ...grace.subscriber, status: 'unsubscribed' }, grace.version);
});

function publishLambda(): LambdaClient {
  const publish = createPublishHandler(() => ({ config: readPublishConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket }), s3, logger: createLogger('broadsheet-test-publish'), clock: () => DateTime.fromISO(NOW) }));
  const lambda = new LambdaClient({ region: 'us-east-1' });
  mockClient(lambda)
    .on(InvokeCommand)
    .callsFake(async (input: InvokeCommandInput) => ({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(await publish(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')), lambdaContext('publish', 'p-1')))), $metadata: {} }) as never);
  return lambda;
}

describe('the digest function with the subscriber store', () => {
  it('sends through SES to the confirmed subscribers only, with the tags chosen, and its own one-click unsubscribe headers', async () => {
    const handler = createDigestHandler(() => ({
      config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: SECRET }),
      s3,
      ses,
      lambda: publishLambda(),
      logger: createLogger('broadsheet-test-digest'),
      clock: () => DateTime.fromISO(NOW),
    }));
    const outcome = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(outcome).toMatchObject({ ok: true, week: '2014-W19' });
    // Ada (every entry) is sent; Grace unsubscribed; Linus chose markets, of which the week has none.
    expect(outcome.sent).toMatchObject({ transport: 'ses', total: 1, sent: 1, failed: 0 });
    const { emails } = (await (await fetch(`${sesEndpoint}/store`, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] }; headers?: { name: string; value: string }[] }[] };
    const mine = emails.filter((email) => email.destination.to.some((to) => to.includes(tag)));
    expect(mine.map((email) => email.destination.to[0])).toEqual([ADA]);
    const header = (name: string) => mine[0]!.headers?.find((h) => h.name === name)?.value;
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const token = /<https:\/\/watch\.example\.org\/unsubscribe\?token=([^>]+)>, <mailto:unsubscribe@watch\.example\.org\?subject=unsubscribe>/.exec(header('List-Unsubscribe') ?? '')![1]!;
    expect(verifyToken(token, 'unsubscribe', SECRET, 0).address).toBe(ADA);
  });
});
