import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { bodyTimeMs } from '../../../lib/shared/boundedRequests.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { FaultProxy, TRICKLE_MS } from '../../support/faultProxy.js';
import { freshBucket, testS3Client } from '../../support/s3.js';

// A GET whose body trickles: the proxy in front of s3rver sends the headers, then a byte every TRICKLE_MS. The
// socket's idle limit never trips, and without a bound on the body as a whole the read went on for minutes (hours for
// a manifest), holding the run.
const endpoint = inject('s3Endpoint');
const direct = testS3Client(endpoint);
// An entry index's worth of JSON: at a byte every TRICKLE_MS it would take minutes.
const BODY = JSON.stringify({ entries: Array.from({ length: 40 }, (_, i) => ({ slug: `entry-${i}`, title: `Entry ${i}` })) });
const REQUEST_MS = 1_000;
let proxy: FaultProxy;
let bucket: string;

beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
  bucket = await freshBucket(direct, 'trickle');
  await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'state/entry-index.json', Body: BODY }));
});
afterAll(() => proxy.close());
beforeEach(() => {
  proxy.decide = () => 'pass';
  proxy.seen.length = 0;
});

/** The store through the proxy, its request timeout (and so a small body's time) REQUEST_MS. */
const store = () => new S3Store(testS3Client(proxy.endpoint, { maxAttempts: 3, requestTimeoutMs: REQUEST_MS }), bucket, 'state/');

describe('S3Store.get of a body that trickles (s3rver behind a proxy)', () => {
  it('is cut off the request timeout after its headers, each of the times the store asks, with a StoreError naming the object', async () => {
    // The trickle would outlast the bound many times over, and never falls silent for as long as the idle limit.
    expect(BODY.length * TRICKLE_MS).toBeGreaterThan(50 * bodyTimeMs(REQUEST_MS, BODY.length));
    expect(TRICKLE_MS).toBeLessThan(REQUEST_MS / 5);
    proxy.decide = ({ method }) => (method === 'GET' ? 'trickleBody' : 'pass');
    const started = Date.now();
    const error = await store().get('entry-index.json').catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(`cannot read s3://${bucket}/state/entry-index.json: TimeoutError: the answer's body timed out, not whole ${REQUEST_MS} ms after its headers`);
    // S3Store.get asks three times for a body that broke off; each trickled for the bound, not to its end (an attempt
    // s3rver was slow to answer, cut off before its headers, is retried by the SDK: up to 3 each).
    const trickled = proxy.seen.filter((r) => r.fault === 'trickleBody').length;
    expect(trickled).toBeGreaterThanOrEqual(3);
    expect(trickled).toBeLessThanOrEqual(3 * 3);
    expect(elapsed).toBeGreaterThanOrEqual(3 * REQUEST_MS);
    expect(elapsed).toBeLessThan(BODY.length * TRICKLE_MS);
  }, 20_000);

  it('reads a body that trickles only once, asking again', async () => {
    proxy.decide = ({ method, index }) => (method === 'GET' && index === 0 ? 'trickleBody' : 'pass');
    expect((await store().get('entry-index.json'))?.toString()).toBe(BODY);
    expect(proxy.seen.map((r) => r.fault)).toEqual(['trickleBody', 'pass']);
  }, 20_000);
});

describe('bodyTimeMs', () => {
  it('is the request timeout, or the body at 256 KiB a second where that is longer', () => {
    expect(bodyTimeMs(10_000, 1_000)).toBe(10_000);
    expect(bodyTimeMs(10_000, 10 * 256 * 1024)).toBe(10_000);
    expect(bodyTimeMs(10_000, 40 * 256 * 1024)).toBe(40_000);
    expect(bodyTimeMs(1_000, 256 * 1024 + 1)).toBe(1_001);
  });
});
