import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';

// `trigger --no-wait` against a trigger on loopback that queues the run (202 with its id, README "The HTTP API").
const TOKEN = 'trigger-token-long-enough-for-a-test';
const RUN_ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const received: string[] = [];
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received.push(`${request.method} ${request.url} ${request.headers.authorization === `Bearer ${TOKEN}`}`);
    response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'accepted', runId: RUN_ID }));
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

async function trigger(flags: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: { BROADSHEET_TRIGGER_URL: url, BROADSHEET_TRIGGER_TOKEN: TOKEN }, cwd: process.cwd(), isTty: false };
  return { code: await main(['trigger', '--no-wait', ...flags], io), out, err };
}

describe('trigger --no-wait', () => {
  it('with --quiet prints the run id alone, for a script to keep', async () => {
    received.length = 0;
    expect(await trigger(['--quiet'])).toEqual({ code: 0, out: [RUN_ID], err: [] });
    expect(received).toEqual(['POST /publish true']);
  });

  it('without it says how to follow the run, and --json gives the id as a field', async () => {
    const plain = await trigger([]);
    expect(plain.code).toBe(0);
    expect(plain.out).toHaveLength(1);
    expect(plain.out[0]).toMatch(new RegExp(`^Queued run ${RUN_ID}; .*--wait ${RUN_ID}.* waits for it and prints its outcome$`));
    const json = await trigger(['--json', '--quiet']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toEqual({ status: 'accepted', runId: RUN_ID });
  });
});
