import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readPublishConfig } from '../../../../functions/config.js';
import type { TriggerServices } from '../../../../functions/http/router.js';
import { createLogger } from '../../../../functions/logger.js';
import { publishReserveRefusal } from '../../../../functions/publishReserveRefusal.js';
import { publishRoute } from '../../../../functions/routes/publishRoute.js';

// POST /publish when Lambda throttles the invocation. No Lambda server runs here, and none would throttle on cue: the
// client is mocked with Lambda's own error (tests/e2e/lambda/triggerHandler.test.ts runs the route through the trigger).
const client = new LambdaClient({ region: 'us-east-1' });
const lambda = mockClient(client);
const services: TriggerServices = { config: { publishFunctionName: 'publish', digestFunctionName: 'digest', tokenParameter: '/t' }, lambda: client, logger: createLogger('broadsheet-test-trigger') };
const publish = (body: Record<string, unknown>) => publishRoute.handle({ body, requestId: 'req-1', timeLeft: () => 60_000 }, services);
afterEach(() => lambda.reset());

describe('POST /publish, throttled by Lambda', () => {
  it('answers a publish and a dry run alike: 429 with Retry-After, as the same request works again once Lambda lets up', async () => {
    lambda.on(InvokeCommand).rejects(new TooManyRequestsException({ message: 'Rate Exceeded.', $metadata: { httpStatusCode: 429 }, Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }));
    const queued = await publish({});
    const dryRun = await publish({ dryRun: true });
    expect([queued.statusCode, dryRun.statusCode]).toEqual([429, 429]);
    expect([queued.headers?.['retry-after'], dryRun.headers?.['retry-after']]).toEqual(['60', '60']);
    // The publish says nothing was queued: the 202's run id does not exist.
    expect(JSON.parse(queued.body!).error).toContain('nothing was queued');
    expect(lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input.InvocationType)).toEqual(['Event', 'RequestResponse']);
  });

  it('still throws any other refusal (502 from the trigger, which logs it): only throttling is worth the same request again', async () => {
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('User is not authorized to perform: lambda:InvokeFunction'), { name: 'AccessDeniedException' }));
    await expect(publish({})).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});

describe('POST /publish, a dry run the publish function stopped for its time', () => {
  it('answers 504 with the function\'s message, not 422: the content is not at fault, and the dry run wrote nothing', async () => {
    const message = 'cannot list s3://site/: DeadlineError: 139999 ms of the function\'s time left, under the 140000 ms one more S3 request may take; the dry run stops; it wrote nothing, and may be asked for again';
    const answer = { ok: false, trigger: 'manual', error: 'DeadlineError', problems: [], problemsTotal: 0, message };
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(answer)) as never, $metadata: { requestId: 'inv-1' } });
    const dryRun = await publish({ dryRun: true });
    expect(dryRun.statusCode).toBe(504);
    expect(JSON.parse(dryRun.body!)).toEqual({ error: `the publish function ran out of time for the dry run; it wrote nothing, and may be asked for again: ${message}` });
  });
});

describe('POST /publish, a dry run the publish function refused for its settings', () => {
  it('answers 503 with the function\'s message, not 422: neither the content nor the output is at fault', async () => {
    const message = publishReserveRefusal(readPublishConfig({ CONTENT_BUCKET: 'content', SITE_BUCKET: 'site', S3_REQUEST_TIMEOUT_MS: '60000' }).s3)!;
    const answer = { ok: false, trigger: 'manual', error: 'ConfigError', problems: [], problemsTotal: 0, message };
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(answer)) as never, $metadata: { requestId: 'inv-1' } });
    const dryRun = await publish({ dryRun: true });
    expect(dryRun.statusCode).toBe(503);
    expect(JSON.parse(dryRun.body!)).toEqual({ error: `the publish function's configuration is refused; nothing was read or written: ${message}` });
  });
});
