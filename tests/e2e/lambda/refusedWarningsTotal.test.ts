import { InvokeCommand, LambdaClient, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { MAX_LISTED, type PublishOutcome } from '../../../functions/publishEvents.js';
import { readPublishConfig } from '../../../functions/config.js';
import { publishRoute } from '../../../functions/routes/publishRoute.js';
import type { TriggerServices } from '../../../functions/http/router.js';
import { pushContent } from '../../../cli/pushContent.js';
import { findRun } from '../../../lib/publish/runHistory.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// A refusal with more warnings than an answer lists (MAX_LISTED) still says how many there are (`warningsTotal`): in
// the publish function's answer, the trigger's 422 that passes it on, and a digest run's answer and run record, which
// take the publish function's. s3rver holds the buckets; Lambda is the SDK mock (no server emulates it), its Invoke
// running the real publish handler.
const s3Endpoint = inject('s3Endpoint');
const s3 = testS3Client(s3Endpoint);
const PUBLISH_FUNCTION = 'broadsheet-test-publish';
// One entry with its title missing (the problem) and fields no entry has (a warning each: "is not a known field").
const UNKNOWN = MAX_LISTED + 15;
const unknownFields = Object.fromEntries(Array.from({ length: UNKNOWN }, (_, i) => [`extra${i}`, 'x']));
let contentBucket: string;
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  contentBucket = await freshBucket(s3, 'warnings-total');
  siteBucket = await freshBucket(s3, 'warnings-total-site');
  const valid = memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry()) } });
  await pushContent({ from: valid, to: new S3Store(s3, contentBucket, 'valid/') });
  const broken = memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: undefined, ...unknownFields })) } });
  await pushContent({ from: broken, to: new S3Store(s3, contentBucket, 'content/') });
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

const NOW = '2014-05-26T08:00:00+09:00';
const publishHandler = (contentPrefix: string) =>
  createPublishHandler(() => ({
    config: readPublishConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: contentPrefix, SITE_BUCKET: siteBucket }),
    s3,
    logger: createLogger('broadsheet-test-publish'),
    clock: () => DateTime.fromISO(NOW),
  }));

/** A Lambda client whose Invoke of the publish function runs the real publish handler over content/. */
function publishFunction(): LambdaClient {
  const publish = publishHandler('content/');
  const lambda = new LambdaClient({ region: 'us-east-1' });
  mockClient(lambda)
    .on(InvokeCommand)
    .callsFake(async (input: InvokeCommandInput) => {
      const outcome = await publish(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')), lambdaContext(PUBLISH_FUNCTION, 'publish-1'));
      return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(outcome)), $metadata: { requestId: 'publish-1' } } as never;
    });
  return lambda;
}

describe('a refusal with more warnings than an answer lists', () => {
  it('counts them all in the publish answer, the trigger 422 and the digest answer and run record', { timeout: 60_000 }, async () => {
    // A site published already: a refused run is recorded only there.
    expect(await publishHandler('valid/')({ source: 'broadsheet.trigger' }, lambdaContext(PUBLISH_FUNCTION, 'publish-0'))).toMatchObject({ ok: true });

    const published = (await publishHandler('content/')({ source: 'broadsheet.trigger' }, lambdaContext(PUBLISH_FUNCTION, 'publish-2'))) as Extract<PublishOutcome, { ok: false }>;
    expect(published).toMatchObject({ ok: false, error: 'ContentError', problemsTotal: 1, warningsTotal: UNKNOWN });
    expect(published.warningDetails).toHaveLength(MAX_LISTED);

    const services = { config: { publishFunctionName: PUBLISH_FUNCTION, digestFunctionName: 'd', tokenParameter: '/t' }, lambda: publishFunction(), logger: createLogger('broadsheet-test-trigger') } as unknown as TriggerServices;
    const dryRun = await publishRoute.handle({ body: { dryRun: true }, requestId: 'trigger-1' }, services);
    expect(dryRun.statusCode).toBe(422);
    expect(JSON.parse(dryRun.body!)).toMatchObject({ problemsTotal: 1, warningsTotal: UNKNOWN });

    const digest = createDigestHandler(() => ({
      config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, PUBLISH_FUNCTION_NAME: PUBLISH_FUNCTION, SUBSCRIBERS_PREFIX: '_subscribers/' }),
      s3,
      // Never asked: an archive alone sends nothing.
      ses: new SESv2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }),
      lambda: publishFunction(),
      logger: createLogger('broadsheet-test-digest'),
      clock: () => DateTime.fromISO(NOW),
    }));
    const outcome = (await digest({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: false }, lambdaContext('broadsheet-test-digest', 'digest-1'))) as Extract<DigestOutcome, { ok: false }>;
    expect(outcome).toMatchObject({ ok: false, error: 'ContentError', problemsTotal: 1, warningsTotal: UNKNOWN });
    expect(outcome.warningDetails).toHaveLength(MAX_LISTED);
    expect(await findRun(new S3Store(s3, siteBucket, ''), 'digest-1')).toMatchObject({ kind: 'digest', outcome: 'invalid', warningsTotal: UNKNOWN });
  });
});
