import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { serveAws, type LoopbackAws } from '../../support/loopbackLambda.js';
import { s3rverEnv } from '../../support/s3.js';

// Lambda sets this for a function started on demand; Powertools reads it as each logger is made (at import), and
// only then reports cold_start true, on a logger's first addContext.
vi.hoisted(() => {
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
});
const { handler: trigger } = await import('../../../functions/trigger.js');
const { handler: subscribe } = await import('../../../functions/subscribe.js');

// The exported handlers as deployed, configured by their environment; SSM is a loopback endpoint (AWS_ENDPOINT_URL_SSM).
const PARAMETERS = { '/broadsheet/test/trigger-token': 'Hq3-vB8nK2xL7mP4sW9yD6cF', '/broadsheet/test/unsubscribe-secret': 'u'.repeat(32), '/broadsheet/test/origin-secret': 'o'.repeat(32) };
let aws: LoopbackAws;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  aws = await serveAws({}, PARAMETERS);
  Object.assign(process.env, s3rverEnv(inject('s3Endpoint')), {
    AWS_ENDPOINT_URL_SSM: aws.url,
    TOKEN_PARAMETER: '/broadsheet/test/trigger-token',
    PUBLISH_FUNCTION_NAME: 'broadsheet-test-publish',
    DIGEST_FUNCTION_NAME: 'broadsheet-test-digest',
    CONTENT_BUCKET: 'cold-start-content',
    SITE_BUCKET: 'cold-start-site',
    SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret',
    ORIGIN_SECRET_PARAMETER: '/broadsheet/test/origin-secret',
  });
});
afterAll(async () => {
  await aws?.close();
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** The `request` line each invocation logs, with its request id and cold_start. */
const requestLines = () => logs.lines().filter((line) => line.message === 'request').map((line) => ({ id: line.function_request_id, status: line.status, cold_start: line.cold_start }));

describe('cold_start in the logs', () => {
  it('is true on the trigger’s first invocation in a process, false on the next', async () => {
    // No token: 401, once the token is read from SSM.
    expect((await trigger(functionUrlEvent({}), lambdaContext('broadsheet-test-trigger', 'trigger-1'))).statusCode).toBe(401);
    expect((await trigger(functionUrlEvent({}), lambdaContext('broadsheet-test-trigger', 'trigger-2'))).statusCode).toBe(401);
    expect(requestLines()).toEqual([
      { id: 'trigger-1', status: 401, cold_start: true },
      { id: 'trigger-2', status: 401, cold_start: false },
    ]);
  });

  it('is true on the subscribe function’s first invocation in a process, false on the next', async () => {
    // Not through CloudFront (no origin header): 403, once both secrets are read from SSM.
    const request = () => functionUrlEvent({ method: 'GET', path: '/subscribe' });
    expect((await subscribe(request(), lambdaContext('broadsheet-test-subscribe', 'subscribe-1'))).statusCode).toBe(403);
    expect((await subscribe(request(), lambdaContext('broadsheet-test-subscribe', 'subscribe-2'))).statusCode).toBe(403);
    expect(requestLines()).toEqual([
      { id: 'subscribe-1', status: 403, cold_start: true },
      { id: 'subscribe-2', status: 403, cold_start: false },
    ]);
  });
});
