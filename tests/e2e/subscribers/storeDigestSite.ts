import { InvokeCommand, LambdaClient, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv } from '../../support/s3.js';

export interface StoreDigestSite {
  contentBucket: string;
  siteBucket: string;
  /** The subscriber store under `_subscribers/` in the content bucket (SUBSCRIBERS_PREFIX). */
  store: StoreSubscriberStore;
}

/**
 * A content and a site bucket on s3rver for the digest function with a subscriber store: a site.yml that sends
 * (From, a one-click unsubscribe URL with {token}, a mailto) and one entry tagged `trade` in 2014-W19.
 */
export async function storeDigestSite(s3: S3Client, name: string): Promise<StoreDigestSite> {
  const contentBucket = await freshBucket(s3, `${name}-content`);
  const siteBucket = await freshBucket(s3, `${name}-site`);
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: contentBucket, Key: key, Body: body }));
  await put('content/site.yml', siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
  await put('content/entries/2014/trade.md', entryText(entry({ title: 'Trade this week', url: 'https://news.example.com/t', date: '2014-05-07', tags: ['trade'] })));
  return { contentBucket, siteBucket, store: new StoreSubscriberStore(new S3Store(s3, contentBucket, '_subscribers/')) };
}

/** A Lambda client whose Invoke runs the real publish handler at `now` against the site's buckets (no Lambda server here). */
export function publishLambda(s3: S3Client, s3Endpoint: string, site: StoreDigestSite, now: string): LambdaClient {
  const publish = sitePublishHandler(s3, s3Endpoint, site, now);
  const lambda = new LambdaClient({ region: 'us-east-1' });
  mockClient(lambda)
    .on(InvokeCommand)
    .callsFake(async (input: InvokeCommandInput) => ({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(await publish(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')), lambdaContext('publish', 'p-1')))), $metadata: {} }) as never);
  return lambda;
}

/** The real publish handler at `now` against the site's buckets. */
export function sitePublishHandler(s3: S3Client, s3Endpoint: string, site: StoreDigestSite, now: string) {
  return createPublishHandler(() => ({ config: readPublishConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket }), s3, logger: createLogger('broadsheet-test-publish'), clock: () => DateTime.fromISO(now) }));
}

/** An SQS client whose SendMessageBatch (the SDK mock: no SQS server runs here) keeps each queued body in `queued`. */
export function recordingSqs(queued: string[]): SQSClient {
  const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  mockClient(sqs)
    .on(SendMessageBatchCommand)
    .callsFake(async (input: SendMessageBatchCommandInput) => {
      queued.push(...input.Entries!.map((e) => e.MessageBody!));
      return { Successful: input.Entries!.map((e) => ({ Id: e.Id!, MessageId: e.Id!, MD5OfMessageBody: '' })), Failed: [], $metadata: {} };
    });
  return sqs;
}
