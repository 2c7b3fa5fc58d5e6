import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineError, StoreError } from '../../../lib/shared/errors.js';
import { createS3Client } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { serveLoopback } from '../../support/loopbackHttp.js';
import { StallingServer } from '../../support/stallingServer.js';

// S3StoreOptions.abortSignal: a request under way ends when its signal aborts, though its answer trickles in (never
// idle long enough for the client's own timeouts, 10 s here), and says why with the signal's reason.
let server: StallingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const reason = new DeadlineError('cut off with 90000 ms of the function\'s time left');

async function trickling(): Promise<S3Store & { signal: AbortController }> {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>b</Name>${' '.repeat(4000)}</ListBucketResult>`);
  server = await StallingServer.start({ status: 200, headers: { 'content-type': 'application/xml', etag: '"abc"' }, body }, { trickleMs: 20 });
  const client = createS3Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 3, requestTimeoutMs: 10_000 });
  const controller = new AbortController();
  return Object.assign(new S3Store(client, 'site-bucket', '', { abortSignal: () => controller.signal }), { signal: controller });
}

describe('an S3 request whose abort signal aborts', () => {
  it.each(['put', 'get', 'list'] as const)('ends a %s under way at once, its answer trickling, with the signal\'s reason, not retried', async (request) => {
    const store = await trickling();
    const sent = request === 'put' ? store.put('a.json', '{}', { contentType: 'application/json' }) : request === 'get' ? store.get('a.json') : store.list('entries/');
    const failed = sent.catch((e: unknown) => e);
    setTimeout(() => store.signal.abort(reason), 200);
    const started = Date.now();
    const error = await failed;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^cannot (write|read|list) s3:\/\/site-bucket\/(a\.json|entries\/): DeadlineError: cut off with 90000 ms of the function's time left$/);
    expect((error as Error).cause).toBe(reason);
    expect(server!.requests).toBe(1);
  });

  it('sends nothing once it has aborted', async () => {
    const store = await trickling();
    store.signal.abort(reason);
    const error = await store.delete('a.json').catch((e: unknown) => e);
    expect((error as Error).message).toBe(`cannot delete s3://site-bucket/a.json: DeadlineError: ${reason.message}`);
    expect(server!.requests).toBe(0);
  });
});

// The publish function sends a whole phase's requests with one signal, its listener limit lifted (publishDeadline):
// each request's listeners must go with it, or a run of thousands of files would hold them all until the phase ends.
describe('an S3 request sent with an abort signal that does not abort', () => {
  it('leaves no listener on the signal once it has settled, answered or failed', async () => {
    const served = await serveLoopback((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.url?.includes('failing')) response.writeHead(500, { 'content-type': 'application/xml' }).end('<Error><Code>InternalError</Code></Error>');
        else if (request.method === 'GET') response.writeHead(200, { 'content-length': '2', etag: '"abc"' }).end('{}');
        else response.writeHead(request.method === 'DELETE' ? 204 : 200, { etag: '"abc"' }).end();
      });
    });
    try {
      const client = createS3Client({ endpoint: served.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 2, requestTimeoutMs: 10_000 });
      const controller = new AbortController();
      const store = new S3Store(client, 'site-bucket', '', { abortSignal: () => controller.signal });
      const keys = Array.from({ length: 20 }, (_, i) => `${i % 4 === 0 ? 'failing' : 'file'}-${i}.json`);
      await Promise.allSettled(keys.map((key) => store.put(key, '{}', { contentType: 'application/json' })));
      await Promise.allSettled(keys.map((key) => store.get(key)));
      await Promise.allSettled(keys.map((key) => store.delete(key)));
      // A request's socket closes a turn after its answer.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      client.destroy();
    } finally {
      await served.close();
    }
  });
});
