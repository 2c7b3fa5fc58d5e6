import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

/**
 * `broadsheet trigger` given a plain-http URL of a host that is not the loopback: the bearer token (which publishes
 * and sends the digest) must not leave in clear text. A server on 127.0.0.2, a host the CLI cannot tell is this
 * machine, records every request it gets.
 */
const TOKEN = 'plain-http-token-0123456789abcdef';
let server: Server;
const seen: { method: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', authorization: request.headers.authorization });
    response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted","invocationId":"x","runId":"x"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.2', () => resolve());
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('trigger over plain http', () => {
  it('refuses before any request, exit 2, and never sends the token', async () => {
    const url = `http://127.0.0.2:${(server.address() as AddressInfo).port}/`;
    const run = await runCli(['trigger', '--timeout', '5'], { env: { BROADSHEET_TRIGGER_URL: url, BROADSHEET_TRIGGER_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`broadsheet trigger: ${JSON.stringify(url)} is http, which would send the bearer token in clear text (http only for 127.0.0.1, localhost or [::1]): use the trigger's https Function URL (osls info)\n`);
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
    expect(seen).toEqual([]);
  });
});
