import type { S3Client } from '@aws-sdk/client-s3';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { DateTime } from 'luxon';
import { createLogger } from '../../functions/logger.js';
import { createPublishHandler } from '../../functions/publish.js';
import { createSsmClient } from '../../functions/ssmClient.js';
import { createTriggerHandler } from '../../functions/trigger.js';
import { S3Store } from '../../lib/store/s3Store.js';
import { serveAws, serveFunctionUrl, type LoopbackAws, type LoopbackServer } from './loopbackLambda.js';

const PARAMETER = '/broadsheet/test/trigger-token';

/**
 * The real trigger handler behind a loopback Function URL, invoking the real publish handler (from `contentBucket`'s
 * `content/` into `siteBucket`, as of `now`) through a loopback Lambda endpoint; its token from a loopback SSM. `close`
 * waits for the invocations under way, then stops both.
 */
export async function serveTriggerWithPublish(options: { s3: S3Client; contentBucket: string; siteBucket: string; token: string; now: DateTime }): Promise<{ aws: LoopbackAws; trigger: LoopbackServer; close: () => Promise<void> }> {
  const { s3, contentBucket, siteBucket, now } = options;
  const publish = createPublishHandler(() => ({
    config: { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 2, requestTimeoutMs: 5_000 } },
    s3,
    logger: createLogger('broadsheet-publish'),
    clock: () => now,
  }));
  const aws = await serveAws({ 'broadsheet-test-publish': publish as never }, { [PARAMETER]: options.token });
  const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
  const trigger = await serveFunctionUrl(
    'broadsheet-test-trigger',
    createTriggerHandler(() => ({
      config: { publishFunctionName: 'broadsheet-test-publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: PARAMETER },
      lambda: new LambdaClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }),
      ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials }),
      logger: createLogger('broadsheet-trigger'),
      runs: new S3Store(s3, siteBucket, ''),
    })),
  );
  return {
    aws,
    trigger,
    close: async () => {
      await aws.idle();
      await trigger.close();
      await aws.close();
    },
  };
}
