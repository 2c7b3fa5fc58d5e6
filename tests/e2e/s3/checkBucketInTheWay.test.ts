import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// check --bucket names what a publish to that bucket refuses, and only that. S3 keys are flat: an object `tags`, or a
// placeholder `tags/trade/`, sits beside `tags/tags.json`, and publish writes there (a local folder's file at a
// folder's name is refused: tests/e2e/cli/outputBlocked). Files no publish wrote at names it writes are refused on both.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
const NOW = '2014-06-01T00:00:00Z';
let content: string;

beforeAll(async () => {
  content = await mkdtemp(join(tmpdir(), 'broadsheet-check-bucket-'));
  await mkdir(join(content, 'entries/2014'), { recursive: true });
  await writeFile(join(content, 'site.yml'), dump(SITE));
  await writeFile(join(content, 'entries/2014/a.md'), entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] })));
});

describe('check --bucket and what a publish to the bucket refuses', () => {
  it('an unclaimed file at a name publish writes: named by check as publish --dry-run refuses it; keys at folders’ names are not', async () => {
    const bucket = await freshBucket(client, 'check-in-the-way');
    const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    await put('tags', 'my notes');
    await put('tags/trade/', '');
    await put('index.html', '<p>mine</p>');
    const where = `s3://${bucket}/`;
    // An S3 output's fix names another prefix (refuseUnclaimedFiles), where a folder's names another folder.
    const found = `${where} holds 1 file that no publish wrote and this one would overwrite (index.html)`;

    const check = await runCli(['check', '--content', content, '--bucket', bucket, '--endpoint', endpoint, '--now', NOW, '--json'], { env });
    // Exit 2, as the dry run's refusal below: the output is at fault, not the content.
    expect(check.code, check.stderr).toBe(2);
    expect((JSON.parse(check.stdout) as { problems: unknown[] }).problems).toEqual([
      { file: where, field: '--bucket', message: found, fix: `publish to an empty prefix (--prefix NEW), or move it out of ${where} first (or overwrite it: broadsheet publish --replace-unclaimed)` },
    ]);
    const before = await hashBucket(client, bucket);
    const dryRun = await runCli(['publish', '--content', content, '--bucket', bucket, '--endpoint', endpoint, '--now', NOW, '--dry-run'], { env });
    expect(dryRun.code).toBe(2);
    expect(dryRun.stderr).toContain(`${found}: `);
    expect(await hashBucket(client, bucket)).toEqual(before);

    // Without it: check finds nothing, and publish writes tags/tags.json and tags/trade/… beside `tags` and the placeholder.
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'index.html' }));
    const clean = await runCli(['check', '--content', content, '--bucket', bucket, '--endpoint', endpoint, '--now', NOW, '--json'], { env });
    expect(clean.code, clean.stdout).toBe(0);
    const published = await runCli(['publish', '--content', content, '--bucket', bucket, '--endpoint', endpoint, '--now', NOW, '--quiet'], { env });
    expect(published.code, published.stderr).toBe(0);
    const keys = Object.keys(await hashBucket(client, bucket));
    expect(keys).toEqual(expect.arrayContaining(['tags', 'tags/tags.json', 'tags/trade/rss.xml', 'index.html']));
  });
});
