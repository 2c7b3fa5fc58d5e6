import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { createS3Client } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';

// A GET whose answer stops midway: the headers and half the body arrive, then nothing. The SDK's request timeout
// ends with the headers and its retries with them; the store must neither wait for ever nor give up at once.
const BODY = Buffer.from('---\ntitle: An article\n---\n'.repeat(40));
let server: Server | undefined;

/** A loopback server answering each GET as S3 would, but the first `stalls` of them stop after half the body. */
async function stallingServer(stalls: number): Promise<{ endpoint: string; gets: () => number }> {
  let gets = 0;
  server = createServer((req, res) => {
    req.resume();
    gets++;
    res.writeHead(200, { 'content-type': 'text/markdown', 'content-length': BODY.length, etag: '"abc"' });
    if (gets <= stalls) res.write(BODY.subarray(0, BODY.length / 2));
    else res.end(BODY);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, gets: () => gets };
}

function storeAt(endpoint: string): S3Store {
  const client = createS3Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1, requestTimeoutMs: 300 });
  return new S3Store(client, 'content-bucket', 'content/');
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('S3Store.get of a body that stalls midway (a loopback server)', () => {
  it('fails with a StoreError naming the object once the body has been idle for the request timeout, every time', async () => {
    const { endpoint, gets } = await stallingServer(Infinity);
    const started = Date.now();
    const error = await storeAt(endpoint).get('entries/a.md').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^cannot read s3:\/\/content-bucket\/content\/entries\/a\.md: TimeoutError: .*timed out/);
    expect(gets()).toBe(3);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);

  it('asks again after a stall, and returns the whole body of the answer that completes, as one GET', async () => {
    const { endpoint, gets } = await stallingServer(2);
    const store = storeAt(endpoint);
    expect(await store.get('entries/a.md')).toEqual(BODY);
    expect(gets()).toBe(3);
    expect(store.requests.get).toBe(1);
  }, 10_000);
});
