import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSubscribeHandler, LINK_PATHS, ORIGIN_HEADER, SIGNUP_PATHS } from '../../../functions/subscribe.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { metricFilterMatches, metricFilterPattern } from '../../support/metricFilterPattern.js';

// serverless.yml's SubscribeConfigErrors filters (one per function's log group) against the lines the functions
// really write: a setting they cannot use answers the 503 page, which Lambda counts as no error, so the line is all
// that reaches a person. SSM is the SDK mock (no server emulates it); nothing here gets as far as S3 or SES.
const FILTERS = ['SubscribeConfigErrorsMetricFilter', 'SubscriberLinksConfigErrorsMetricFilter'];
const ENV = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };
const nowhere = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** The subscribe function of `paths` whose SSM answers the origin secret's GetParameter with `origin` (its value, or the error thrown), and its answer to one request. */
async function answered(paths: typeof SIGNUP_PATHS, origin: string | Error, env: Record<string, string> = ENV) {
  const ssm = new SSMClient(nowhere);
  const mock = mockClient(ssm);
  mock.on(GetParameterCommand, { Name: '/b/secret' }).resolves({ Parameter: { Value: 'a-long-enough-token-secret' } });
  if (origin instanceof Error) mock.on(GetParameterCommand, { Name: '/b/origin' }).rejects(origin);
  else mock.on(GetParameterCommand, { Name: '/b/origin' }).resolves({ Parameter: { Value: origin } });
  const handler = createSubscribeHandler(() => ({ config: readSubscribeConfig(env), s3: new S3Client(nowhere), ses: new SESv2Client(nowhere), ssm, logger: createLogger('broadsheet-subscribe') }), paths);
  const response = await handler(functionUrlEvent({ method: 'POST', path: paths[0]!, body: 'email=ada%40example.org', headers: { [ORIGIN_HEADER]: 'x', 'content-type': 'application/x-www-form-urlencoded' } }), lambdaContext('broadsheet-test-subscribe', 'req-alarm'));
  const failed = logs.lines().filter((line) => line.message === 'request failed');
  expect(failed).toHaveLength(1);
  return { status: response.statusCode, line: failed[0]!, counted: FILTERS.map((filter) => metricFilterMatches(metricFilterPattern(filter), failed[0]!)) };
}

describe("serverless.yml's SubscribeConfigErrors alarm, on the subscribe functions' real log lines", () => {
  it('counts an SSM parameter that does not exist, from either function: every request gets 503 until it is stored', async () => {
    for (const paths of [SIGNUP_PATHS, LINK_PATHS]) {
      const { status, line, counted } = await answered(paths, new ParameterNotFound({ message: '', $metadata: { httpStatusCode: 400 } }));
      expect(status).toBe(503);
      expect(line).toMatchObject({ level: 'ERROR', error: { name: 'ParameterError', parameter: '/b/origin', variable: 'ORIGIN_SECRET_PARAMETER', transient: false } });
      expect(counted).toEqual([true, true]);
      logs.restore();
      logs = captureLogs();
    }
  });

  it('counts a secret too short to use, and an environment variable missing (a ConfigError)', async () => {
    const short = await answered(SIGNUP_PATHS, 'short');
    expect([short.status, short.counted]).toEqual([503, [true, true]]);
    logs.restore();
    logs = captureLogs();
    const unset = await answered(SIGNUP_PATHS, 'an-origin-secret-long-enough', { ...ENV, ORIGIN_SECRET_PARAMETER: '' });
    expect(unset.line).toMatchObject({ level: 'ERROR', error: { name: 'ConfigError' } });
    expect([unset.status, unset.counted]).toEqual([503, [true, true]]);
  });

  it('does not count SSM failing to answer just now (throttled): the next request reads it again', async () => {
    const { status, line, counted } = await answered(SIGNUP_PATHS, Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    expect(status).toBe(503);
    expect(line).toMatchObject({ level: 'ERROR', error: { name: 'ParameterError', transient: true } });
    expect(counted).toEqual([false, false]);
  });
});
