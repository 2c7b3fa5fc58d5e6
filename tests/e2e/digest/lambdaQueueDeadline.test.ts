import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context, SQSEvent } from 'aws-lambda';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { archiveMarginMs } from '../../../functions/archiveMargin.js';
import { s3ClientOptions } from '../../../functions/config.js';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { digestRetried } from '../../../functions/digestRetried.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { createLogger } from '../../../functions/logger.js';
import { SQS_REQUEST_WORST_MS, SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { findRun } from '../../../lib/publish/runHistory.js';
import { DeadlineError, StoreError } from '../../../lib/shared/errors.js';
import { s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { lambdaContext } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, recordingSqs, storeDigestSite, type StoreDigestSite } from '../subscribers/storeDigestSite.js';
import { sesStoreSince } from './support.js';

// The digest function's requests once the publish function has answered, each checked against its time left: one that
// could outlast the run with its record after it is not made, and the run fails with its record written. The time
// running short is the context's (no server here can be made slow for a test without taking its whole timeout); the
// buckets are s3rver's, SQS is the SDK mock (no SQS server runs here), the mail the SES emulator's.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const sesStore = sesStoreSince(sesEndpoint);
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const NOW = '2014-05-12T09:00:00+09:00';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/broadsheet-test-digest-batches';
const tag = `${process.pid}q${Date.now() % 100000}`;
const shardOf = (address: string) => parseInt(subscriberId(address).slice(0, 2), 16);
/** The batches queued before the time runs short: three calls of ten, shards 00 to 1d. */
const QUEUED_FIRST = 30;
// One reader whose shard the cut-off run queued, one whose shard it did not.
const pick = (prefix: string, fits: (shard: number) => boolean) => {
  for (let i = 0; ; i++) if (fits(shardOf(`${prefix}${i}-${tag}@example.org`))) return `${prefix}${i}-${tag}@example.org`;
};
const early = pick('early', (shard) => shard < QUEUED_FIRST);
const late = pick('late', (shard) => shard >= QUEUED_FIRST);
let site: StoreDigestSite;

beforeAll(async () => {
  site = await storeDigestSite(s3, 'qdeadline');
  for (const address of [early, late]) await addSubscriber(site.store, address, { method: 'added', now: DateTime.fromISO('2014-05-05T09:00:00+09:00') });
});

const env = () => ({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'queue-deadline-secret-long-enough', FANOUT_QUEUE_URL: QUEUE_URL, SENDER_CONCURRENCY: '2' });

function digestWith(queued: string[], digestS3 = s3) {
  const config = readDigestFunctionConfig(env());
  return createDigestHandler(() => ({ config, s3: digestS3, ses, lambda: publishLambda(s3, s3Endpoint, site, NOW), queue: new SqsBatchQueue(recordingSqs(queued), QUEUE_URL), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
}

const sqsEvent = (bodies: string[], from: string): SQSEvent => ({
  Records: bodies.map((body, i) => ({ messageId: `${from}-${i}`, receiptHandle: `h-${from}-${i}`, body, attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1399852800000', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1399852800000' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:broadsheet-test-digest-batches', awsRegion: 'us-east-1' })),
});

async function receivedBy(): Promise<string[]> {
  const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.flatMap((email) => email.destination.to).filter((to) => to.includes(tag));
}

describe('the digest function, its time short once the publish function has answered', () => {
  it('reads nothing more of S3 that could outlast its record: the run fails, recorded, nothing queued', async () => {
    const settings = readDigestFunctionConfig(env()).s3;
    // Enough to wait for the publish function (the record's margin and more), short of one more S3 request with it.
    const needs = s3RequestWorstCaseMs(s3ClientOptions(settings)) + archiveMarginMs(settings);
    const context: Context = { ...lambdaContext('broadsheet-test-digest', 'dq-s3'), getRemainingTimeInMillis: () => needs - 1 };
    const queued: string[] = [];
    const error = await digestWith(queued, testS3Client(s3Endpoint))({ source: 'broadsheet.schedule' }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).cause).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toContain(`DeadlineError: ${needs - 1} ms of the function's time left, under the ${needs} ms one more S3 request may take; the run fails, recorded`);
    expect(queued).toEqual([]);
    expect(await findRun(new S3Store(s3, site.siteBucket, ''), 'dq-s3')).toMatchObject({ kind: 'digest', outcome: 'failed', error: 'StoreError', message: expect.stringContaining('one more S3 request may take') });
  });

  it("fails, recorded, when the site's tag list is refused for its time (not sent on without it, as for a list that cannot be read)", async () => {
    const settings = readDigestFunctionConfig(env()).s3;
    const needs = s3RequestWorstCaseMs(s3ClientOptions(settings)) + archiveMarginMs(settings);
    // The time runs short as the tag list is asked for: every request before it fits.
    const digestS3 = testS3Client(s3Endpoint);
    let asked = '';
    digestS3.middlewareStack.add(
      (next) => async (args) => {
        asked = (args.input as { Key?: string }).Key ?? '';
        return next(args);
      },
      { step: 'initialize', name: 'askedKey' },
    );
    const context: Context = { ...lambdaContext('broadsheet-test-digest', 'dq-tags'), getRemainingTimeInMillis: () => (asked.endsWith('tags/tags.json') ? needs - 1 : 900_000) };
    const queued: string[] = [];
    const error = await digestWith(queued, digestS3)({ source: 'broadsheet.schedule' }, context).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^cannot read s3:\/\/[^ ]+\/tags\/tags\.json: DeadlineError: /);
    expect(queued).toEqual([]);
    expect(await findRun(new S3Store(s3, site.siteBucket, ''), 'dq-tags')).toMatchObject({ kind: 'digest', outcome: 'failed', error: 'StoreError' });
  });

  it('queues no batch that could outlast its record, names those left, and a rerun queues them: each mailbox sent once', async () => {
    const settings = readDigestFunctionConfig(env()).s3;
    const needs = SQS_REQUEST_WORST_MS + archiveMarginMs(settings);
    const first: string[] = [];
    // Time for everything until three calls of ten are queued; then a millisecond short of one more call and the record.
    const context: Context = { ...lambdaContext('broadsheet-test-digest', 'dq-1'), getRemainingTimeInMillis: () => (first.length < QUEUED_FIRST ? 900_000 : needs - 1) };
    const error = await digestWith(first)({ source: 'broadsheet.schedule' }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    const message = `${QUEUED_FIRST} of the 256 batches queued, the ${256 - QUEUED_FIRST} from shard ${QUEUED_FIRST.toString(16).padStart(2, '0')} on not: ${needs - 1} ms of the function's time left, under the ${needs} ms one more SQS request may take; ${digestRetried(true)}`;
    expect((error as Error).message).toBe(message);
    expect(first).toHaveLength(QUEUED_FIRST);
    // Its record says so (the record's write itself is never refused).
    expect(await findRun(new S3Store(s3, site.siteBucket, ''), 'dq-1')).toMatchObject({ kind: 'digest', outcome: 'failed', week: '2014-W19', error: 'DeadlineError', message });

    const again: string[] = [];
    const rerun = await digestWith(again)({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'dq-2'));
    expect(rerun).toMatchObject({ ok: true, week: '2014-W19', queued: { batches: 256 } });
    // The early reader's shard is now queued twice (by each run), the late one's once: both runs' batches of the two
    // readers' shards delivered, the first run's first, each mailbox is sent the week once.
    const held = new Set([early, late].map(shardOf));
    const batches = [...first, ...again].filter((body) => held.has(parseInt((JSON.parse(body) as { shard: string }).shard, 16)));
    expect(batches).toHaveLength(3);
    const sender = createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...env(), PUBLISH_FUNCTION_NAME: '' }), s3, ses, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }));
    const answer = await sender(sqsEvent(batches, 'b'), lambdaContext('broadsheet-test-digest-sender', 's-1'));
    expect(answer.batchItemFailures).toEqual([]);
    expect((await receivedBy()).sort()).toEqual([early, late].sort());
  }, 60_000);
});
