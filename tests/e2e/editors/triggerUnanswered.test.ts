import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { callTrigger } from '../../../cli/triggerClient.js';
import { askTrigger } from '../../../cli/askTrigger.js';
import { InterruptedError, UsageError } from '../../../lib/shared/errors.js';
import { runCli } from '../../support/cli.js';

// A trigger that does not answer: the editor is told whether the request never left (nothing was started) or may
// have reached the trigger (a run may have started, and asking again is safe).
const TOKEN = 'trigger-token-long-enough-for-a-test';

/** A server on loopback that records each request's method and path once its body is in, then does `then`. */
async function trigger(then: (request: IncomingMessage, response: ServerResponse) => void) {
  const received: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(`${request.method} ${request.url}`);
      then(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('broadsheet trigger when the trigger does not answer', () => {
  it('says that nothing was sent when the connection is refused (the CLI)', async () => {
    const closed = await trigger(() => undefined);
    await closed.close();
    const run = await runCli(['trigger'], { env: { BROADSHEET_TRIGGER_URL: closed.url, BROADSHEET_TRIGGER_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/publish failed: connect ECONNREFUSED 127\.0\.0\.1:\d+: nothing was sent \(check BROADSHEET_TRIGGER_URL or --url\)\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says that nothing was sent to a port fetch blocks, which it refuses before connecting', async () => {
    // 6000 (X11) is on the Fetch standard's list of bad ports; nothing listens there.
    const error = await failure(callTrigger({ url: 'http://127.0.0.1:6000', token: TOKEN, timeoutMs: 5_000 }, 'POST', '/digest', { week: '2014-W19', send: true }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('trigger: POST http://127.0.0.1:6000/digest failed: port 6000 is one fetch refuses to connect to (a Fetch bad port): nothing was sent (give BROADSHEET_TRIGGER_URL or --url a port fetch allows: the Function URL osls info prints has none, so 443)');
  });

  it('says that a POST with no answer may have started a run, which asking again repeats harmlessly', async () => {
    const silent = await trigger(() => undefined);
    const error = await failure(callTrigger({ url: silent.url, token: TOKEN, timeoutMs: 300 }, 'POST', '/publish', {}));
    await silent.close();
    // It did reach the trigger.
    expect(silent.received).toEqual(['POST /publish']);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/failed: no answer within 0\.3 s; the request may have reached the trigger and started a run: running broadsheet trigger again is safe/);
  });

  it('says the same when the connection breaks once the request is in', async () => {
    const breaking = await trigger((request) => request.socket.destroy());
    const error = await failure(callTrigger({ url: breaking.url, token: TOKEN, timeoutMs: 5_000 }, 'POST', '/digest', { week: '2014-W19', send: true }));
    await breaking.close();
    expect(breaking.received).toEqual(['POST /digest']);
    expect((error as Error).message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/digest failed: .+; the request may have reached the trigger and started a run/);
    expect((error as Error).message).not.toContain('nothing was sent');
  });

  it('Ctrl-C before the answer says the run may or may not have been asked for, and that status lists it', async () => {
    const stop = new AbortController();
    const silent = await trigger(() => stop.abort('SIGINT'));
    const error = await failure(askTrigger({ url: silent.url, token: TOKEN, timeoutMs: 5_000 }, { path: '/publish', body: {} }, stop.signal));
    await silent.close();
    expect(silent.received).toEqual(['POST /publish']);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).signal).toBe('SIGINT');
    expect((error as Error).message).toBe("stopped before the trigger answered: a publish may or may not have been asked for; broadsheet status --bucket SITE_BUCKET lists the run once it ends (the trigger's GET /runs too); asking again is safe: a publish repeats nothing that is done");
  });

  it('gives a GET (reading a run) with no answer no such warning', async () => {
    const silent = await trigger(() => undefined);
    const error = await failure(callTrigger({ url: silent.url, token: TOKEN, timeoutMs: 300 }, 'GET', '/runs/r-1'));
    await silent.close();
    expect((error as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/runs\/r-1 failed: no answer within 0\.3 s \(check BROADSHEET_TRIGGER_URL or --url\)$/);
  });

  it('gives up on a dry run the trigger does not answer once --timeout is over (the CLI)', async () => {
    const silent = await trigger(() => undefined);
    const run = await runCli(['trigger', '--dry-run', '--timeout', '0.5'], { env: { BROADSHEET_TRIGGER_URL: silent.url, BROADSHEET_TRIGGER_TOKEN: TOKEN } });
    await silent.close();
    expect(silent.received).toEqual(['POST /publish']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/publish failed: no answer within 0\.5 s; the request may have reached the trigger/);
  });

  it("prints a 429's reason once: the digest's own, or, from Lambda's throttle, that the trigger is busy (the CLI)", async () => {
    const busy = await trigger((request, response) => {
      const body = request.url === '/digest' ? JSON.stringify({ error: 'a digest run is in progress; nothing was sent; try again in a minute' }) : 'Rate Exceeded.';
      response.writeHead(429, { 'content-type': request.url === '/digest' ? 'application/json' : 'text/plain' }).end(body);
    });
    const env = { BROADSHEET_TRIGGER_URL: busy.url, BROADSHEET_TRIGGER_TOKEN: TOKEN };
    const [digest, publish] = await Promise.all([runCli(['trigger', '--digest', '2014-W19', '--send'], { env }), runCli(['trigger'], { env })]);
    await busy.close();
    expect(digest.stderr).toBe('broadsheet trigger: the trigger answered 429: a digest run is in progress; nothing was sent; try again in a minute\n');
    expect(publish.stderr).toBe('broadsheet trigger: the trigger answered 429: Rate Exceeded. (the trigger is busy; try again in a minute)\n');
    expect([digest.code, publish.code]).toEqual([2, 2]);
  });

  it('prints why a checked send of an empty week sends nothing (the CLI)', async () => {
    const notSent = '2014-W24 has no entries and digest.sendEmpty is false: archived as empty, not sent';
    const checked = await trigger((_request, response) => {
      const outcome = { ok: true, trigger: 'manual', week: '2014-W24', entries: 0, archive: { new: 1, changed: 2, deleted: 0 }, notSent, checked: true, message: `nothing to send: ${notSent}` };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome));
    });
    const run = await runCli(['trigger', '--digest', '2014-W24', '--send'], { env: { BROADSHEET_TRIGGER_URL: checked.url, BROADSHEET_TRIGGER_TOKEN: TOKEN } });
    await checked.close();
    expect([run.code, run.stdout]).toEqual([0, `Archived the 2014-W24 digest (0 entries): 1 new, 2 changed, 0 deleted files in all\n${notSent}\n`]);
  });
});
