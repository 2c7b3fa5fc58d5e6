import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { json } from '../../../functions/http/responses.js';
import { ANSWER_BUDGET_BYTES, payloadBytes } from '../../../functions/http/answerBudget.js';
import type { Route } from '../../../functions/http/router.js';
import { createLogger } from '../../../functions/logger.js';
import { createTriggerHandler } from '../../../functions/trigger.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';

// An answer over what Lambda lets a function answer (6 MB) would reach the caller as Lambda's bare 502, with nothing
// in the trigger's log: the trigger answers 500 instead, and says why. SSM is the SDK mock (no server emulates it).
const TOKEN = 'k3J9-pQ2x_Vb7LmN8rT4wZ6y';
const config = { publishFunctionName: 'broadsheet-test-publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: '/b/trigger-token' };

/**
 * The trigger with one route, GET /quotes, answering `{"text": "…"}` of `count` quotes (each four bytes as Lambda
 * carries the answer): its answer, and the lines it logged.
 */
async function quotes(count: number) {
  const unreachable = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };
  const ssm = new SSMClient(unreachable);
  mockClient(ssm).on(GetParameterCommand).resolves({ Parameter: { Value: TOKEN } });
  const route: Route = { method: 'GET', path: '/quotes', handle: async () => json(200, { text: '"'.repeat(count) }) };
  const handler = createTriggerHandler(() => ({ config, lambda: new LambdaClient(unreachable), ssm, logger: createLogger('broadsheet-trigger') }), [route]);
  const logs = captureLogs();
  try {
    const response = await handler(functionUrlEvent({ method: 'GET', path: '/quotes', headers: { authorization: `Bearer ${TOKEN}` } }), lambdaContext('broadsheet-test-trigger', 'req-big'));
    return { response, lines: logs.lines() };
  } finally {
    logs.restore();
  }
}

describe('an answer over ANSWER_BUDGET_BYTES as Lambda carries it', () => {
  it('is 500 saying so, and logged with its size, though its body alone would fit', async () => {
    const count = Math.ceil(ANSWER_BUDGET_BYTES / 3);
    const would = json(200, { text: '"'.repeat(count) });
    expect(Buffer.byteLength(would.body!)).toBeLessThan(ANSWER_BUDGET_BYTES);
    expect(payloadBytes(would)).toBeGreaterThan(ANSWER_BUDGET_BYTES);
    const { response, lines } = await quotes(count);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body!)).toEqual({ error: `the answer would take ${payloadBytes(would)} bytes, more than the trigger sends (${ANSWER_BUDGET_BYTES} bytes: Lambda answers at most 6 MB); see its logs for request req-big` });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'answer too large', path: '/quotes', status: 200, bytes: payloadBytes(would) }));
  });

  it('and one within it is answered as the route gave it', async () => {
    const count = Math.floor(ANSWER_BUDGET_BYTES / 5);
    const { response } = await quotes(count);
    expect(response).toEqual(json(200, { text: '"'.repeat(count) }));
  });
});
