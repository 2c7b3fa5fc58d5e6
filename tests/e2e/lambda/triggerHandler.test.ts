import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { pushContent } from '../../../cli/pushContent.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import type { ManualPublishEvent } from '../../../functions/publishEvents.js';
import { createTriggerHandler, handler } from '../../../functions/trigger.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// The real exported trigger handler with Function URL events. No Lambda or SSM server runs here, so
// their clients are mocked (aws-sdk-client-mock on the client classes); S3 behind the publish function
// invoked for a dry run is the real s3rver.
const TOKEN = 'k3J9-pQ2x_Vb7LmN8rT4wZ6y'; // 24 characters
const endpoint = inject('s3Endpoint');
const s3 = testS3Client(endpoint);
const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;
let requestNumber = 0;

const call = (request: Parameters<typeof functionUrlEvent>[0]) => handler(functionUrlEvent(request), lambdaContext('broadsheet-test-trigger', `trigger-req-${++requestNumber}`));
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
/** An Invoke response payload. The SDK wraps it in a Uint8Array with helpers; the route reads only the bytes. */
const payload = (value: unknown) => Buffer.from(JSON.stringify(value)) as never;
const bodyOf = (response: { body?: string | undefined }) => JSON.parse(response.body ?? 'null') as Record<string, unknown>;

