import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { createTriggerHandler, TOKEN_TIMEOUT_MS, type TriggerDeps } from '../../../functions/trigger.js';
import { SECRET_MAX_AGE_MS } from '../../../functions/keptFor.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';

// The trigger's SSM client against a real HTTP server on loopback that speaks SSM's JSON protocol, or takes
// the request and never answers. (Its own file: triggerHandler.test.ts mocks every SSMClient.)
const TOKEN = 'Zq7-vW2pL9xK4mN8rT6yB3cD'; // 24 characters
const PARAMETER = '/broadsheet/test/trigger-token';
const BOUND_MS = 300;

type Mode = 'hang' | 'answer';
let mode: Mode = 'hang';
/** The parameter's value as SSM holds it now: a test rotates it. */
let stored = TOKEN;
let server: Server;
let endpoint: string;
const seen: { target: string | undefined; body: string; closed: boolean }[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  const record = { target: request.headers['x-amz-target'] as string | undefined, body: '', closed: false };
  seen.push(record);
  request.socket.on('close', () => (record.closed = true));
  request.on('data', (chunk: Buffer) => (record.body += chunk.toString('utf8')));
  request.on('end', () => {
    if (mode === 'hang') return; // keeps the request, never answers
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'ssm-req-1' });
    response.end(JSON.stringify({ Parameter: { Name: PARAMETER, Type: 'SecureString', Value: stored, Version: 1 } }));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  seen.length = 0;
  stored = TOKEN;
  logs = captureLogs();
});
afterEach(() => logs.restore());

function deps(tokenTimeoutMs: number) {
  const lambda = new LambdaClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const lambdaMock = mockClient(lambda);
  lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'invocation-after-ssm' } });
  const triggerDeps: TriggerDeps = {
    config: { publishFunctionName: 'p', digestFunctionName: 'd', tokenParameter: PARAMETER },
    ssm: createSsmClient('us-east-1', { endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    lambda,
    logger: createLogger('broadsheet-trigger'),
    tokenTimeoutMs,
  };
  return { deps: triggerDeps, lambdaMock };
}
const reads = () => seen.filter((r) => r.target === 'AmazonSSM.GetParameter').length;
const post = (run: ReturnType<typeof createTriggerHandler>, id: string, token = TOKEN) => run(functionUrlEvent({ headers: { authorization: `Bearer ${token}` } }), lambdaContext('broadsheet-test-trigger', id));

describe('the token read from SSM', () => {
  it('answers 502 within the bound when SSM takes the request and never answers, and cuts the request off', async () => {
    mode = 'hang';
    const { deps: d, lambdaMock } = deps(BOUND_MS);
    const run = createTriggerHandler(() => d);
    const started = performance.now();
    const response = await post(run, 'ssm-hang-1');
    const elapsed = performance.now() - started;
    expect(response.statusCode).toBe(502);
    expect(elapsed).toBeGreaterThanOrEqual(BOUND_MS - 10);
    expect(elapsed).toBeLessThan(BOUND_MS + 700);
    // The request did reach the server: it is SSM's GetParameter for the token, with decryption.
    expect(seen[0]).toMatchObject({ target: 'AmazonSSM.GetParameter' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ Name: PARAMETER, WithDecryption: true });
    await vi.waitFor(() => expect(seen.every((r) => r.closed)).toBe(true), { timeout: 2_000 });
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(response.body).not.toContain('SSM');
    expect(logs.lines().find((l) => l.message === 'request failed')).toMatchObject({ level: 'ERROR', error: { name: 'ParameterError', parameter: PARAMETER, variable: 'TOKEN_PARAMETER', message: `TOKEN_PARAMETER: SSM did not answer GetParameter ${PARAMETER} within ${BOUND_MS} ms; the next run reads it again` } });
  });

  it('does not cache the timeout: once SSM answers, the next request reads the token and goes through, and keeps it', async () => {
    mode = 'hang';
    const { deps: d, lambdaMock } = deps(BOUND_MS);
    const run = createTriggerHandler(() => d);
    // Two requests during the outage share the one read, and both fail fast.
    const during = await Promise.all([post(run, 'ssm-cache-1'), post(run, 'ssm-cache-2')]);
    expect(during.map((r) => r.statusCode)).toEqual([502, 502]);
    expect(reads()).toBe(1);
    mode = 'answer';
    expect((await post(run, 'ssm-cache-3')).statusCode).toBe(202);
    expect(reads()).toBe(2);
    // Read once it answered, then kept: no further read.
    expect((await post(run, 'ssm-cache-4')).statusCode).toBe(202);
    expect(reads()).toBe(2);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(2);
    expect(logs.raw()).not.toContain(TOKEN);
  });

  it('a token rotated in SSM is the only one a warm instance accepts once SECRET_MAX_AGE_MS has passed', async () => {
    mode = 'answer';
    const ROTATED = 'Rt5-nB8qW3xZ6mK9pL2vC7dF'; // 24 characters
    let now = Date.parse('2026-12-06T09:00:00Z');
    const { deps: d } = deps(BOUND_MS);
    const run = createTriggerHandler(() => ({ ...d, clock: () => now }));
    expect((await post(run, 'rotate-1')).statusCode).toBe(202);
    stored = ROTATED;
    // Within the token's age the instance keeps what it read: the old token still works, the new one not yet.
    now += SECRET_MAX_AGE_MS - 1;
    expect((await post(run, 'rotate-2')).statusCode).toBe(202);
    expect((await post(run, 'rotate-3', ROTATED)).statusCode).toBe(401);
    expect(reads()).toBe(1);
    // Then it reads again: the leaked token is refused, the rotated one accepted.
    now += 1;
    expect((await post(run, 'rotate-4')).statusCode).toBe(401);
    expect((await post(run, 'rotate-5', ROTATED)).statusCode).toBe(202);
    expect(reads()).toBe(2);
    expect(logs.raw()).not.toContain(ROTATED);
  });

  it('is bounded by a couple of seconds when nothing is injected', () => {
    expect(TOKEN_TIMEOUT_MS).toBeGreaterThanOrEqual(1_000);
    expect(TOKEN_TIMEOUT_MS).toBeLessThanOrEqual(3_000);
  });
});
