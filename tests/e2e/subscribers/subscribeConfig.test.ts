import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';

// The subscribe function built from its environment as on Lambda, deployed without ORIGIN_SECRET_PARAMETER: the
// reader gets the 503 page (not CloudFront's error for a function that threw), and the log names the variable.
const saved = { ...process.env };
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => {
  Object.assign(process.env, { CONTENT_BUCKET: 'broadsheet-test-content', SITE_BUCKET: 'broadsheet-test-site', SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret', AWS_REGION: 'us-east-1' });
  delete process.env.ORIGIN_SECRET_PARAMETER;
  logs = captureLogs();
});
afterAll(() => {
  logs.restore();
  for (const name of ['CONTENT_BUCKET', 'SITE_BUCKET', 'SECRET_PARAMETER']) if (saved[name] === undefined) delete process.env[name];
  Object.assign(process.env, saved);
});

it('answers the 503 page and logs the missing variable and its fix, when the environment lacks one', async () => {
  const event = functionUrlEvent({ method: 'POST', path: '/subscribe', body: 'email=ada%40example.org', headers: { 'content-type': 'application/x-www-form-urlencoded', [ORIGIN_HEADER]: 'anything' } });
  const response = await createSubscribeHandler()(event, lambdaContext('broadsheet-test-subscribe', 'subscribe-config-1'));
  expect(response).toEqual({ statusCode: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: 'Sorry, this did not work; please try again later (request subscribe-config-1).\n' });
  const failed = logs.lines().find((line) => line.message === 'request failed');
  expect(failed).toMatchObject({ function_request_id: 'subscribe-config-1', error: { name: 'ConfigError', message: 'ORIGIN_SECRET_PARAMETER is not set (the name of an SSM parameter, e.g. /broadsheet/prod/...)' }, method: 'POST', path: '/subscribe' });
  expect(logs.raw()).not.toContain('ada@example.org');
});
