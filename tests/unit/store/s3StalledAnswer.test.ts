import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { createS3Client, s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StallingServer } from '../../support/stallingServer.js';

// What s3RequestWorstCaseMs rests on for a request whose answer the SDK reads itself (a PUT's, a LIST's): an answer
// whose body stalls after its headers costs an attempt the idle limit on top of the wait for the headers, and the SDK
// retries it as a timeout, every attempt (a GET's body is read by S3Store, after the SDK: s3StalledBody.test.ts).
const REQUEST_MS = 300;
let server: StallingServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A loopback S3 answering each request 200 with an XML body of which only the first half comes. */
async function stalling(): Promise<StallingServer> {
  const body = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>');
  server = await StallingServer.start({ status: 200, headers: { 'content-type': 'application/xml', etag: '"abc"' }, body });
  return server;
}

describe('an S3 answer the SDK reads, whose body stalls', () => {
  it.each(['put', 'list'] as const)('to a %s: every attempt is made, each waiting out the idle limit, within s3RequestWorstCaseMs', async (request) => {
    const { endpoint } = await stalling();
    const options = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 3, requestTimeoutMs: REQUEST_MS, connectionTimeoutMs: REQUEST_MS };
    const store = new S3Store(createS3Client(options), 'content-bucket', 'content/');
    const started = Date.now();
    const error = await (request === 'put' ? store.put('a.json', '{}', { contentType: 'application/json' }) : store.list('entries/')).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/TimeoutError: .*300 ms of inactivity/);
    expect(server!.requests).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(3 * REQUEST_MS);
    expect(elapsed).toBeLessThan(s3RequestWorstCaseMs(options));
  }, 20_000);
});
