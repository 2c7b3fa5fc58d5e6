import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTrigger } from '../../../cli/triggerClient.js';
import { UsageError } from '../../../lib/shared/errors.js';
import { serveLoopback } from '../../support/loopbackHttp.js';

// An answer whose body stops coming after its headers: the request's bound covers the body too, and the failure says
// what it means for the run, as a request with no answer at all does.
const TOKEN = 'trigger-token-long-enough-for-a-test';
let server: Awaited<ReturnType<typeof serveLoopback>>;
beforeAll(async () => {
  server = await serveLoopback((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(202, { 'content-type': 'application/json', 'content-length': '200' });
      response.write('{"status":"accepted","runId":');
    });
  });
});
afterAll(() => server.close());

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('callTrigger when the body of an answer stalls', () => {
  it('a POST gives up within its bound, and says the run may have started and asking again is safe', async () => {
    const started = Date.now();
    const error = await failure(callTrigger({ url: server.endpoint, token: TOKEN, timeoutMs: 300 }, 'POST', '/publish', {}));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`trigger: POST ${server.endpoint}/publish answered 202, but its body was cut off: no answer within 0.3 s; the request may have reached the trigger and started a run: running broadsheet trigger again is safe (a publish repeats nothing that is done, and a digest goes to each subscriber once)`);
  });

  it('a GET says only where it asked', async () => {
    const error = await failure(callTrigger({ url: server.endpoint, token: TOKEN, timeoutMs: 300 }, 'GET', '/runs/r-1'));
    expect((error as Error).message).toBe(`trigger: GET ${server.endpoint}/runs/r-1 answered 202, but its body was cut off: no answer within 0.3 s (check BROADSHEET_TRIGGER_URL or --url)`);
  });
});
