import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { MAX_SITE_BYTES } from '../../../lib/content/limits.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import type { PublishOutcome } from '../../../functions/publishEvents.js';
import { formatProblem } from '../../../lib/shared/errors.js';

// A site.yml over the limit is one problem line, found from its size: the proxy sends the object's headers and never
// its body, so a reader that downloads it waits until its timeout. Downloaded whole, a 600 MB one stopped check and
// publish with "Cannot create a string longer than ..." (exit 2).
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
let proxy: FaultProxy;
let contentBucket: string;

// Valid YAML padded with spaces to one byte over the limit.
const siteText = dump(SITE);
const siteBytes = MAX_SITE_BYTES + 1;
const PROBLEM = `site.yml: file: is ${siteBytes.toLocaleString('en')} bytes, over the limit of ${MAX_SITE_BYTES.toLocaleString('en')} bytes for site.yml (keep only the settings in it: a site.yml is a few KB)`;

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'bigsite');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `content/${key}`, Body: body }));
  await put('site.yml', siteText + ' '.repeat(siteBytes - Buffer.byteLength(siteText)));
  await put('entries/2014/a.md', entryText(entry()));
  proxy = await FaultProxy.start(endpoint);
  proxy.decide = ({ method, url }) => (method === 'GET' && url.split('?')[0] === `/${contentBucket}/content/site.yml` ? 'headersOnly' : 'pass');
});
afterAll(() => proxy.close());

describe('a site.yml over the size limit on S3', () => {
  const env = () => s3rverEnv(proxy.endpoint);

  it('check and publish: the one problem line, exit 1, nothing written', async () => {
    const check = await runCli(['check', '--content', `s3://${contentBucket}/content`, '--endpoint', proxy.endpoint], { env: env() });
    expect(check.stderr.split('\n')[0]).toBe(PROBLEM);
    expect(check.code).toBe(1);
    const site = await freshBucket(client, 'bigsite-out');
    const run = await runCli(['publish', '--content', `s3://${contentBucket}/content`, '--bucket', site, '--endpoint', proxy.endpoint, '--now', '2014-06-01T00:00:00Z'], { env: env() });
    expect(run.stderr.trim().split('\n')).toEqual([PROBLEM, 'broadsheet publish: 1 problem in the content; nothing was written']);
    expect(run.code).toBe(1);
    expect(await hashBucket(client, site)).toEqual({});
  }, 15_000);

  it('the publish function, with SITE_URL: returns and logs the problem line, nothing written', async () => {
    const site = await freshBucket(client, 'bigsite-lambda');
    const config = readPublishConfig({ ...env(), CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: 'content/', SITE_BUCKET: site, SITE_URL: SITE.url });
    const run = createPublishHandler(() => ({ config, s3: testS3Client(proxy.endpoint), logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-06-01T00:00:00Z') }));
    const logs = captureLogs();
    try {
      const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-bigsite-1'));
      // The answer gives the problem as an object too (for trigger --json); the log line keeps to the line.
      const { problemDetails, ...logged } = outcome as Extract<PublishOutcome, { ok: false }>;
      expect(logged).toEqual({ ok: false, trigger: 'schedule', error: 'ContentError', problems: [PROBLEM], problemsTotal: 1 });
      expect(problemDetails!.map(formatProblem)).toEqual([PROBLEM]);
      expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'invalid content: nothing was written', outcome: logged })]);
    } finally {
      logs.restore();
    }
    expect(await hashBucket(client, site)).toEqual({});
  }, 15_000);
});
