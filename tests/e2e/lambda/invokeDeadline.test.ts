import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { archiveMarginMs } from '../../../functions/archiveMargin.js';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { ANSWER_MARGIN_MS } from '../../../functions/http/invoke.js';
import { createLambdaClient } from '../../../functions/lambdaClients.js';
import { createLogger } from '../../../functions/logger.js';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { createTriggerHandler, LATE_MARGIN_MS } from '../../../functions/trigger.js';
import { readS3Settings, s3ClientOptions } from '../../../functions/config.js';
import { createS3Client } from '../../../lib/store/s3Client.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { pushContent } from '../../../cli/pushContent.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { DateTime } from 'luxon';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { serveAws, type LoopbackAws } from '../../support/loopbackLambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { DEPLOYED_SECRET, deployedSampleSite, SAMPLE } from '../digest/support.js';

// A function that invokes another synchronously may run for less time than the one it waits for (the trigger
// 120 s, the publish function 900 s; the digest 900 s, as publish). The real trigger and digest handlers, with the
// real Lambda client, against a loopback Lambda Invoke endpoint whose functions are still running: each gives up
// while it still has time to answer, never waiting into its own timeout.
const TOKEN = 'Hq3-vB8nK2xL7mP4sW9yD6cF';
const PARAMETER = '/broadsheet/test/trigger-token';
const s3Endpoint = inject('s3Endpoint');
const s3 = testS3Client(s3Endpoint);
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
/** What the waits may have beyond the caller's bound: the loopback round trip and the handler's own work. */
const SLACK_MS = 700;

let release: () => void = () => undefined;
let running: Promise<void>;
let invoked: string[] = [];
let aws: LoopbackAws;
let logs: ReturnType<typeof captureLogs>;

/** A function still running when its caller has to answer: it ends only when the test releases it. */
const stillRunning = (name: string) => async (event: never) => {
  invoked.push(`${name} ${JSON.stringify(event)}`);
  await running;
  return { ok: true };
};

/** Lambda's context with `remainingMs` of the function's time left at the start. */
function contextWith(name: string, id: string, remainingMs: number): Context {
  const end = performance.now() + remainingMs;
  return { ...lambdaContext(name, id), getRemainingTimeInMillis: () => Math.max(0, Math.round(end - performance.now())) };
}

beforeAll(async () => {
  aws = await serveAws({ 'broadsheet-test-publish': stillRunning('publish') as never, 'broadsheet-test-digest': stillRunning('digest') as never }, { [PARAMETER]: TOKEN });
});
beforeEach(() => {
  invoked = [];
  running = new Promise((resolve) => (release = resolve));
  logs = captureLogs();
});
afterEach(() => {
  release();
  logs.restore();
});
afterAll(async () => {
  release();
  await aws?.close();
});

describe('the trigger, waiting for a synchronous run', () => {
  const trigger = () =>
    createTriggerHandler(() => ({
      config: { publishFunctionName: 'broadsheet-test-publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: PARAMETER },
      lambda: createLambdaClient('us-east-1', { endpoint: aws.url, credentials }),
      ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials }),
      logger: createLogger('broadsheet-trigger'),
    }));
  const call = (path: string, body: unknown, remainingMs: number) =>
    trigger()(functionUrlEvent({ path, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }), contextWith('broadsheet-test-trigger', 'trigger-1', remainingMs));

  it('answers a dry run that outlasts the trigger 504, naming the wait and what to do, before its own timeout', async () => {
    const remainingMs = ANSWER_MARGIN_MS + 800;
    const started = performance.now();
    const response = await call('/publish', { dryRun: true }, remainingMs);
    const elapsed = performance.now() - started;
    expect(response.statusCode).toBe(504);
    const body = JSON.parse(response.body as string) as { error: string };
    expect(body.error).toMatch(/^the publish function did not answer the dry run within the 1 s the trigger can wait; it writes nothing/);
    expect(body.error).toContain('broadsheet publish --dry-run');
    expect(elapsed).toBeGreaterThanOrEqual(790);
    expect(elapsed).toBeLessThan(remainingMs);
    expect(invoked).toEqual(['publish {"source":"broadsheet.trigger","requestedBy":"trigger-1","dryRun":true}']);
    expect(logs.lines().find((line) => line.message === 'request')).toMatchObject({ status: 504, path: '/publish' });
  });

  it('answers a digest archive that outlasts the trigger 504, pointing to GET /runs', async () => {
    const remainingMs = ANSWER_MARGIN_MS + 800;
    const started = performance.now();
    const response = await call('/digest', { week: '2014-W19' }, remainingMs);
    expect(performance.now() - started).toBeLessThan(remainingMs);
    expect(response.statusCode).toBe(504);
    expect((JSON.parse(response.body as string) as { error: string }).error).toMatch(/^the digest function did not answer within the 1 s the trigger can wait; .*GET \/runs/);
    expect(invoked).toHaveLength(1);
  });
});

