import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// An S3 key no store may read (a backslash, made by an upload from Windows) is that file's problem alone:
// `check` and a publish from s3:// report it with the rest, instead of stopping at it with exit 2.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
let contentBucket: string;
let siteBucket: string;

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'keys');
  siteBucket = await freshBucket(client, 'keys-site');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `content/${key}`, Body: body }));
  await put('site.yml', dump(SITE));
  await put('entries/2014/good.md', entryText(entry({ url: 'https://news.example.com/good' })));
  await put('entries/2014\\windows.md', entryText(entry({ url: 'https://news.example.com/windows' })));
  await put('entries/2014/bad.md', entryText(entry({ url: 'not a url' })));
});

describe('an S3 key with a backslash', () => {
  it('check: one problem for that key, the other problems too, exit 1', async () => {
    const run = await runCli(['check', '--content', `s3://${contentBucket}/content`, '--endpoint', endpoint], { env });
    expect(run.code, run.stderr).toBe(1);
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
    expect(lines.filter((line) => line.startsWith('entries/')).sort()).toEqual([
      'entries/2014/bad.md:3: url: "not a url" is not an absolute http(s) URL (write the full address, starting with https://)',
      'entries/2014\\\\windows.md: file: the file name contains a backslash (\\), which is no folder separator here (rename the file with letters, digits and hyphens, and / between folders)',
    ]);
  });

  it('publish: one problem for that key, the other problems too, exit 1, nothing written', async () => {
    const run = await runCli(['publish', '--content', `s3://${contentBucket}/content`, '--bucket', siteBucket, '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const problems = run.stderr.trim().split('\n').filter((line) => line.startsWith('entries/'));
    expect(problems).toEqual([
      'entries/2014/bad.md:3: url: "not a url" is not an absolute http(s) URL (write the full address, starting with https://)',
      'entries/2014\\\\windows.md: file: the file name contains a backslash (\\), which is no folder separator here (rename the file with letters, digits and hyphens, and / between folders)',
    ]);
    expect(await hashBucket(client, siteBucket)).toEqual({});
  });

  it('publish --skip-invalid: publishes the good entry and lists the key as skipped', async () => {
    const run = await runCli(['publish', '--content', `s3://${contentBucket}/content`, '--bucket', siteBucket, '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z', '--skip-invalid', '--quiet'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('entries/2014\\\\windows.md: file: the file name contains a backslash');
    expect(run.stdout).toMatch(/1 of 3 entries \(2 skipped\)/);
    expect(Object.keys(await hashBucket(client, siteBucket))).toContain('rss.xml');
  });
});
