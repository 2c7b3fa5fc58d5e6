import { PutObjectCommand } from '@aws-sdk/client-s3';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { freshBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';

// The real CLI moving a bucket another tool published to over to Broadsheet, on s3rver: its index.html is at a key a
// publish writes, its about.html at none. The in-process cases are tests/unit/cli/replaceUnclaimed.test.ts.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
const OLD_INDEX = '<p>the old tool index</p>';
const OLD_ABOUT = '<p>the old tool about page</p>';
let folder: string | undefined;
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('publish --replace-unclaimed into a bucket another tool published to', () => {
  it('overwrites the file at a key it writes, names it, and lets the other be', async () => {
    folder = await contentFolder({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08' })) } });
    const bucket = await freshBucket(client, 'migrating');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'index.html', Body: OLD_INDEX, ContentType: 'text/html' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'about.html', Body: OLD_ABOUT, ContentType: 'text/html' }));
    const run = await runCli(['publish', '--content', folder, '--bucket', bucket, '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z', '--replace-unclaimed'], { env: s3rverEnv(endpoint) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`overwrote 1 file in s3://${bucket}/ that no publish wrote (--replace-unclaimed):\n  index.html\n`);
    expect(await objectText(client, bucket, 'index.html')).toContain('Rail link opens');
    expect(await objectText(client, bucket, 'about.html')).toBe(OLD_ABOUT);
  });
});
