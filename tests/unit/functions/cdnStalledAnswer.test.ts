import { afterEach, describe, expect, it } from 'vitest';
import { CloudFrontInvalidator, createCloudFrontClient } from '../../../lib/publish/cloudFrontInvalidator.js';
import { StallingServer } from '../../support/stallingServer.js';

// The publish function invalidates the CDN after its record, and waits on nothing else: an answer to CreateInvalidation
// whose body stops midway (a loopback server sends the headers and half the XML) must end at the client's bounds, not
// hold the function until Lambda's timeout. A retry is harmless: the caller reference makes it the same invalidation.
const ANSWER = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status>' +
    '<CreateTime>2014-05-12T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/rss.xml</Path></Items></Paths>' +
    '<CallerReference>run-1</CallerReference></InvalidationBatch></Invalidation>',
);
let server: StallingServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the CDN invalidation, answered with a body that stalls', () => {
  it('fails once each attempt has been idle for the request timeout, every attempt made', async () => {
    server = await StallingServer.start({ status: 201, headers: { 'content-type': 'text/xml', location: 'https://cloudfront.amazonaws.com/2020-05-31/distribution/D1/invalidation/I1' }, body: ANSWER });
    const { endpoint } = server;
    const client = createCloudFrontClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 2, requestTimeoutMs: 300, connectionTimeoutMs: 300 });
    const started = Date.now();
    const error = await new CloudFrontInvalidator({ distributionId: 'D1', client }).invalidate(['/rss.xml'], 'run-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/timed out/);
    expect(server.requests).toBe(2);
    // Two attempts of at most 300 ms for the headers and 300 ms idle, and the SDK's wait between them (at most 1 s + 5 s).
    expect(Date.now() - started).toBeLessThan(2 * 600 + 6_000);
  }, 15_000);

  it('fails once each attempt\'s body, trickling a byte every 50 ms, is not whole the request timeout after its headers', async () => {
    server = await StallingServer.start({ status: 201, headers: { 'content-type': 'text/xml', location: 'https://cloudfront.amazonaws.com/2020-05-31/distribution/D1/invalidation/I1' }, body: ANSWER }, { trickleMs: 50 });
    const { endpoint } = server;
    const client = createCloudFrontClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 2, requestTimeoutMs: 300, connectionTimeoutMs: 300 });
    const started = Date.now();
    const error = await new CloudFrontInvalidator({ distributionId: 'D1', client }).invalidate(['/rss.xml'], 'run-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("the answer's body timed out, not whole 300 ms after its headers");
    expect(server.requests).toBe(2);
    // Never idle for 300 ms, the whole answer would take ANSWER.length × 50 ms; cut off instead at 300 ms + 300 ms an attempt, and the SDK's wait.
    expect(ANSWER.length * 50).toBeGreaterThan(15_000);
    expect(Date.now() - started).toBeLessThan(2 * 600 + 6_000);
  }, 15_000);
});
