import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSEvent, SQSEvent } from 'aws-lambda';
import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { createLogger } from '../../../functions/logger.js';
import { createSesFeedbackHandler } from '../../../functions/sesFeedback.js';
import { SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { readGoneTags } from '../../../lib/delivery/goneTagNotes.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { entry, entryText } from '../../support/content.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, recordingSqs, storeDigestSite, type StoreDigestSite } from './storeDigestSite.js';

// SES's feedback (the real ses-feedback function) arriving while a fanned-out digest is being sent, and across weeks:
// the real digest and digest-sender handlers against s3rver and the SES emulator; SQS by the SDK mock.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const NOW = '2014-05-12T09:00:00+09:00';
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
const tag = `${process.pid}f${Date.now() % 100000}`;
const shardOf = (address: string) => subscriberId(address).slice(0, 2);

const env = (site: StoreDigestSite) => ({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'feedback-during-send-secret-long', FANOUT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/q', SENDER_CONCURRENCY: '1', SES_CONFIGURATION_SET: 'broadsheet-test' });

function sqsEvent(id: string, body: string, receiveCount = 1): SQSEvent {
  const attributes = { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '1', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1' };
  return { Records: [{ messageId: id, receiptHandle: `handle-${id}`, body, attributes, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:1:q', awsRegion: 'us-east-1' }] };
}

const snsEvent = (...messages: unknown[]): SNSEvent => ({
  Records: messages.map((message, i) => ({
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:us-east-1:1:ses-events:0',
    Sns: { Type: 'Notification', MessageId: `sns-${tag}-${i}-${Math.random()}`, TopicArn: 'arn:aws:sns:us-east-1:1:ses-events', Subject: '', Message: JSON.stringify(message), Timestamp: '2014-05-12T00:30:00.000Z', SignatureVersion: '1', Signature: 'x', SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/x.pem', UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe', MessageAttributes: {} },
  })),
});

/** The digest function's scheduled run at `now`: each queued batch's body by its shard. */
async function scheduledBatches(s3: S3Client, ses: SESv2Client, site: StoreDigestSite, now: string): Promise<Map<string, string>> {
  const queued: string[] = [];
  const digest = createDigestHandler(() => ({ config: readDigestFunctionConfig(env(site)), s3, ses, lambda: publishLambda(s3, s3Endpoint, site, now), queue: new SqsBatchQueue(recordingSqs(queued), 'q'), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(now) }));
  await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', `d-${site.siteBucket}-${now}`));
  return new Map(queued.map((body) => [(JSON.parse(body) as { shard: string }).shard, body]));
}

const sender = (s3: S3Client, ses: SESv2Client, site: StoreDigestSite, now: string) => createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...env(site), PUBLISH_FUNCTION_NAME: '' }), s3, ses, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(now) }));
const feedback = (s3: S3Client, site: StoreDigestSite, now: string) => createSesFeedbackHandler(() => ({ config: { contentBucket: site.contentBucket, subscribersPrefix: '_subscribers/' }, s3, logger: createLogger('broadsheet-test-feedback'), now: () => DateTime.fromISO(now) }));

async function received(address: string): Promise<number> {
  const { emails } = (await (await fetch(`${sesEndpoint}/store`, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.flatMap((email) => email.destination.to).filter((to) => to === address).length;
}

/** Two addresses in one shard. */
function sameShard(base: string): [string, string] {
  const first = `${base}-${tag}@example.org`;
  for (let i = 0; ; i++) {
    const other = `${base}${i}-${tag}@example.org`;
    if (shardOf(other) === shardOf(first)) return [first, other];
  }
}

describe('SES feedback during a fanned-out send', () => {
  it('a complaint or hard bounce that arrives during the send keeps its subscriber from this week\'s issue, in their shard\'s batch already under way or a later one, and from the next week\'s', async () => {
    const s3 = testS3Client(s3Endpoint);
    const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const site = await storeDigestSite(s3, 'fb-send');
    // Two readers share a shard (one batch); `bounces` is in another.
    const pair = sameShard('pair');
    let bounces = `bounces-${tag}@example.org`;
    for (let i = 0; shardOf(bounces) === shardOf(pair[0]); i++) bounces = `bounces${i}-${tag}@example.org`;
    let oil = `oil-${tag}@example.org`;
    for (let i = 0; [shardOf(pair[0]), shardOf(bounces)].includes(shardOf(oil)); i++) oil = `oil${i}-${tag}@example.org`;
    for (const address of [...pair, bounces]) await addSubscriber(site.store, address, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
    await addSubscriber(site.store, oil, { method: 'added', now: DateTime.fromISO(SUBSCRIBED), tags: ['oil'] });
    const logs = captureLogs();
    try {
      const batches = await scheduledBatches(s3, ses, site, NOW);
      const during = DateTime.fromISO(NOW).plus({ minutes: 5 }).toISO()!;
      // Within a batch: the complaint (about last week's issue) of the reader the batch reaches second is recorded as it
      // hands the first one's message to SES, after it read its shard.
      const hooked = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      let early: string | undefined;
      let complains: string | undefined;
      hooked.middlewareStack.add(
        (next) => async (args) => {
          if (early === undefined) {
            const to = (args.input as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? [];
            early = pair.find((address) => to.includes(address))!;
            complains = pair.find((address) => address !== early)!;
            await feedback(s3, site, during)(snsEvent({ eventType: 'Complaint', mail: { timestamp: '2014-05-05T00:00:00.000Z' }, complaint: { complainedRecipients: [{ emailAddress: complains }] } }), lambdaContext('ses-feedback', 'fb-complaint'));
          }
          return next(args);
        },
        { step: 'initialize' },
      );
      expect(await sender(s3, hooked, site, during)(sqsEvent('a', batches.get(shardOf(pair[0]))!), lambdaContext('digest-sender', 's-a'))).toEqual({ batchItemFailures: [] });
      expect(early).toBeDefined();
      // Between batches: a hard bounce (of last week's issue) before `bounces`'s shard's batch.
      await feedback(s3, site, during)(snsEvent({ eventType: 'Bounce', mail: { timestamp: '2014-05-05T00:00:00.000Z' }, bounce: { bounceType: 'Permanent', feedbackId: `hard-${tag}`, bouncedRecipients: [{ emailAddress: bounces }] } }), lambdaContext('ses-feedback', 'fb-bounce'));
      expect(await sender(s3, ses, site, during)(sqsEvent('b', batches.get(shardOf(bounces))!), lambdaContext('digest-sender', 's-b'))).toEqual({ batchItemFailures: [] });
      expect([await received(early!), await received(complains!), await received(bounces)]).toEqual([1, 0, 0]);
      const batchLines = logs.lines().filter((line) => line.message === 'digest batch');
      expect(batchLines.map((line) => [line.shard, line.sent, line.skipped])).toEqual([[shardOf(early!), 1, 1], [shardOf(bounces), 0, 0]]);
      expect(await received(oil)).toBe(0);

      // A batch delivered again after its shard emptied: `oil` chose a tag the site no longer has, and complained
      // after its batch; SQS delivers the batch again (its receive count 2), which finds nobody and so no gone tag.
      const output = new S3Store(s3, site.siteBucket, '');
      expect(await sender(s3, ses, site, during)(sqsEvent('c', batches.get(shardOf(oil))!), lambdaContext('digest-sender', 's-c'))).toEqual({ batchItemFailures: [] });
      expect(await readGoneTags(output)).toEqual({ week: '2014-W19', goneTags: { oil: 1 } });
      await feedback(s3, site, during)(snsEvent({ eventType: 'Complaint', mail: { timestamp: '2014-05-05T00:00:00.000Z' }, complaint: { complainedRecipients: [{ emailAddress: oil }] } }), lambdaContext('ses-feedback', 'fb-oil'));
      expect(await sender(s3, ses, site, during)(sqsEvent('c', batches.get(shardOf(oil))!, 2), lambdaContext('digest-sender', 's-c2'))).toEqual({ batchItemFailures: [] });
      expect(await readGoneTags(output)).toBeUndefined();

      // The next week: both batches again, as queued for 2014-W20; only `early` is mailed.
      await s3.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'content/entries/2014/trade-w20.md', Body: entryText(entry({ title: 'Trade next week', url: 'https://news.example.com/t2', date: '2014-05-14', tags: ['trade'] })) }));
      const next = DateTime.fromISO(NOW).plus({ weeks: 1 }).toISO()!;
      const nextBatches = await scheduledBatches(s3, ses, site, next);
      for (const shard of [shardOf(early!), shardOf(bounces)]) expect(await sender(s3, ses, site, next)(sqsEvent(`n-${shard}`, nextBatches.get(shard)!), lambdaContext('digest-sender', `n-${shard}`))).toEqual({ batchItemFailures: [] });
      expect([await received(early!), await received(complains!), await received(bounces)]).toEqual([2, 0, 0]);
    } finally {
      logs.restore();
    }
  }, 90_000);
});
