import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { REPO, runCli } from '../../support/cli.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { tempDir } from './support.js';

// The real CLI against s3rver: content pushed with push-content, whose subscriber list stays home, then the digest.
describe('digest --content s3:// --send with the subscriber list push-content kept home', () => {
  it('is refused naming fixes that last past the next push, and the first of them sends the week', async () => {
    const endpoint = inject('s3Endpoint');
    const env = s3rverEnv(endpoint);
    const client = testS3Client(endpoint);
    const [contentBucket, siteBucket] = [await freshBucket(client, 'content'), await freshBucket(client, 'site')];
    const cwd = await tempDir('digest-content-s3');
    await cp(join(REPO, 'content'), join(cwd, 'content'), { recursive: true });
    const pushed = await runCli(['push-content', '--content', 'content', '--bucket', contentBucket, '--endpoint', endpoint], { cwd, env });
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(Object.keys(await hashBucket(client, contentBucket, 'content/'))).not.toContain('subscribers.txt');

    const week = ['--week', '2014-W19', '--now', '2014-05-12T09:00:00+09:00', '--send', '--transport', 'file', '--outbox', 'outbox', '--bucket', siteBucket, '--endpoint', endpoint];
    const fromBucket = await runCli(['digest', '--content', `s3://${contentBucket}/content/`, ...week], { cwd, env });
    expect(fromBucket.code).toBe(2);
    // Not "create it": a copy in the bucket is deleted by the next push.
    expect(fromBucket.stderr).toContain(`subscribers.txt is not in s3://${contentBucket}/content/: push-content keeps the subscriber list home, and deletes a copy in the bucket`);
    expect(fromBucket.stderr).toContain(`(send from the content folder that holds the list: --content DIR; or send to that store with --subscribers s3://${contentBucket}/_subscribers/, after moving the addresses in once: broadsheet subscribers import subscribers.txt --subscribers s3://${contentBucket}/_subscribers/; or pass --to)`);
    expect(fromBucket.stderr).not.toContain('create it');
    await expect(readdir(join(cwd, 'outbox'))).rejects.toThrow();

    // The same week from the folder that holds the list: one message to each address in it.
    const list = await readFile(join(cwd, 'content', 'subscribers.txt'), 'utf8');
    const addresses = list.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(addresses.length).toBeGreaterThan(0);
    const fromFolder = await runCli(['digest', '--content', 'content', ...week], { cwd, env });
    expect(fromFolder.code, fromFolder.stderr).toBe(0);
    expect(await readdir(join(cwd, 'outbox', '2014-W19'))).toHaveLength(addresses.length);
  }, 60_000);
});
