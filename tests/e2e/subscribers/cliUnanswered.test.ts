import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { runCli } from '../../support/cli.js';
import { serveLoopback, serveUnanswered } from '../../support/loopbackHttp.js';
import { testS3Client } from '../../support/s3.js';

// The CLI against an S3 endpoint that accepts the connection and never answers: each request is cut off by the
// timeout the environment sets (made short here), retried as many times as it says, and the error names the endpoint.
let hung: Awaited<ReturnType<typeof serveUnanswered>>;

beforeAll(async () => {
  hung = await serveUnanswered();
});
afterAll(() => hung.close());

describe('an S3 endpoint that never answers', () => {
  it('status --bucket gives up after the attempts and timeout S3_MAX_ATTEMPTS and S3_REQUEST_TIMEOUT_MS set, naming the endpoint and what it could not read', async () => {
    const started = Date.now();
    const run = await runCli(['status', '--bucket', 'hung-site', '--endpoint', hung.endpoint], {
      env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', S3_REQUEST_TIMEOUT_MS: '300', S3_MAX_ATTEMPTS: '2' },
    });
    const took = Date.now() - started;
    expect(run.code).toBe(2);
    const endpoint = hung.endpoint.replaceAll('.', '\\.');
    expect(run.stderr).toMatch(new RegExp(`^broadsheet status: cannot list s3://hung-site/_broadsheet/runs/: ${endpoint} did not answer \\(2 attempts, each cut off after 0\\.3 s: S3_REQUEST_TIMEOUT_MS and S3_MAX_ATTEMPTS set these; TimeoutError: `));
    // Two LISTs of the run records, each cut off; nothing else was asked.
    expect(hung.requests.map((request) => `${request.method} ${request.url!.split('?')[0]}`)).toEqual(['GET /hung-site/', 'GET /hung-site/']);
    // The CLI's start, two attempts of 0.3 s and the SDK's backoff between them (well under a second): not 5 × 30 s.
    expect(took).toBeLessThan(8_000);
  }, 30_000);

  it('refuses a timeout that is not a whole number before it sends anything', async () => {
    const before = hung.requests.length;
    const run = await runCli(['status', '--bucket', 'hung-site', '--endpoint', hung.endpoint], { env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', S3_REQUEST_TIMEOUT_MS: '10s' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broadsheet status: S3_REQUEST_TIMEOUT_MS: "10s" is not a whole number from 100 to 900000 (unset it for the default, 10000)');
    expect(hung.requests.length).toBe(before);
  }, 30_000);
});

describe('an S3 endpoint that refuses the connection', () => {
  it('is told as refused, the CLI\'s store naming the endpoint and its attempts, not as cut off by a timeout never waited out', async () => {
    const closed = await serveLoopback((_req, res) => res.end());
    await closed.close();
    // The store as the CLI makes it (cli/stores.ts): its client's bounds, and the network they are told by.
    const store = new S3Store(testS3Client(closed.endpoint, { requestTimeoutMs: 300 }), 'closed-site', '', { network: { endpoint: closed.endpoint, attempts: 2, requestTimeoutMs: 300, setBy: 'S3_REQUEST_TIMEOUT_MS and S3_MAX_ATTEMPTS set these' } });
    const error = await store.list('_broadsheet/runs/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const port = new URL(closed.endpoint).port;
    expect((error as StoreError).message).toMatch(new RegExp(`^cannot list s3://closed-site/_broadsheet/runs/: http://127\\.0\\.0\\.1:${port} refused the connection \\(2 attempts; Error: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`));
  });
});
