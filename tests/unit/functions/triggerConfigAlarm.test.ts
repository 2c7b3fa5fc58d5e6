import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTriggerConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createTriggerHandler } from '../../../functions/trigger.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { metricFilterMatches, metricFilterPattern } from '../../support/metricFilterPattern.js';

// serverless.yml's TriggerConfigErrors filter against the lines the trigger really writes: a setting it cannot use
// answers 500, which Lambda counts as no error. SSM and Lambda are the SDK mock (no server emulates either).
const PATTERN = metricFilterPattern('TriggerConfigErrorsMetricFilter');
const TOKEN = 'k3J9-pQ2x_Vb7LmN8rT4wZ6y';
const ENV = { PUBLISH_FUNCTION_NAME: 'broadsheet-test-publish', DIGEST_FUNCTION_NAME: 'broadsheet-test-digest', TOKEN_PARAMETER: '/b/trigger-token' };
const nowhere = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** The trigger whose SSM answers the token's GetParameter with `token` (its value, or the error thrown): its answer to `body`, and its lines the filter counts. */
async function answered(token: string | Error, body = '{}', env: Record<string, string> = ENV) {
  const ssm = new SSMClient(nowhere);
  const ssmMock = mockClient(ssm);
  if (token instanceof Error) ssmMock.on(GetParameterCommand).rejects(token);
  else ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: token } });
  const lambda = new LambdaClient(nowhere);
  mockClient(lambda).on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'invocation-1' } });
  const handler = createTriggerHandler(() => ({ config: readTriggerConfig(env), lambda, ssm, logger: createLogger('broadsheet-trigger') }));
  const response = await handler(functionUrlEvent({ headers: { authorization: `Bearer ${TOKEN}` }, body }), lambdaContext('broadsheet-test-trigger', 'req-alarm'));
  const lines = logs.lines();
  logs.restore();
  logs = captureLogs();
  return { status: response.statusCode, lines, counted: lines.filter((line) => metricFilterMatches(PATTERN, line)) };
}

describe("serverless.yml's TriggerConfigErrors alarm, on the trigger's real log lines", () => {
  it('counts the request failed line of a token parameter that does not exist, a token too short and a variable missing: each 500', async () => {
    const missing = await answered(new ParameterNotFound({ message: '', $metadata: { httpStatusCode: 400 } }));
    const short = await answered('short');
    const unset = await answered(TOKEN, '{}', { ...ENV, TOKEN_PARAMETER: '' });
    expect([missing.status, short.status, unset.status]).toEqual([500, 500, 500]);
    expect(missing.counted).toEqual([expect.objectContaining({ level: 'ERROR', message: 'request failed', error: expect.objectContaining({ name: 'ParameterError', variable: 'TOKEN_PARAMETER', transient: false }) })]);
    expect(short.counted).toEqual([expect.objectContaining({ error: expect.objectContaining({ name: 'ParameterError', transient: false }) })]);
    expect(unset.counted).toEqual([expect.objectContaining({ error: expect.objectContaining({ name: 'ConfigError' }) })]);
  });

  it('counts neither an answered request (202, or 400 for a body it refuses) nor SSM failing to answer just now (502)', async () => {
    const queued = await answered(TOKEN);
    const refused = await answered(TOKEN, '{"dryRun": "yes"}');
    const throttled = await answered(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    expect([queued.status, refused.status, throttled.status]).toEqual([202, 400, 502]);
    // Each wrote its lines (the request's, and the throttled read's ERROR), and the filter takes none of them.
    expect(throttled.lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'request failed', error: expect.objectContaining({ name: 'ParameterError', transient: true }) }));
    for (const run of [queued, refused, throttled]) {
      expect(run.lines.length).toBeGreaterThan(0);
      expect(run.counted).toEqual([]);
    }
  });
});
