import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSEvent } from 'aws-lambda';
import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { entry, entryText } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, recordingSqs, storeDigestSite, type StoreDigestSite } from './storeDigestSite.js';
import { sesStoreSince } from '../digest/support.js';

// A fanned-out week's batches meeting what else happens while they wait in the queue: a publish that corrects the
// week, and SQS delivering one batch twice at once. The real handlers; s3rver, the SES emulator; SQS by the SDK mock.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const NOW = '2014-05-12T09:00:00+09:00';
// When the subscribers were added: during 2014-W19, before its issue was due (Monday 12 May 08:00 in Seoul).
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
const tag = `${process.pid}r${Date.now() % 100000}`;
const shardOf = (address: string) => subscriberId(address).slice(0, 2);

const env = (site: StoreDigestSite, endpoint: string) => ({ ...s3rverEnv(endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'digest-fanout-secret-long-enough', FANOUT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/q', SENDER_CONCURRENCY: '2', SES_CONFIGURATION_SET: 'broadsheet-test' });

function sqsEvent(id: string, body: string): SQSEvent {
  const attributes = { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1' };
  return { Records: [{ messageId: id, receiptHandle: `handle-${id}`, body, attributes, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:1:q', awsRegion: 'us-east-1' }] };
}

/** The digest function's scheduled run at NOW: each queued batch's body by its shard. */
async function scheduledBatches(s3: S3Client, endpoint: string, site: StoreDigestSite): Promise<Map<string, string>> {
  const queued: string[] = [];
  const sqs = recordingSqs(queued);
  const digest = createDigestHandler(() => ({ config: readDigestFunctionConfig(env(site, endpoint)), s3, ses, lambda: publishLambda(s3, endpoint, site, NOW), queue: new SqsBatchQueue(sqs, 'q'), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
  await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', `d-${site.siteBucket}`));
  return new Map(queued.map((body) => [(JSON.parse(body) as { shard: string }).shard, body]));
}

function sender(s3: S3Client, endpoint: string, site: StoreDigestSite, now = NOW) {
  return createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...env(site, endpoint), PUBLISH_FUNCTION_NAME: '' }), s3, ses, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(now) }));
}

async function received(address: string): Promise<number> {
  const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.flatMap((email) => email.destination.to).filter((to) => to === address).length;
}

/** Runs `before` ahead of each request of `s3` and `after` once it is answered, by command and key or prefix. */
function hook(s3: S3Client, before: (command: string, key?: string) => Promise<void> | void, after: (command: string, key?: string, prefix?: string) => void = () => undefined): void {
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: string; Prefix?: string };
      await before(context.commandName ?? '', input.Key);
      const output = await next(args);
      after(context.commandName ?? '', input.Key, input.Prefix);
      return output;
    },
    { step: 'initialize' },
  );
}

describe('a digest batch waiting in the queue', () => {
  it('is sent as handed over when a publish corrected the week since, saying so in a warning', async () => {
    const s3 = testS3Client(s3Endpoint);
    const site = await storeDigestSite(s3, 'batch-corrected');
    const first = `first-${tag}@example.org`;
    let second = `second-${tag}@example.org`;
    for (let i = 0; shardOf(second) === shardOf(first); i++) second = `second${i}-${tag}@example.org`;
    for (const address of [first, second]) await addSubscriber(site.store, address, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
    const batches = await scheduledBatches(s3, s3Endpoint, site);
    const later = DateTime.fromISO(NOW).plus({ minutes: 30 }).toISO()!;
    expect(await sender(s3, s3Endpoint, site, later)(sqsEvent('first', batches.get(shardOf(first))!), lambdaContext('digest-sender', 's-first'))).toEqual({ batchItemFailures: [] });

    // The editor corrects the mailed week's entry; the scheduled publish rewrites digests/2014-W19.html and .txt.
    await s3.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'content/entries/2014/trade.md', Body: entryText(entry({ title: 'Trade this week (corrected)', url: 'https://news.example.com/t', date: '2014-05-07', updated: '2014-05-12T09:20:00+09:00', tags: ['trade'] })) }));
    const publish = createPublishHandler(() => ({ config: readPublishConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket }), s3, logger: createLogger('broadsheet-test-publish'), clock: () => DateTime.fromISO(later) }));
    const published = (await publish(scheduledEvent(DateTime.fromISO(later).toUTC().toISO()!), lambdaContext('publish', 'p-correction'))) as { changed: { key: string }[] };
    expect(published.changed.map((change) => change.key)).toEqual(expect.arrayContaining(['digests/2014-W19.html', 'digests/2014-W19.txt']));

    const logs = captureLogs();
    let answer;
    try {
      answer = await sender(s3, s3Endpoint, site, later)(sqsEvent('second', batches.get(shardOf(second))!), lambdaContext('digest-sender', 's-second'));
    } finally {
      logs.restore();
    }
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(await received(second)).toBe(1);
    expect(logs.lines().find((line) => line.level === 'WARN')).toMatchObject({ message: expect.stringContaining('re-rendered'), files: ['digests/2014-W19.html', 'digests/2014-W19.txt'] });
  }, 60_000);

  it('delivered twice at once, is reported failed by the receipt that found its recipient claimed, and sends once when delivered again after the claimant died', async () => {
    // Create-only writes as S3 makes them, which s3rver does not.
    const proxy = await FaultProxy.start(s3Endpoint);
    proxy.honourIfNoneMatch = true;
    try {
      const plain = testS3Client(proxy.endpoint);
      const site = await storeDigestSite(plain, 'batch-twice');
      const reader = `twice-${tag}@example.org`;
      await addSubscriber(site.store, reader, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
      const body = (await scheduledBatches(plain, proxy.endpoint, site)).get(shardOf(reader))!;

      // Two receipts of one message, each its own instance: A claims the reader after B has read the ledger, and
      // dies before its handover; B then finds the reader claimed.
      let bListed!: () => void;
      const bHasListed = new Promise<void>((resolve) => (bListed = resolve));
      let aClaimed!: () => void;
      const aHasClaimed = new Promise<void>((resolve) => (aClaimed = resolve));
      const a = testS3Client(proxy.endpoint);
      hook(
        a,
        async (command, key) => {
          if (command === 'PutObjectCommand' && key?.endsWith('.claim.json')) await bHasListed;
          if (command === 'PutObjectCommand' && key?.endsWith('.handover.json')) await new Promise<never>(() => undefined);
        },
        (command, key) => (command === 'PutObjectCommand' && key?.endsWith('.claim.json') ? aClaimed() : undefined),
      );
      const b = testS3Client(proxy.endpoint);
      hook(
        b,
        async (command, key) => (command === 'PutObjectCommand' && key?.endsWith('.claim.json') ? aHasClaimed : undefined),
        (command, _key, prefix) => (command === 'ListObjectsV2Command' && prefix?.includes('digest-ledger/') ? bListed() : undefined),
      );
      void sender(a, proxy.endpoint, site)(sqsEvent('m-1', body), lambdaContext('digest-sender', 'A'));
      // Answered so, SQS keeps the message and delivers it again after its visibility timeout.
      expect(await sender(b, proxy.endpoint, site)(sqsEvent('m-1', body), lambdaContext('digest-sender', 'B'))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
      expect(await received(reader)).toBe(0);

      // Delivered again: A's claim, never handed over, is withdrawn and the reader sent once; a further receipt sends nothing.
      expect(await sender(plain, proxy.endpoint, site)(sqsEvent('m-1', body), lambdaContext('digest-sender', 'C'))).toEqual({ batchItemFailures: [] });
      expect(await sender(plain, proxy.endpoint, site)(sqsEvent('m-1', body), lambdaContext('digest-sender', 'D'))).toEqual({ batchItemFailures: [] });
      expect(await received(reader)).toBe(1);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
