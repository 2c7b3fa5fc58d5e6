import { cp, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CopyObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { once } from '../../support/once.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// The real push-content against s3rver, with a content folder holding what an editor's folder holds besides entries.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);

let bucket: string;
beforeAll(async () => {
  bucket = await freshBucket(client, 'push');
});

const push = (folder: string, prefix: string, ...extra: string[]) => runCli(['push-content', '--content', folder, '--bucket', bucket, '--prefix', prefix, '--endpoint', endpoint, ...extra], { env });

/** A content folder pushed to the prefix `first/`, made on first use: each test starts from a copy of both (pushedFolder). */
const pushedOnce = once(async () => {
  const folder = await contentFolder({ entries: { '2014/a.md': entryText(entry()) } });
  await writeFile(join(folder, 'subscribers.txt'), 'ada@example.org\n');
  // Run from the folder holding the content folder, as an editor does with --content NAME.
  const first = await runCli(['push-content', '--content', basename(folder), '--bucket', bucket, '--prefix', 'first/', '--endpoint', endpoint], { env, cwd: dirname(folder) });
  expect(first.code, first.stderr).toBe(0);
  // No deployed function reads the list (they send to the subscriber store): its addresses stay home, and the
  // import is printed with the path it runs with from there.
  const list = `${basename(folder)}/subscribers.txt`;
  expect(first.stdout).toContain(`${list} stays home: no deployed function reads a subscriber list (the digest sends to the subscriber store: broadsheet subscribers import ${list} --subscribers s3://${bucket}/_subscribers/)`);
  const pushed = await hashBucket(client, bucket, 'first/');
  expect(Object.keys(pushed).sort()).toEqual(['entries/2014/a.md', 'site.yml']);
  return { folder, pushed };
});

/**
 * A copy of the pushed folder, and of what its push put in the bucket under `prefix`: copied objects keep their bytes,
 * so their ETags (the MD5 push-content compares) and content types are the push's own.
 */
async function pushedFolder(prefix: string): Promise<{ folder: string; before: Record<string, string> }> {
  const { folder: pushedFrom, pushed } = await pushedOnce();
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-content-'));
  await cp(pushedFrom, folder, { recursive: true });
  await Promise.all(Object.keys(pushed).map((key) => client.send(new CopyObjectCommand({ Bucket: bucket, CopySource: `${bucket}/first/${key}`, Key: `${prefix}${key}` }))));
  const before = await hashBucket(client, bucket, prefix);
  expect(before).toEqual(pushed);
  return { folder, before };
}

describe('push-content refuses a file it cannot upload as it is, and the bucket stays as it was', () => {
  it('site.yml as a symbolic link (check reads it through the link): was deleted from the bucket', async () => {
    const { folder, before } = await pushedFolder('link/');
    const elsewhere = `${folder}-site.yml`;
    await rename(join(folder, 'site.yml'), elsewhere);
    await symlink(elsewhere, join(folder, 'site.yml'));
    const check = await runCli(['check', '--content', folder], { env });
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const run = await push(folder, 'link/');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('site.yml: file: is a symbolic link, which push-content does not follow');
    expect(run.stderr).toContain('(put the file itself in the content folder (cp -L), or move the link out of it)');
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await hashBucket(client, bucket, 'link/')).toEqual(before);
  });

  it('a file name that is not UTF-8: was uploaded as an empty file under another name', async () => {
    const { folder, before } = await pushedFolder('latin1/');
    const name = Buffer.concat([Buffer.from(join(folder, 'notes-caf')), Buffer.from([0xe9]), Buffer.from('.txt')]);
    await writeFile(name, 'notes');
    expect((await readFile(name)).toString()).toBe('notes');

    const run = await push(folder, 'latin1/');
    expect(run.code).toBe(1);
    // The name as listed: the byte 0xE9 alone is no UTF-8, and decodes as U+FFFD.
    expect(run.stderr).toContain('notes-caf\uFFFD.txt: file: cannot be read by the name it is listed under');
    expect(await hashBucket(client, bucket, 'latin1/')).toEqual(before);
  });

  it('a file name with a backslash outside entries/: was refused with "unsafe store key" and no fix', async () => {
    const { folder, before } = await pushedFolder('backslash/');
    await writeFile(join(folder, 'notes\\draft.txt'), 'x');
    const run = await push(folder, 'backslash/', '--allow-invalid');
    expect(run.code).toBe(1);
    // Text output doubles a backslash in a file name (README, Commands).
    expect(run.stderr).toContain('notes\\\\draft.txt: file: the file name is not a plain path');
    expect(run.stderr).toContain('(rename the file with letters, digits and hyphens, and / between folders)');
    expect(await hashBucket(client, bucket, 'backslash/')).toEqual(before);
  });
});

