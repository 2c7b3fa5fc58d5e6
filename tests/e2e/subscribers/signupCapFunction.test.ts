import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER, SIGNUP_CAP_REACHED } from '../../../functions/subscribe.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { SIGNUP_FOLDER } from '../../../lib/subscribers/storeSignupCap.js';
import { REPO } from '../../support/cli.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// The hourly signup cap through the real subscribe function (s3rver for the store, the SES emulator; SSM alone the
// SDK mock, as in signupFlood.test.ts): the hour's signups taken already, as other instances would have taken them,
// at a cap of 3 set by SIGNUPS_PER_HOUR (the signupsPerHour param), not the default 100.
const SIGNUPS_PER_HOUR = 3;
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const ORIGIN = 'origin-secret-cloudfront-adds-1234';
const client = testS3Client(s3Endpoint);
const context = lambdaContext('broadsheet-test-subscribe', 'req-cap');
// 09:45 UTC: 15 minutes (900 s) before the hour ends.
const NOW = DateTime.fromISO('2014-05-12T09:45:00Z');
let handler: ReturnType<typeof createSubscribeHandler>;
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => (logs = captureLogs()));
afterEach(() => logs.restore());

const signup = (address: string, viewer: string) =>
  handler(functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(address)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': viewer } }), context);

beforeAll(async () => {
  const contentBucket = await freshBucket(client, 'cap-content');
  const siteBucket = await freshBucket(client, 'cap-site');
  await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { ...DIGEST, ses: { configurationSet: 'broadsheet-test' } }) }));
  const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ssmMock = mockClient(ssm);
  ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: 'function-token-secret-long-enough' } });
  ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
  const config = readSubscribeConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin', SES_CONFIGURATION_SET: 'broadsheet-test', SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org', ANSWER_FLOOR_MS: '0', SIGNUPS_PER_HOUR: String(SIGNUPS_PER_HOUR) });
  const hour = `${config.subscribersPrefix}${SIGNUP_FOLDER}2014-05-12T09/`;
  await Promise.all(Array.from({ length: SIGNUPS_PER_HOUR }, (_, slot) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `${hour}${String(slot).padStart(5, '0')}.json`, Body: '{"at":"2014-05-12T09:00:00.000Z"}\n' }))));
  const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  handler = createSubscribeHandler(() => ({ config, s3: client, ses, ssm, logger: createLogger('broadsheet-subscribe'), now: () => NOW }));
});

describe('the hourly signup cap through the subscribe function', () => {
  it('answers 429 until the hour ends, and logs the ERROR line its alarm counts once for the hour', async () => {
    const first = await signup('ada@example.org', '198.51.100.7:443');
    expect(first.statusCode).toBe(429);
    expect(first.headers?.['retry-after']).toBe('900');
    expect(first.body).not.toContain('ada');
    const second = await signup('grace@example.org', '203.0.113.9:443');
    expect(second.statusCode).toBe(429);
    const errors = logs.lines().filter((line) => line.level === 'ERROR');
    expect(errors).toEqual([expect.objectContaining({ message: SIGNUP_CAP_REACHED, hour: '2014-05-12T09:00:00.000Z', signupsPerHour: SIGNUPS_PER_HOUR })]);
    expect(logs.raw()).not.toContain('@');
    // The metric filter of its alarm matches that line (serverless.yml; tests/e2e/serverlessPackage counts the alarm).
    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    const filter = yml.slice(yml.indexOf('    SignupCapReachedMetricFilter:'), yml.indexOf('    SignupCapReachedAlarm:'));
    expect(filter).toContain('LogGroupName: !Ref SubscribeLogGroup');
    expect(filter).toContain(`FilterPattern: '{ $.level = "ERROR" && $.message = "${SIGNUP_CAP_REACHED}" }'`);
    expect(filter).toContain('MetricName: SignupCapReached');
  });
});
