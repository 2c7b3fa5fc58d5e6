import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { publishedRunRecord, type RunStart } from '../../../lib/publish/publishRunRecord.js';
import type { PublishWritten } from '../../../lib/publish/publish.js';
import { serveLoopback } from '../../support/loopbackHttp.js';

// `trigger` queues a run (202), then asks for its record: the first request's connection breaks. The trigger has
// answered already, so the run is queued and goes on: the CLI asks again rather than failing as if nothing were started.
const TOKEN = 'trigger-token-long-enough-for-a-test';
const RUN = 'c9f0a1b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const START: RunStart = { id: RUN, kind: 'publish', trigger: 'manual', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.000Z' };
const written = { changes: [], skipped: [], warnings: [], counts: { new: 0, changed: 0, unchanged: 3, deleted: 0 }, requests: { content: { list: 1, get: 0, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 0, delete: 0 } } };
const received: string[] = [];
let server: Awaited<ReturnType<typeof serveLoopback>>;
beforeAll(async () => {
  server = await serveLoopback((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(`${request.method} ${request.url}`);
      if (request.method === 'POST') response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'accepted', invocationId: RUN, runId: RUN }));
      else if (received.filter((line) => line.startsWith('GET')).length === 1) request.socket.destroy();
      else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(publishedRunRecord(START, written as unknown as PublishWritten)));
    });
  });
});
afterAll(() => server.close());

describe('trigger: a run it queued, whose record the first request fails to get', () => {
  it('asks again, saying the run goes on, and prints the outcome', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: { BROADSHEET_TRIGGER_URL: server.endpoint, BROADSHEET_TRIGGER_TOKEN: TOKEN }, cwd: process.cwd(), isTty: false };
    const code = await main(['trigger', '--interval', '0.05', '--timeout', '10'], io);
    expect(code).toBe(0);
    expect(received).toEqual(['POST /publish', `GET /runs/${RUN}`, `GET /runs/${RUN}`]);
    expect(err).toEqual([`waiting for run ${RUN} ...`, expect.stringMatching(new RegExp(`^asking for run ${RUN}'s record failed \\(trigger: GET ${server.endpoint}/runs/${RUN} failed: .+\\); the run goes on, and this asks again$`))]);
    expect(out.at(-1)).toBe(`Published 3 files: 0 new, 0 changed, 3 unchanged, 0 deleted; run ${RUN} (manual) in 2.00 s`);
  });
});
