import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// `content/entries/2014/b.md/` holding an entry's bytes (an upload whose key ends in `/`) is listed by S3 and skipped
// as a folder placeholder: check, publish and the publish function say it is not published, as for `X.MD`.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
let contentBucket: string;

const WARNING = 'warning: entries/2014/b.md/: file: ends in / (an S3 folder placeholder) but holds bytes, which are not published (upload it as entries/2014/b.md, without the trailing /, or delete it)';

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'placeholder');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `content/${key}`, Body: body }));
  await put('site.yml', dump(SITE));
  await put('entries/2014/a.md', entryText(entry({ url: 'https://news.example.com/a' })));
  await put('entries/2014/b.md/', entryText(entry({ url: 'https://news.example.com/b' })));
  await put('entries/2015/', ''); // a console's empty folder: nothing to say
});

describe('a folder placeholder holding an entry under entries/ on S3', () => {
  it('check: one warning naming the key and the key to give it; exit 0', async () => {
    const run = await runCli(['check', '--content', `s3://${contentBucket}/content`, '--endpoint', endpoint], { env });
    expect(run.stderr.trim()).toBe(WARNING);
    expect(run.code).toBe(0);
  });

  it('publish: the same warning beside the one entry published', async () => {
    const site = await freshBucket(client, 'placeholder-site');
    const run = await runCli(['publish', '--content', `s3://${contentBucket}/content`, '--bucket', site, '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z', '--quiet'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.trim()).toBe(WARNING);
    expect(run.stdout).toMatch(/1 of 1 entries/);
  });

  it('the publish function, with SITE_URL: counts the warning', async () => {
    const site = await freshBucket(client, 'placeholder-lambda');
    const config = readPublishConfig({ ...env, CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: 'content/', SITE_BUCKET: site, SITE_URL: SITE.url });
    const run = createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-06-01T00:00:00Z') }));
    const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-placeholder-1'));
    expect(outcome).toMatchObject({ ok: true, entries: { total: 1, published: 1, skipped: 0 }, warnings: 1 });
  });
});
