import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, type CliRun } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// An object uploaded with Content-Encoding: gzip (`aws s3 cp --content-encoding gzip` of a compressed file) is stored
// compressed, and S3 hands those bytes to any client that does not decompress: the SDK's GET among them. It was
// refused as not valid UTF-8 at byte offset 1, with the advice to save the file as UTF-8, which no editor can fix.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
const GZIP = 'file: is gzip-compressed (uploaded with Content-Encoding: gzip, or a .gz file renamed) (upload the file itself, uncompressed, as push-content does)';
let contentBucket: string;

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'gzip');
  const put = (key: string, body: string | Buffer, gzip = false) =>
    client.send(new PutObjectCommand({ Bucket: contentBucket, Key: key, Body: body, ...(gzip ? { ContentEncoding: 'gzip', ContentType: 'text/markdown' } : {}) }));
  // A digest sent by the file transport reads subscribers.txt, so check reads it too: one check names the entry and it.
  await put('entry/site.yml', dump({ ...SITE, digest: { from: 'Watch <digest@watch.example.org>' } }));
  await put('entry/entries/2014/good.md', entryText(entry({ url: 'https://news.example.com/good' })));
  await put('entry/entries/2014/packed.md', gzipSync(entryText(entry({ url: 'https://news.example.com/packed' }))), true);
  await put('entry/subscribers.txt', gzipSync('ada@example.org\n'), true);
  await put('site/site.yml', gzipSync(dump(SITE)), true);
  await put('site/entries/2014/good.md', entryText(entry({ url: 'https://news.example.com/good' })));
});

/** `check` of the prefix holding a gzip-encoded entry and subscribers.txt, run once for the two tests that read it. */
let entryCheck: Promise<CliRun> | undefined;
const checkedEntry = () => (entryCheck ??= runCli(['check', '--content', `s3://${contentBucket}/entry`, '--endpoint', endpoint], { env }));

describe('a gzip-encoded object in the content', () => {
  it('an entry: check and publish name it as compressed, one line, exit 1, nothing written', async () => {
    const check = await checkedEntry();
    expect(check.code, check.stderr).toBe(1);
    expect(`${check.stdout}\n${check.stderr}`.split('\n').filter((line) => line.startsWith('entries/'))).toEqual([`entries/2014/packed.md: ${GZIP}`]);
    const site = await freshBucket(client, 'gzip-site');
    const run = await runCli(['publish', '--content', `s3://${contentBucket}/entry`, '--bucket', site, '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('entries/'))).toEqual([`entries/2014/packed.md: ${GZIP}`]);
    expect(await hashBucket(client, site)).toEqual({});
  });

  it('site.yml: check names it as compressed', async () => {
    const check = await runCli(['check', '--content', `s3://${contentBucket}/site`, '--endpoint', endpoint], { env });
    expect(check.code, check.stderr).toBe(1);
    expect(`${check.stdout}\n${check.stderr}`.split('\n').filter((line) => line.startsWith('site.yml'))).toEqual([`site.yml: ${GZIP}`]);
  });

  it('subscribers.txt: check names it as compressed', async () => {
    const check = await checkedEntry();
    expect(check.code, check.stderr).toBe(1);
    expect(`${check.stdout}\n${check.stderr}`.split('\n').filter((line) => line.startsWith('subscribers.txt'))).toEqual([`subscribers.txt: ${GZIP}`]);
  });
});