beforeAll(async () => {
  const contentBucket = await freshBucket(s3, 'trigger-content');
  siteBucket = await freshBucket(s3, 'trigger-site');
  await pushContent({
    from: new LocalStore(await contentFolder({ entries: { 'a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] })) } })),
    to: new S3Store(s3, contentBucket, 'content/'),
  });
  Object.assign(process.env, s3rverEnv(endpoint), {
    PUBLISH_FUNCTION_NAME: 'broadsheet-test-publish',
    DIGEST_FUNCTION_NAME: 'broadsheet-test-digest',
    TOKEN_PARAMETER: '/broadsheet/test/trigger-token',
    CONTENT_BUCKET: contentBucket,
    SITE_BUCKET: siteBucket,
  });
  ssm.on(GetParameterCommand, { Name: '/broadsheet/test/trigger-token', WithDecryption: true }).resolves({ Parameter: { Name: '/broadsheet/test/trigger-token', Type: 'SecureString', Value: TOKEN } });
});
beforeEach(() => {
  lambda.reset();
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe('authentication', () => {
  it('answers 401 without an Authorization header', async () => {
    const response = await call({});
    expect(response.statusCode).toBe(401);
    expect(response.headers?.['www-authenticate']).toBe('Bearer realm="broadsheet"');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('answers 401 to a wrong token of the right length', async () => {
    const wrong = TOKEN.slice(0, -1) + (TOKEN.endsWith('y') ? 'z' : 'y');
    expect(wrong).toHaveLength(TOKEN.length);
    expect((await call({ headers: auth(wrong) })).statusCode).toBe(401);
  });

  it('answers 401 to tokens of the wrong length: a prefix, the token with more after it, empty', async () => {
    for (const token of [TOKEN.slice(0, 8), `${TOKEN}x`, '']) expect((await call({ headers: auth(token) })).statusCode, JSON.stringify(token)).toBe(401);
    expect((await call({ headers: { authorization: TOKEN } })).statusCode).toBe(401); // no scheme
    expect((await call({ headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } })).statusCode).toBe(401);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('accepts the right token, whatever the case of the scheme', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'invocation-1' } });
    expect((await call({ headers: auth(TOKEN) })).statusCode).toBe(202);
    expect((await call({ headers: { Authorization: `bearer ${TOKEN}` } })).statusCode).toBe(202);
  });

  it('reads the token from SSM once per cold start, and logs neither it nor the header', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'invocation-2' } });
    await call({ headers: auth(TOKEN) });
    await call({ headers: auth('wrong-token-wrong-token') });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    const raw = logs.raw();
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain('wrong-token');
    expect(raw.toLowerCase()).not.toContain('bearer');
    expect(raw.toLowerCase()).not.toContain('authorization');
    // One line per request, with the request id, method, path and status.
    expect(logs.lines().filter((l) => l.message === 'request').map((l) => [l.status, l.method, l.path, typeof l.function_request_id])).toEqual([
      [202, 'POST', '/publish', 'string'],
      [401, 'POST', '/publish', 'string'],
    ]);
  });
});

describe('routing and the body', () => {
  it('answers 405 with Allow for another method, and 404 for another path, to an authenticated caller only', async () => {
    const get = await call({ method: 'GET', headers: auth(TOKEN) });
    expect(get.statusCode).toBe(405);
    expect(get.headers?.allow).toBe('POST');
    expect((await call({ method: 'GET' })).statusCode).toBe(401);
    expect((await call({ method: 'DELETE', headers: auth(TOKEN) })).statusCode).toBe(405);
    expect((await call({ path: '/nothing', headers: auth(TOKEN) })).statusCode).toBe(404);
    expect((await call({ path: '/nothing' })).statusCode).toBe(401);
  });

  it('answers 400 to a malformed body, naming what is wrong, and invokes nothing', async () => {
    const cases: [string, string][] = [
      ['{"dryRun": tru', 'not JSON'],
      ['[true]', 'JSON object'],
      ['"dryRun"', 'JSON object'],
      ['{"dryRun": "yes"}', '"dryRun" must be true or false'],
      ['{"dryrun": true}', 'unknown field "dryrun"'],
    ];
    for (const [body, message] of cases) {
      const response = await call({ headers: auth(TOKEN), body });
      expect(response.statusCode, body).toBe(400);
      expect(bodyOf(response).error, body).toContain(message);
    }
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});

describe('GET /runs', () => {
  it('refuses a repeated or non-decimal limit with 400, and answers one in digits from the site bucket', async () => {
    const runs = (query: string) => handler({ ...functionUrlEvent({ method: 'GET', path: '/runs', headers: auth(TOKEN) }), rawQueryString: query }, lambdaContext('broadsheet-test-trigger', `trigger-req-${++requestNumber}`));
    for (const query of ['limit=1&limit=500', 'limit=0x10', 'limit=1e1']) {
      const response = await runs(query);
      expect(response.statusCode, query).toBe(400);
      expect(bodyOf(response).error, query).toBe('limit must be one whole number from 1 to 100, in digits');
    }
    // The site bucket holds no run record yet.
    const ok = await runs('limit=16');
    expect([ok.statusCode, bodyOf(ok)]).toEqual([200, { runs: [] }]);
  });

  it('answers HEAD as GET with no content, and lists HEAD beside GET in a 405 (RFC 9110 §9.3.2, §15.5.6)', async () => {
    const get = await call({ method: 'GET', path: '/runs', headers: auth(TOKEN) });
    const head = await call({ method: 'HEAD', path: '/runs', headers: auth(TOKEN) });
    expect([head.statusCode, head.headers, head.body]).toEqual([get.statusCode, get.headers, '']);
    expect(get.statusCode).toBe(200);
    const post = await call({ method: 'POST', path: '/runs', headers: auth(TOKEN), body: '{}' });
    expect([post.statusCode, post.headers?.allow]).toEqual([405, 'GET, HEAD']);
    // Refusals keep their status and headers, and lose their content too.
    const anonymous = await call({ method: 'HEAD', path: '/runs' });
    expect([anonymous.statusCode, anonymous.headers?.['www-authenticate'], anonymous.body]).toEqual([401, 'Bearer realm="broadsheet"', '']);
    const publish = await call({ method: 'HEAD', path: '/publish', headers: auth(TOKEN) });
    expect([publish.statusCode, publish.headers?.allow, publish.body]).toEqual([405, 'POST', '']);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});

describe('POST /publish', () => {
  it('queues an asynchronous publish and answers 202 with the invocation id', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'f3c1e6a2-invocation' } });
    const response = await handler(functionUrlEvent({ headers: auth(TOKEN), body: '{}' }), lambdaContext('broadsheet-test-trigger', 'trigger-req-async'));
    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toMatchObject({ status: 'accepted', invocationId: 'f3c1e6a2-invocation' });
    const [invoke] = lambda.commandCalls(InvokeCommand);
    expect(invoke!.args[0].input).toMatchObject({ FunctionName: 'broadsheet-test-publish', InvocationType: 'Event' });
    const payload = JSON.parse(Buffer.from(invoke!.args[0].input.Payload as Uint8Array).toString('utf8')) as ManualPublishEvent;
    expect(payload).toEqual({ source: 'broadsheet.trigger', requestedBy: 'trigger-req-async' });
  });

  it('accepts an empty and a base64-encoded body', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'x' } });
    expect((await call({ headers: auth(TOKEN) })).statusCode).toBe(202);
    expect((await call({ headers: auth(TOKEN), body: Buffer.from('{"dryRun": false}').toString('base64'), isBase64Encoded: true })).statusCode).toBe(202);
  });

  it('runs a dry run synchronously through the real publish handler and answers 200 with the summary, writing nothing', async () => {
    const publishHandler = createPublishHandler(() => ({ config: readPublishConfig(process.env), s3, logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-05-20T00:00:00Z') }));
    lambda.on(InvokeCommand).callsFake(async (input: { Payload: Uint8Array; InvocationType: string }) => {
      const event = JSON.parse(Buffer.from(input.Payload).toString('utf8')) as ManualPublishEvent;
      const outcome = await publishHandler(event, lambdaContext('broadsheet-test-publish', 'publish-req-1'));
      return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payload(outcome), $metadata: { requestId: 'publish-req-1' } };
    });
    const response = await call({ headers: auth(TOKEN), body: '{"dryRun": true}' });
    expect(response.statusCode).toBe(200);
    const summary = bodyOf(response);
    expect(summary).toMatchObject({ ok: true, trigger: 'manual', dryRun: true, entries: { total: 1, published: 1, skipped: 0 } });
    expect(summary.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'new' }, { key: 'tags/trade/feed.json', status: 'new' }]));
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.InvocationType).toBe('RequestResponse');
    expect(await hashBucket(s3, siteBucket)).toEqual({});
  });

  it('answers 422 with the problems when the content is invalid', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ ok: false, trigger: 'manual', error: 'ContentError', problems: ['entries/x.md: url: not a URL (write https://...)'] }), $metadata: {} });
    const response = await call({ headers: auth(TOKEN), body: '{"dryRun": true}' });
    expect(response.statusCode).toBe(422);
    expect(bodyOf(response).problems).toEqual(['entries/x.md: url: not a URL (write https://...)']);
  });

  it('answers 429 with Retry-After while another publish runs (the function is throttled)', async () => {
    lambda.on(InvokeCommand).rejects(new TooManyRequestsException({ message: 'Rate Exceeded.', $metadata: {}, Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }));
    const response = await call({ headers: auth(TOKEN), body: '{"dryRun": true}' });
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('60');
  });

  it('answers 502 without details when the publish function fails, and never echoes the error', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: payload({ errorMessage: 'secret internals' }), $metadata: { requestId: 'publish-req-9' } });
    const response = await call({ headers: auth(TOKEN), body: '{"dryRun": true}' });
    expect(response.statusCode).toBe(502);
    expect(response.body).not.toContain('secret internals');
    expect(bodyOf(response).error).toContain('publish-req-9');
  });

  it('answers 502 when Lambda refuses the invocation, logging the error name only', async () => {
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('User is not authorized to perform: lambda:InvokeFunction'), { name: 'AccessDeniedException' }));
    const response = await call({ headers: auth(TOKEN) });
    expect(response.statusCode).toBe(502);
    expect(response.body).not.toContain('not authorized');
    expect(logs.lines().find((l) => l.message === 'request failed')).toMatchObject({ level: 'ERROR', error: { name: 'AccessDeniedException' } });
  });
});