describe('push-content --quiet and the subscriber list', () => {
  it("says only that a copy in the bucket was deleted, not that a list with none there stays home; Word's owner file stays home too", async () => {
    const { folder } = await pushedFolder('quiet/');
    const quiet = await push(folder, 'quiet/', '--quiet');
    expect(quiet.stdout).not.toContain('stays home');
    // A copy an earlier version of push-content left, the list since moved into the store and deleted here.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'quiet/subscribers.txt', Body: 'ada@example.org\n' }));
    await rm(join(folder, 'subscribers.txt'));
    // site.yml names the list, which check of the content folder then requires.
    await writeFile(join(folder, 'site.yml'), `${await readFile(join(folder, 'site.yml'), 'utf8')}digest:\n  from: Desk <desk@news.example.com>\n  subscribers: subscribers.txt\n`);
    // Word's owner file beside an entry open in Word: named, and kept home (the counts leave it out).
    await writeFile(join(folder, 'entries/2014/~$her.md'), Buffer.concat([Buffer.from('\u0005Alice'), Buffer.alloc(156)]));
    const deleted = await push(folder, 'quiet/', '--quiet');
    expect(deleted.stderr).toContain("warning: entries/2014/~$her.md: file: is Word's owner file, which Word keeps beside a document it has open; it is no entry, and is not read (close the document in Word, or delete it)");
    expect(deleted.stdout).toBe(`subscribers.txt stays home: the bucket's copy was deleted, as no deployed function reads a subscriber list (the digest sends to the subscriber store)\nPushed ${folder} to s3://${bucket}/quiet/: 1 uploaded, 1 deleted, 1 unchanged\n`);
    // check of the bucket's content: the list is home by design, a warning, not the local folder's problem.
    const checked = await runCli(['check', '--content', `s3://${bucket}/quiet/`, '--endpoint', endpoint], { env });
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toContain('warning: site.yml: digest.subscribers: "subscribers.txt" is not in the content bucket: push-content keeps the subscriber list home');
  });
});

describe('push-content --allow-invalid', () => {
  it('uploads invalid content as asked, naming each problem and what the publish function will make of it', async () => {
    const { folder } = await pushedFolder('allow-invalid/');
    await writeFile(join(folder, 'entries/2014/bad.md'), entryText(entry({ title: 'Bad date', url: 'https://news.example.com/bad', date: '2014-02-30' })));
    const run = await push(folder, 'allow-invalid/', '--allow-invalid');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: entries\/2014\/bad\.md:\d+: date: /m);
    expect(run.stderr).toContain('1 problem above, uploaded as --allow-invalid asks: the publish function refuses this content (with SKIP_INVALID=true it leaves the invalid entries out)');
    expect(run.stdout).toContain('1 uploaded, 0 deleted, 2 unchanged');
    expect(Object.keys(await hashBucket(client, bucket, 'allow-invalid/'))).toContain('entries/2014/bad.md');

    const json = JSON.parse((await push(folder, 'allow-invalid/', '--allow-invalid', '--json')).stdout) as { problems: { file: string; field: string }[] };
    expect(json.problems).toMatchObject([{ file: 'entries/2014/bad.md', field: 'date' }]);
  });
});
