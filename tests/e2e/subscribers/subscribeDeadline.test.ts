import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, it } from 'vitest';
import { s3ClientOptions } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { ANSWER_MARGIN_MS, createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createS3Client } from '../../../lib/store/s3Client.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// The subscribe function runs for 10 s (serverless.yml), and its S3 client, with the SDK's retries, may wait far
// longer on a store that takes requests and never answers. The real handler, with the S3 client it builds from
// its environment, against s3rver behind a proxy that hangs: the reader gets the 503 page before the timeout.
const s3Endpoint = inject('s3Endpoint');
const client = testS3Client(s3Endpoint);
const ORIGIN = 'origin-secret-cloudfront-adds-1234';
let proxy: FaultProxy;
let handler: ReturnType<typeof createSubscribeHandler>;
let contentBucket: string;
let siteBucket: string;
let ssm: SSMClient;
let logs: ReturnType<typeof captureLogs>;

/** Lambda's context with `remainingMs` of the function's time left at the start. */
function contextWith(remainingMs: number): Context {
  const end = performance.now() + remainingMs;
  return { ...lambdaContext('broadsheet-test-subscribe', 'req-slow-1'), getRemainingTimeInMillis: () => Math.max(0, Math.round(end - performance.now())) };
}

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'subscribe-slow-content');
  siteBucket = await freshBucket(client, 'subscribe-slow-site');
  await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'content/site.yml', Body: siteYaml({}, DIGEST) }));
  proxy = await FaultProxy.start(s3Endpoint);
  const env = { ...s3rverEnv(proxy.endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin' };
  const config = readSubscribeConfig(env);
  ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ssmMock = mockClient(ssm);
  ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: 'function-token-secret-long-enough' } });
  ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
  handler = createSubscribeHandler(() => ({
    config,
    // As defaultDeps builds it: the bounds of the environment's S3 settings (their defaults here).
    s3: createS3Client({ ...s3ClientOptions(config.s3), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    ses: new SESv2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    ssm,
    logger: createLogger('broadsheet-subscribe'),
  }));
});
afterAll(async () => {
  proxy.decide = () => 'pass';
  await proxy?.close();
});
beforeEach(() => (logs = captureLogs()));
afterEach(() => logs.restore());

describe('the subscribe function on a store that never answers', () => {
  it('answers the 503 page before its timeout, and logs the request as failed', async () => {
    proxy.decide = () => 'hang';
    const remainingMs = ANSWER_MARGIN_MS + 700;
    const started = performance.now();
    const event = functionUrlEvent({ method: 'POST', path: '/subscribe', body: 'email=slow%40example.org', headers: { 'content-type': 'application/x-www-form-urlencoded', [ORIGIN_HEADER]: ORIGIN } });
    const response = await handler(event, contextWith(remainingMs));
    const elapsed = performance.now() - started;
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(response.body).toBe('Sorry, this did not work; please try again later (request req-slow-1).\n');
    expect(elapsed).toBeGreaterThanOrEqual(690);
    expect(elapsed).toBeLessThan(remainingMs);
    // The store was asked (site.yml first) and did not answer.
    expect(proxy.seen[0]).toMatchObject({ method: 'GET', fault: 'hang' });
    expect(proxy.seen[0]!.url).toContain('content/site.yml');
    const failed = logs.lines().find((line) => line.message === 'request failed');
    // The step that did not answer, by name: site.yml's read from S3.
    expect(failed).toMatchObject({ error: { name: 'TimeoutError', message: expect.stringMatching(/^no answer from S3 \(site\.yml\) within \d+ ms$/) }, method: 'POST', path: '/subscribe' });
    // What was left of the 700 ms when the handler began waiting.
    const waited = Number(/within (\d+) ms/.exec(String((failed!.error as { message: string }).message))![1]);
    expect(waited).toBeGreaterThan(500);
    expect(waited).toBeLessThanOrEqual(700);
    expect(logs.raw()).not.toContain('slow@example.org');
  });

  it("names SES when the confirmation's send is the step that does not answer (S3 answering)", async () => {
    proxy.decide = () => 'pass';
    const sesProxy = await FaultProxy.start(inject('sesEndpoint'));
    sesProxy.decide = () => 'hang';
    try {
      const config = readSubscribeConfig({ ...s3rverEnv(proxy.endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin', SES_CONFIGURATION_SET: 'broadsheet-test', SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org', ANSWER_FLOOR_MS: '0' });
      const onHungSes = createSubscribeHandler(() => ({ config, s3: client, ses: new SESv2Client({ region: 'us-east-1', endpoint: sesProxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), ssm, logger: createLogger('broadsheet-subscribe') }));
      const event = functionUrlEvent({ method: 'POST', path: '/subscribe', body: 'email=slow-mail%40example.org', headers: { 'content-type': 'application/x-www-form-urlencoded', [ORIGIN_HEADER]: ORIGIN } });
      expect((await onHungSes(event, contextWith(ANSWER_MARGIN_MS + 1_500))).statusCode).toBe(503);
      expect(sesProxy.seen).toHaveLength(1);
      const failed = logs.lines().find((line) => line.message === 'request failed');
      expect(failed).toMatchObject({ error: { name: 'TimeoutError', message: expect.stringMatching(/^no answer from SES \(the confirmation\) within \d+ ms$/) } });
    } finally {
      sesProxy.decide = () => 'pass';
      await sesProxy.close();
    }
  });
});