describe('createTriggerHandler with injected clients', () => {
  const services = (tokenValue: string | Error) => {
    const ssmClient = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const lambdaClient = new LambdaClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const ssmMock = mockClient(ssmClient);
    const lambdaMock = mockClient(lambdaClient);
    if (tokenValue instanceof Error) ssmMock.on(GetParameterCommand).rejectsOnce(tokenValue).resolves({ Parameter: { Value: TOKEN } });
    else ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: tokenValue } });
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'injected-invocation' } });
    const deps = { config: { publishFunctionName: 'injected-publish', digestFunctionName: 'injected-digest', tokenParameter: '/t' }, ssm: ssmClient, lambda: lambdaClient, logger: createLogger('broadsheet-trigger') };
    return { deps, ssmMock, lambdaMock };
  };
  const post = (run: ReturnType<typeof createTriggerHandler>, id: string) => run(functionUrlEvent({ headers: auth(TOKEN) }), lambdaContext('broadsheet-test-trigger', id));

  it('invokes the publish function named in its config through the injected client', async () => {
    const { deps, lambdaMock } = services(TOKEN);
    const response = await post(createTriggerHandler(() => deps), 'inj-1');
    expect(response.statusCode).toBe(202);
    expect(bodyOf(response).invocationId).toBe('injected-invocation');
    expect(lambdaMock.commandCalls(InvokeCommand)[0]!.args[0].input.FunctionName).toBe('injected-publish');
  });

  it('refuses to guard the endpoint with a token shorter than 16 characters: 500, nothing invoked', async () => {
    const { deps, lambdaMock } = services('short-token');
    const response = await post(createTriggerHandler(() => deps), 'inj-2');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('short-token');
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(logs.lines().find((l) => l.message === 'request failed')).toMatchObject({ error: { name: 'ParameterError', parameter: '/t', variable: 'TOKEN_PARAMETER', message: expect.stringContaining('at least 16 characters') } });
  });

  it('does not cache a failed SSM read: the next request reads again and succeeds', async () => {
    const { deps, ssmMock } = services(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const run = createTriggerHandler(() => deps);
    expect((await post(run, 'inj-3')).statusCode).toBe(502);
    expect((await post(run, 'inj-4')).statusCode).toBe(202);
    expect((await post(run, 'inj-5')).statusCode).toBe(202);
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });
});
