import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTriggerHandler } from '../../../functions/trigger.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';

// The trigger built from its environment as on Lambda, with a token parameter named without its leading /
// (`--param tokenParameter=broadsheet-token`): its role may read only arn:…:parameter<name>, which SSM would
// refuse as AccessDenied on every request. It says which variable is wrong and how to write it instead.
const ssm = mockClient(SSMClient);
const saved = { ...process.env };
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => {
  Object.assign(process.env, { PUBLISH_FUNCTION_NAME: 'broadsheet-test-publish', DIGEST_FUNCTION_NAME: 'broadsheet-test-digest', TOKEN_PARAMETER: 'broadsheet-token', AWS_REGION: 'us-east-1' });
  logs = captureLogs();
});
afterAll(() => {
  logs.restore();
  for (const name of ['PUBLISH_FUNCTION_NAME', 'DIGEST_FUNCTION_NAME', 'TOKEN_PARAMETER']) if (saved[name] === undefined) delete process.env[name];
  Object.assign(process.env, saved);
});

it('answers 500 and logs the variable and its fix, without asking SSM, when TOKEN_PARAMETER has no leading /', async () => {
  const response = await createTriggerHandler()(functionUrlEvent({ headers: { authorization: 'Bearer k3J9-pQ2x_Vb7LmN8rT4wZ6y' } }), lambdaContext('broadsheet-test-trigger', 'trigger-config-1'));
  expect(response.statusCode).toBe(500);
  expect(JSON.parse(response.body as string)).toEqual({ error: "internal error; see the trigger's logs for request trigger-config-1" });
  expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
  const failed = logs.lines().find((line) => line.message === 'request failed');
  expect(failed).toMatchObject({ error: { name: 'ConfigError', message: expect.stringMatching(/^TOKEN_PARAMETER: "broadsheet-token" is not an SSM parameter path: write it with a leading \//) } });
});
