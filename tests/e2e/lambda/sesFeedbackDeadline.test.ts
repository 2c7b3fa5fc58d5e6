import type { Context, SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readS3Settings } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createSesFeedbackHandler, FEEDBACK_REQUEST_NEEDS_MS, feedbackS3Options } from '../../../functions/sesFeedback.js';
import { DeadlineError, StoreError } from '../../../lib/shared/errors.js';
import { createS3Client } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// The real handler, with the S3 client its defaultDeps builds, against s3rver behind a proxy that can hang: it never
// starts an S3 request that could outlast its time, and a hung S3 fails the run with the client's own bounds, before
// Lambda's timeout would cut it off, so that Lambda retries the event.
const s3Endpoint = inject('s3Endpoint');
const client = testS3Client(s3Endpoint);
let proxy: FaultProxy;
let bucket: string;
let handler: ReturnType<typeof createSesFeedbackHandler>;

function contextWith(remainingMs: number): Context {
  const end = performance.now() + remainingMs;
  return { ...lambdaContext('broadsheet-test-ses-feedback', 'req-slow'), getRemainingTimeInMillis: () => Math.max(0, Math.round(end - performance.now())) };
}

const hardBounce: SNSEvent = {
  Records: [{ Sns: { MessageId: 'sns-slow-1', Message: JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General', feedbackId: 'fb-slow-1', bouncedRecipients: [{ emailAddress: 'slow@example.org' }] }, mail: { messageId: 'm-1', destination: ['slow@example.org'] } }) } }],
} as unknown as SNSEvent;

beforeAll(async () => {
  bucket = await freshBucket(client, 'feedback-slow');
  proxy = await FaultProxy.start(s3Endpoint);
  // A request timeout under the function's own cap, which the function takes (feedbackS3Options), keeps the hang short.
  const settings = readS3Settings({ ...s3rverEnv(proxy.endpoint), S3_REQUEST_TIMEOUT_MS: '500' });
  handler = createSesFeedbackHandler(() => ({
    config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' },
    s3: createS3Client({ ...feedbackS3Options(settings), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    logger: createLogger('broadsheet-ses-feedback'),
  }));
});
afterAll(async () => {
  proxy.decide = () => 'pass';
  await proxy?.close();
});

describe('the ses-feedback function on a slow S3', () => {
  it('starts no S3 request with less time left than one may take: a DeadlineError, nothing asked of S3', async () => {
    proxy.decide = () => 'pass';
    const before = proxy.seen.length;
    const logs = captureLogs();
    const error = await handler(hardBounce, contextWith(FEEDBACK_REQUEST_NEEDS_MS - 200)).catch((e: unknown) => e);
    logs.restore();
    // The store names the request it could not make, and why.
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).cause).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot list s3://${bucket}/_subscribers/<hash>/: DeadlineError: \\d+ ms of the function's time left, under the ${FEEDBACK_REQUEST_NEEDS_MS} ms one more S3 request may take; the event is retried$`));
    expect(proxy.seen.length).toBe(before);
    // Logged once, with the request's id, before Lambda's runtime prints the throw.
    expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'feedback failed; Lambda retries the event', function_request_id: 'req-slow', error: { name: 'StoreError', message: (error as Error).message } })]);
  });

  it('fails a request S3 never answers within its bounds, before its time is up; with time, the same event is recorded', async () => {
    proxy.decide = () => 'hang';
    const remainingMs = FEEDBACK_REQUEST_NEEDS_MS + 500;
    const started = performance.now();
    const error = await handler(hardBounce, contextWith(remainingMs)).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
    expect(elapsed).toBeLessThan(remainingMs);
    // The client's 3 attempts, each cut off.
    expect(proxy.seen.filter((r) => r.fault === 'hang')).toHaveLength(3);
    proxy.decide = () => 'pass';
    expect(await handler(hardBounce, contextWith(FEEDBACK_REQUEST_NEEDS_MS * 2))).toEqual({ suppressed: 1 });
    expect(await new S3Store(client, bucket, '_subscribers/').list('')).toHaveLength(1);
  }, 40_000);
});
