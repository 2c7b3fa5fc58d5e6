import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler } from '../../../functions/publish.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// An output that holds the content (the bucket's root over `content/`, `--out site` over `site/content`) would serve
// site.yml, the drafts and subscribers.txt beside the feeds: the CLI and the publish function refuse it and write nothing.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
let bucket: string;
let contentObjects: Record<string, string>;

const DRAFT = entryText(entry({ url: 'https://news.example.com/draft', draft: true }));

beforeAll(async () => {
  bucket = await freshBucket(client, 'holds');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: `site/content/${key}`, Body: body }));
  await put('site.yml', dump(SITE));
  await put('entries/2014/a.md', entryText(entry()));
  await put('entries/2014/draft.md', DRAFT);
  await put('subscribers.txt', 'reader@example.org\n');
  contentObjects = await hashBucket(client, bucket);
});

describe('an S3 output prefix that holds the content prefix', () => {
  for (const prefix of [undefined, '', '/', 'site', 'site/', '/site']) {
    it(`publish --prefix ${JSON.stringify(prefix)}: refused, exit 2, nothing written`, async () => {
      const run = await runCli(
        ['publish', '--content', `s3://${bucket}/site/content`, '--bucket', bucket, ...(prefix === undefined ? [] : ['--prefix', prefix]), '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z'],
        { env },
      );
      expect(run.stderr.trim()).toBe(
        `broadsheet publish: --bucket/--prefix: s3://${bucket}/${prefix ?? ''} holds the content s3://${bucket}/site/content; publish to another bucket or prefix, or site.yml, the drafts and subscribers.txt would be served`,
      );
      expect(run.code).toBe(2);
      expect(await hashBucket(client, bucket)).toEqual(contentObjects);
    });
  }

  it('check --bucket over the content: refused as publish refuses it, exit 2, after the content is checked', async () => {
    const run = await runCli(['check', '--content', `s3://${bucket}/site/content`, '--bucket', bucket, '--prefix', 'site', '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z'], { env });
    // a.md and the draft, both valid.
    expect(run.stderr.trim().split('\n')).toEqual([
      `2 entries checked in s3://${bucket}/site/content/: no problems`,
      `broadsheet check: --bucket/--prefix: s3://${bucket}/site holds the content s3://${bucket}/site/content; publish to another bucket or prefix, or site.yml, the drafts and subscribers.txt would be served`,
    ]);
    expect(run.code).toBe(2);
  });

  it('publish to a folder beside the content is not refused, and serves neither the draft nor subscribers.txt', async () => {
    const run = await runCli(['publish', '--content', `s3://${bucket}/site/content`, '--bucket', bucket, '--prefix', 'site/public', '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z', '--quiet'], { env });
    expect(run.code, run.stderr).toBe(0);
    const published = Object.keys(await hashBucket(client, bucket, 'site/public/'));
    expect(published).toContain('entries/2014/a/index.html');
    expect(published.filter((key) => /draft|subscribers|site\.yml|\.md$/.test(key))).toEqual([]);
  });
});

describe('a local output folder that holds the content folder', () => {
  it('publish --out site with --content site/content: refused, exit 2, nothing written', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-holds-'));
    await mkdir(join(root, 'site', 'content', 'entries', '2014'), { recursive: true });
    await writeFile(join(root, 'site', 'content', 'site.yml'), dump(SITE));
    await writeFile(join(root, 'site', 'content', 'entries', '2014', 'a.md'), entryText(entry()));
    const run = await runCli(['publish', '--content', 'site/content', '--out', 'site', '--now', '2014-06-01T00:00:00Z'], { cwd: root });
    expect(run.stderr.trim()).toBe(
      'broadsheet publish: --out: site holds the content folder site/content; write the output to a folder beside it (e.g. --out public), or site.yml, the drafts and subscribers.txt would be served',
    );
    expect(run.code).toBe(2);
    expect(await readdir(join(root, 'site'))).toEqual(['content']);
  });
});

describe('the publish function with its site folder holding the content in one bucket', () => {
  let logs: ReturnType<typeof captureLogs>;
  afterEach(() => logs.restore());

  it('refuses to run: logs the configuration error in one line and writes nothing', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, env, { CONTENT_BUCKET: bucket, CONTENT_PREFIX: 'site/content/', SITE_BUCKET: bucket, SITE_PREFIX: 'site/' });
    logs = captureLogs();
    try {
      await expect(handler(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-holds-1'))).rejects.toThrow(
        `SITE_PREFIX: s3://${bucket}/site/ holds the content s3://${bucket}/site/content/; set SITE_BUCKET to another bucket (serverless.yml makes one), or give the site and the content folders side by side, or site.yml, the drafts and subscribers.txt would be served`,
      );
    } finally {
      process.env = saved;
    }
    expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'configuration error', function_request_id: 'req-holds-1' })]);
    expect(logs.raw()).not.toMatch(/\n\s+at /);
    expect(Object.keys(await hashBucket(client, bucket)).filter((key) => !key.startsWith('site/content/') && !key.startsWith('site/public/'))).toEqual([]);
  });
});
