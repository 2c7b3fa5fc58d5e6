import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, type CliRun } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// A hidden object under entries/ (an editor's `.drafts/` folder synced up) is no entry: check and publish from S3
// leave it out of the report whether or not site.yml is valid, instead of reporting its problems only when it is not.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
let contentBucket: string;

const BAD_URL = 'entries/2014/bad.md:3: url: "not a url" is not an absolute http(s) URL (write the full address, starting with https://)';

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'hidden');
  const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: contentBucket, Key: key, Body: body }));
  for (const [prefix, site] of [['good', SITE], ['bad', { ...SITE, timezone: 'Mars/Olympus' }]] as const) {
    await put(`${prefix}/site.yml`, dump(site));
    await put(`${prefix}/entries/2014/bad.md`, entryText(entry({ url: 'not a url' })));
    await put(`${prefix}/entries/.drafts/idea.md`, entryText(entry({ url: 'also not a url' })));
    await put(`${prefix}/entries/2014/.scratch.md`, 'no front matter at all\n');
  }
});

/** `check` of each prefix, run once: the publish test compares its lines with the invalid site.yml's check. */
const checks = new Map<string, Promise<CliRun>>();
const checked = (prefix: string): Promise<CliRun> => {
  if (!checks.has(prefix)) checks.set(prefix, runCli(['check', '--content', `s3://${contentBucket}/${prefix}`, '--endpoint', endpoint], { env }));
  return checks.get(prefix)!;
};

describe('hidden objects under entries/ on S3', () => {
  it('check: only the visible entry is reported, with a valid site.yml and with an invalid one', async () => {
    const lines = async (prefix: string) => {
      const run = await checked(prefix);
      expect(run.code).toBe(1);
      return run.stderr.split('\n').filter((line) => line.startsWith('entries/'));
    };
    expect(await lines('good')).toEqual([BAD_URL]);
    expect(await lines('bad')).toEqual([BAD_URL]);
  });

  it('publish with the invalid site.yml: the same lines as check, nothing written', async () => {
    const site = await freshBucket(client, 'hidden-site');
    const check = await checked('bad');
    const run = await runCli(['publish', '--content', `s3://${contentBucket}/bad`, '--bucket', site, '--endpoint', endpoint, '--now', '2014-06-01T00:00:00Z'], { env });
    expect(run.code).toBe(1);
    const problems = (text: string) => text.split('\n').filter((line) => /^(entries\/|site\.yml)/.test(line));
    expect(problems(run.stderr)).toEqual(problems(check.stderr));
    expect(problems(run.stderr)).toHaveLength(2);
    expect(await hashBucket(client, site)).toEqual({});
  });
});
