import { createHash } from 'node:crypto';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { killAtWriteEnv } from '../../support/killAtWrite.js';
import { linkedCopy } from '../../support/linkedCopy.js';
import { hashTree } from '../../support/tree.js';

// An editor presses Ctrl-C during a publish, or a publish is killed outright: what the command says, what `status`
// says after, and the next publish. The signal is sent by the CLI itself right after a chosen write (killAtWrite).

const NOW = '2014-06-01T00:00:00Z';
const LOCK = '_broadsheet/publish.lock';
const MANIFEST = '_broadsheet/manifest.json';
type StoredRecords = { objects: Record<string, { sha256: string }> };
const many = (title: string) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`2014/e${i}.md`, entryText(entry({ title: `${title} ${i}`, url: `https://news.example.com/${i}`, date: `2014-05-${String(10 + i).padStart(2, '0')}` }))]));

const temporary: string[] = [];
let v1: string;
let v2: string;
/** v1 published from scratch, once: each test starts from a copy of it (published). */
let v1Output: string;
beforeAll(async () => {
  v1 = await contentFolder({ entries: many('First') });
  v2 = await contentFolder({ entries: many('Second') });
  v1Output = await mkdtemp(join(tmpdir(), 'broadsheet-interrupted-'));
  temporary.push(v1, v2, v1Output);
  expect((await runCli(['publish', '--content', v1, '--out', v1Output, '--now', NOW, '--quiet'])).code).toBe(0);
});
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

/** A folder holding what publishing v1 there from scratch leaves: hard links to v1Output's files (linkedCopy). */
async function published(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-interrupted-'));
  temporary.push(out);
  await linkedCopy(v1Output, out);
  return out;
}
const exists = (path: string) => access(path).then(() => true, () => false);
const served = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([key]) => !key.startsWith('_broadsheet/')));

describe('publish stopped by Ctrl-C', () => {
  it('midway: says the output holds part of it, records the run failed, releases its lock; the next publish finishes it', async () => {
    const out = await published();
    // The lock, the intent, then the files: Ctrl-C after the fourth write, two files written.
    const stopped = await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--quiet'], { env: killAtWriteEnv(4, 'SIGINT') });
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('broadsheet publish: Ctrl-C: stopping once the files being written are whole (Ctrl-C again to quit at once)');
    expect(stopped.stderr).toContain('broadsheet publish: stopped by SIGINT: the output holds part of this publish, every file whole (the old one or the new); publish again to finish it');
    expect(stopped.stderr).not.toMatch(/^\s+at /m);
    expect(await exists(join(out, LOCK))).toBe(false);

    const status = await runCli(['status', '--out', out]);
    expect(status.code).toBe(2);
    expect(status.stdout).toMatch(/ publish\s+cli\s+FAILED\s/);
    // What to do, said once.
    expect(status.stdout).toContain('\n    interrupted: stopped by SIGINT: the output holds part of this publish, every file whole (the old one or the new); publish again to finish it\n');
    expect(status.stdout).not.toContain('UNFINISHED');

    // The checkpoint, in the intent's place: each file written before the Ctrl-C recorded with its bytes' hash, the
    // others of the publish still unknown, and the next publish writes only those.
    const before = (JSON.parse(await readFile(join(v1Output, MANIFEST), 'utf8')) as StoredRecords).objects;
    const checkpoint = (JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as StoredRecords).objects;
    const unknown = Object.keys(checkpoint).filter((key) => checkpoint[key]!.sha256 === 'unknown');
    const writtenBefore = Object.keys(checkpoint).filter((key) => checkpoint[key]!.sha256 !== 'unknown' && checkpoint[key]!.sha256 !== before[key]?.sha256);
    expect(unknown.length).toBeGreaterThan(0);
    expect(writtenBefore.length).toBeGreaterThan(0);
    for (const key of writtenBefore) expect(checkpoint[key]!.sha256, key).toBe(createHash('sha256').update(await readFile(join(out, key))).digest('hex'));

    const rerun = await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--json']);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    const { counts } = JSON.parse(rerun.stdout) as { counts: { new: number; changed: number; deleted: number } };
    expect(counts.new + counts.changed + counts.deleted).toBe(unknown.length);
    const scratch = await mkdtemp(join(tmpdir(), 'broadsheet-interrupted-scratch-'));
    temporary.push(scratch);
    expect((await runCli(['publish', '--content', v2, '--out', scratch, '--now', NOW, '--quiet'])).code).toBe(0);
    expect(served(await hashTree(out))).toEqual(served(await hashTree(scratch)));
    expect((await runCli(['status', '--out', out])).code).toBe(0);
  });

  it('a second Ctrl-C ends it at once, as a kill does: its lock is left, and the next publish takes it over and finishes it', async () => {
    const out = await published();
    // The second right after the checkpoint's write, which the first Ctrl-C led to.
    const killed = await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--quiet'], { env: killAtWriteEnv(4, 'SIGINT', MANIFEST) });
    expect(killed.code, killed.stderr).toBeNull();
    expect(killed.stderr).toContain('broadsheet publish: Ctrl-C: stopping once the files being written are whole (Ctrl-C again to quit at once)');
    expect(killed.stderr).not.toContain('stopped by SIGINT');
    expect(await exists(join(out, LOCK))).toBe(true);

    const rerun = await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--quiet']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('that process is no longer running');
    const scratch = await mkdtemp(join(tmpdir(), 'broadsheet-interrupted-scratch-'));
    temporary.push(scratch);
    expect((await runCli(['publish', '--content', v2, '--out', scratch, '--now', NOW, '--quiet'])).code).toBe(0);
    expect(served(await hashTree(out))).toEqual(served(await hashTree(scratch)));
  });

  it('once the lock is taken, before any file: says nothing was written, and the site is as it was', async () => {
    const out = await published();
    const before = served(await hashTree(out));
    const stopped = await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--quiet'], { env: killAtWriteEnv(1, 'SIGTERM') });
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(143);
    expect(stopped.stderr).toContain('broadsheet publish: stopped by SIGTERM: nothing was written');
    expect(served(await hashTree(out))).toEqual(before);
    expect(await exists(join(out, LOCK))).toBe(false);
  });
});

describe('status after a publish killed outright', () => {
  it('reports the lock it left as UNFINISHED, and exits 2, though the latest run recorded went well', async () => {
    const out = await published();
    const killed = await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--quiet'], { env: killAtWriteEnv(4, 'SIGKILL') });
    expect(killed.code).toBeNull();
    const status = await runCli(['status', '--out', out]);
    expect(status.code).toBe(2);
    expect(status.stdout).toMatch(/^UNFINISHED: a publish by broadsheet publish by .*, pid \d+, since .*, ended without releasing its lock .*_broadsheet\/publish\.lock: its process is no longer running\. Some of its files may be written, and its run may have no record; the next publish takes the lock over and finishes its work$/m);
    expect(status.stdout).toMatch(/\n1 latest run in .*; 0 did not succeed, and a publish is UNFINISHED \(above\)\n$/);
    expect(status.stdout).toMatch(/ publish\s+cli\s+ok\s/);
    const json = JSON.parse((await runCli(['status', '--out', out, '--json'])).stdout) as { lock?: { kind: string } };
    expect(json.lock?.kind).toBe('left');

    expect((await runCli(['publish', '--content', v2, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    const after = await runCli(['status', '--out', out]);
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain('UNFINISHED');
  });
});