describe('the trigger, reading run records from a store that never answers', () => {
  it('answers GET /runs 504 before its own timeout, rather than waiting on the S3 client\'s retries', async () => {
    const siteBucket = await freshBucket(s3, 'deadline-runs');
    const proxy = await FaultProxy.start(s3Endpoint);
    proxy.decide = () => 'hang';
    try {
      // The S3 client the trigger builds from its environment (10 s an attempt, 5 attempts, by default).
      const runs = new S3Store(createS3Client({ ...s3ClientOptions(readS3Settings(s3rverEnv(proxy.endpoint))), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }), siteBucket, '');
      const run = createTriggerHandler(() => ({
        config: { publishFunctionName: 'broadsheet-test-publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: PARAMETER },
        lambda: createLambdaClient('us-east-1', { endpoint: aws.url, credentials }),
        ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials }),
        logger: createLogger('broadsheet-trigger'),
        runs,
      }));
      const remainingMs = LATE_MARGIN_MS + 800;
      const started = performance.now();
      const response = await run(functionUrlEvent({ method: 'GET', path: '/runs', headers: { authorization: `Bearer ${TOKEN}` } }), contextWith('broadsheet-test-trigger', 'trigger-runs-1', remainingMs));
      const elapsed = performance.now() - started;
      expect(response.statusCode).toBe(504);
      expect((JSON.parse(response.body as string) as { error: string }).error).toBe("the trigger could not answer within its time (an AWS service is slow); see its logs for request trigger-runs-1, and GET /runs before asking again");
      expect(elapsed).toBeGreaterThanOrEqual(790);
      expect(elapsed).toBeLessThan(remainingMs);
      expect(proxy.seen[0]).toMatchObject({ method: 'GET', fault: 'hang' });
      expect(logs.lines().filter((line) => line.message === 'request timed out' || line.message === 'request').map((line) => [line.message, line.status])).toEqual([['request timed out', undefined], ['request', 504]]);
    } finally {
      proxy.decide = () => 'pass';
      await proxy.close();
    }
  });
});

describe('the digest function, waiting for the publish function', () => {
  it('gives up on a publish that outlasts its own time: throws so that Lambda retries, and sends nothing', async () => {
    const contentBucket = await freshBucket(s3, 'deadline-content');
    const siteBucket = await freshBucket(s3, 'deadline-site');
    await pushContent({ from: new LocalStore(SAMPLE), to: new S3Store(s3, contentBucket, 'content/') });
    await new S3Store(s3, contentBucket, 'content/').put('site.yml', await deployedSampleSite(), { contentType: 'application/yaml' });
    const config = readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SUBSCRIBERS_PREFIX: '_subscribers/', PUBLISH_FUNCTION_NAME: 'broadsheet-test-publish', DIGEST_UNSUBSCRIBE_SECRET: DEPLOYED_SECRET });
    const digest = createDigestHandler(() => ({
      config,
      s3,
      ses: createSesClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials }),
      lambda: createLambdaClient('us-east-1', { endpoint: aws.url, credentials }),
      logger: createLogger('broadsheet-test-digest'),
      clock: () => DateTime.fromISO('2014-05-19T08:00:00+09:00'),
    }));
    // The run's record at its worst and 10 s to log are kept (archiveMarginMs); the wait is what is left.
    const remainingMs = archiveMarginMs(config.s3) + 800;
    const started = performance.now();
    const error = await digest({ source: 'broadsheet.schedule' }, contextWith('broadsheet-test-digest', '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', remainingMs)).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    const elapsed = performance.now() - started;
    expect(error?.name).toBe('ArchiveError');
    expect(error?.message).toMatch(/^the publish function did not answer within the 1 s this run could wait; nothing was sent, and a retry publishes and sends/);
    expect(elapsed).toBeLessThan(800 + SLACK_MS + 1_500);
    // A scheduled run names no week: the publish is told the week is the default one (the week just ended).
    expect(invoked).toEqual(['publish {"source":"broadsheet.trigger","requestedBy":"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","digestWeek":"2014-W20","digestWeekByDefault":true}']);
    // Nothing archived by this run, nothing sent: the site bucket holds only the run's record (kept from the first run on).
    expect((await new S3Store(s3, siteBucket, '').list('')).map((object) => object.key)).toEqual([expect.stringMatching(new RegExp(`^${RUNS_PREFIX}\\d{13}-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\\.json$`))]);
  }, 30_000);
});
