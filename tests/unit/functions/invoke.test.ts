import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invokeSync, syncWaitMs, ANSWER_MARGIN_MS } from '../../../functions/http/invoke.js';
import { createLambdaClient } from '../../../functions/lambdaClients.js';

// The Lambda client against a real HTTP server on loopback that speaks Lambda's Invoke, or takes the request
// and answers only after `delayMs` (the invoked function still running).
let delayMs = 0;
let server: Server;
let endpoint: string;
const seen: { closed: boolean; answered: boolean }[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  const record = { closed: false, answered: false };
  seen.push(record);
  response.on('close', () => (record.closed = true));
  request.resume();
  request.on('end', () => {
    setTimeout(() => {
      if (response.destroyed) return;
      record.answered = true;
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'invoked-1', 'x-amz-executed-version': '$LATEST' });
      response.end(JSON.stringify({ ok: true }));
    }, delayMs);
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
beforeEach(() => (seen.length = 0));

const client = () => createLambdaClient('us-east-1', { endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

describe('invokeSync', () => {
  it('answers with the payload when the function answers within the bound', async () => {
    delayMs = 20;
    expect(await invokeSync(client(), 'broadsheet-test-publish', { dryRun: true }, 2_000)).toEqual({ kind: 'ok', payload: { ok: true }, invocationId: 'invoked-1' });
  });

  it('gives up at the bound when the function runs longer than the caller may wait: the request is cut off, once, not retried', async () => {
    delayMs = 8_000;
    const started = performance.now();
    const result = await invokeSync(client(), 'broadsheet-test-publish', { dryRun: true }, 400);
    const elapsed = performance.now() - started;
    expect(result).toEqual({ kind: 'noAnswer', waitedMs: 400 });
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1_500);
    // A synchronous invocation sent again would run the function again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ closed: true, answered: false });
  });
});

describe('syncWaitMs', () => {
  it('keeps ANSWER_MARGIN_MS of the caller\'s time left to answer, and never goes below 0', () => {
    expect(syncWaitMs(() => 120_000)).toBe(120_000 - ANSWER_MARGIN_MS);
    expect(syncWaitMs(() => ANSWER_MARGIN_MS - 1)).toBe(0);
  });
});

describe('createLambdaClient', () => {
  it('bounds each attempt (an asynchronous invocation is answered at once) and retries with the standard mode', async () => {
    const lambda = client();
    const handler = lambda.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
    expect(await handler.configProvider).toMatchObject({ connectionTimeout: 1_000, requestTimeout: 5_000, throwOnRequestTimeout: true });
    expect(await lambda.config.maxAttempts()).toBe(3);
  });
});
