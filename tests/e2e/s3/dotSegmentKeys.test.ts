import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// S3 keeps `content/entries/./a.md` and `content/entries/../b.md` as written (only the console warns), but s3rver
// stores objects as files and cannot hold them: the proxy in front of it answers the LIST of entries/ as S3 would,
// with those keys added to the real listing. Such a key is a problem for that file, never skipped as a hidden one.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
let proxy: FaultProxy;
let contentBucket: string;

const DOTTED = ['entries/../b.md', 'entries/./a.md'];
const problemLine = (key: string) => `${key}: file: the file name is not a plain path (rename the file with letters, digits and hyphens, and / between folders)`;

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'dots');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `content/${key}`, Body: body }));
  await put('site.yml', dump(SITE));
  await put('entries/2014/good.md', entryText(entry({ url: 'https://news.example.com/good' })));
  const real = await client.send(new ListObjectsV2Command({ Bucket: contentBucket, Prefix: 'content/entries/' }));
  const contents = [
    ...real.Contents!.map((object) => ({ key: object.Key!, etag: object.ETag!, size: object.Size! })),
    ...DOTTED.map((key) => ({ key: `content/${key}`, etag: '"0123456789abcdef0123456789abcdef"', size: 120 })),
  ];
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Name>${contentBucket}</Name><Prefix>content/entries/</Prefix><KeyCount>${contents.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
    contents.map((c) => `<Contents><Key>${c.key}</Key><LastModified>2014-05-20T00:00:00.000Z</LastModified><ETag>${c.etag.replaceAll('"', '&quot;')}</ETag><Size>${c.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('') +
    '</ListBucketResult>';
  proxy = await FaultProxy.start(endpoint);
  proxy.decide = ({ method, url }) =>
    method === 'GET' && url.startsWith(`/${contentBucket}`) && url.includes('list-type=2') && url.includes('prefix=content%2Fentries%2F')
      ? { status: 200, headers: { 'content-type': 'application/xml' }, body: xml }
      : 'pass';
});
afterAll(() => proxy.close());

describe('content keys with `.` and `..` segments on S3', () => {
  const env = () => s3rverEnv(proxy.endpoint);

  it('check: one problem line for each, exit 1', async () => {
    const run = await runCli(['check', '--content', `s3://${contentBucket}/content`, '--endpoint', proxy.endpoint], { env: env() });
    expect(run.stderr.split('\n').filter((line) => line.startsWith('entries/'))).toEqual(DOTTED.map(problemLine));
    expect(run.stderr).toContain('2 problems');
    expect(run.code).toBe(1);
  });

  it('publish: refused with the same lines and nothing written; --skip-invalid publishes the good entry and names the two', async () => {
    const site = await freshBucket(client, 'dots-site');
    const args = ['publish', '--content', `s3://${contentBucket}/content`, '--bucket', site, '--endpoint', proxy.endpoint, '--now', '2014-06-01T00:00:00Z', '--quiet'];
    const refused = await runCli(args, { env: env() });
    expect(refused.stderr.split('\n').filter((line) => line.startsWith('entries/'))).toEqual(DOTTED.map(problemLine));
    expect(refused.code).toBe(1);
    expect(await hashBucket(client, site)).toEqual({});
    const skipped = await runCli([...args, '--skip-invalid'], { env: env() });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/1 of 3 entries \(2 skipped\)/);
    expect(skipped.stderr.split('\n').filter((line) => line.startsWith('entries/'))).toEqual(DOTTED.map(problemLine));
  });
});
