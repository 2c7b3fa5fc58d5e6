import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { createS3Client, s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';

// What s3RequestWorstCaseMs rests on for a request whose answer the SDK reads itself (a PUT's, a LIST's): an answer
// whose body stalls after its headers costs an attempt the idle limit on top of the wait for the headers, and the SDK
// retries it as a timeout, every attempt (a GET's body is read by S3Store, after the SDK: s3StalledBody.test.ts).
const REQUEST_MS = 300;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A loopback S3 answering each request 200 with an XML body of which only the first half comes. */
async function stalling(): Promise<{ endpoint: string; requests: () => number }> {
  let requests = 0;
  const body = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>');
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': body.length, etag: '"abc"' });
      res.write(body.subarray(0, body.length / 2));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

describe('an S3 answer the SDK reads, whose body stalls', () => {
  it.each(['put', 'list'] as const)('to a %s: every attempt is made, each waiting out the idle limit, within s3RequestWorstCaseMs', async (request) => {
    const { endpoint, requests } = await stalling();
    const options = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 3, requestTimeoutMs: REQUEST_MS, connectionTimeoutMs: REQUEST_MS };
    const store = new S3Store(createS3Client(options), 'content-bucket', 'content/');
    const started = Date.now();
    const error = await (request === 'put' ? store.put('a.json', '{}', { contentType: 'application/json' }) : store.list('entries/')).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/TimeoutError: .*300 ms of inactivity/);
    expect(requests()).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(3 * REQUEST_MS);
    expect(elapsed).toBeLessThan(s3RequestWorstCaseMs(options));
  }, 20_000);
});
