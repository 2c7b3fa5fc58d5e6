import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { MAX_ENTRY_BYTES } from '../../../lib/content/limits.js';
import { RUNS_PREFIX, type RunRecord } from '../../../lib/publish/runRecord.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';
import type { PublishOutcome } from '../../../functions/publishEvents.js';
import { formatProblem } from '../../../lib/shared/errors.js';

// An entry object over the entry size limit is refused from its Content-Length, its body never read: the proxy in
// front of s3rver sends the huge object's headers and never its body, so a reader that downloads it waits until
// its timeout, and one that decides from the size reports it at once. Downloaded whole, a 600 MB upload took
// `check` past Node's longest string (exit 2, no problem line), and would take the publish Lambda past its memory.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
let proxy: FaultProxy;
let contentBucket: string;

const HUGE_KEY = 'entries/2014/huge.md';
// Its stored size, from what is put in it: the front matter, then 3,000,000 bytes of `x`.
const hugeBody = entryText(entry({ url: 'https://news.example.com/huge' }), 'x'.repeat(3_000_000));
const hugeBytes = Buffer.byteLength(hugeBody);
const PROBLEM = `${HUGE_KEY}: file: is ${hugeBytes.toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry (shorten the commentary: quote a passage and link to the full text rather than copying it)`;

beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
  proxy.decide = ({ method, url }) => (method === 'GET' && url.split('?')[0]!.endsWith('/huge.md') ? 'headersOnly' : 'pass');
  contentBucket = await freshBucket(client, 'huge');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `content/${key}`, Body: body }));
  await put('site.yml', dump(SITE));
  await put('entries/2014/ok.md', entryText(entry({ url: 'https://news.example.com/ok' })));
  await put(HUGE_KEY, hugeBody);
});
// Closing the proxy ends any read still waiting for the body.
afterAll(() => proxy.close());

describe('an entry object over the size limit on S3', () => {
  const env = () => s3rverEnv(proxy.endpoint);

  it('check: one problem line with its stored size, exit 1, at once', async () => {
    const run = await runCli(['check', '--content', `s3://${contentBucket}/content`, '--endpoint', proxy.endpoint], { env: env() });
    expect(run.stderr.split('\n').filter((line) => line.startsWith('entries/'))).toEqual([PROBLEM]);
    expect(run.code).toBe(1);
    expect(proxy.count('GET', '/huge.md')).toBeGreaterThan(0);
  }, 15_000);

  it('publish: refused with the same line, nothing written; --skip-invalid publishes the other entry', async () => {
    const site = await freshBucket(client, 'huge-site');
    const args = ['publish', '--content', `s3://${contentBucket}/content`, '--bucket', site, '--endpoint', proxy.endpoint, '--now', '2014-06-01T00:00:00Z', '--quiet'];
    const refused = await runCli(args, { env: env() });
    expect(refused.stderr.split('\n').filter((line) => line.startsWith('entries/'))).toEqual([PROBLEM]);
    expect(refused.code).toBe(1);
    expect(await hashBucket(client, site)).toEqual({});
    const skipped = await runCli([...args, '--skip-invalid'], { env: env() });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/1 of 2 entries \(1 skipped\)/);
  }, 15_000);

  describe('the publish handler, with SITE_URL (its content store is wrapped to check the url)', () => {
    let logs: ReturnType<typeof captureLogs>;
    afterEach(() => logs.restore());

    it('returns and logs the problem line, writes nothing, and records the run as invalid with that line', async () => {
      const site = await freshBucket(client, 'huge-lambda');
      const proxied = testS3Client(proxy.endpoint);
      const config = readPublishConfig({ ...env(), CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: 'content/', SITE_BUCKET: site, SITE_URL: SITE.url });
      const handler = (skipInvalid: boolean) =>
        createPublishHandler(() => ({ config: { ...config, skipInvalid }, s3: proxied, logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-06-01T00:00:00Z') }));
      logs = captureLogs();
      // A site published already (the other entry), so that a refused run leaves its record.
      expect(await handler(true)(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-huge-0'))).toMatchObject({ ok: true, skipped: [PROBLEM] });
      const before = await hashBucket(client, site);
      logs.restore();
      logs = captureLogs();
      const outcome = await handler(false)(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-huge-1'));
      // The answer gives the problem as an object too (for trigger --json); the log line keeps to the line.
      const { problemDetails, ...logged } = outcome as Extract<PublishOutcome, { ok: false }>;
      expect(logged).toEqual({ ok: false, trigger: 'schedule', error: 'ContentError', problems: [PROBLEM], problemsTotal: 1 });
      expect(problemDetails!.map(formatProblem)).toEqual([PROBLEM]);
      expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'invalid content: nothing was written', outcome: logged })]);
      expect(logs.raw()).not.toMatch(/\n\s+at /);
      expect(await hashBucket(client, site)).toEqual(before);
      const records = await new S3Store(client, site).list(RUNS_PREFIX);
      const record = JSON.parse(await objectText(client, site, records.find((r) => r.key.endsWith('-req-huge-1.json'))!.key)) as RunRecord;
      expect(record).toMatchObject({ outcome: 'invalid', error: 'ContentError', problems: [PROBLEM], problemsTotal: 1 });
    }, 15_000);
  });
});
