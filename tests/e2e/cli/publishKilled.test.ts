import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { killAtWriteEnv } from '../../support/killAtWrite.js';
import { hashTree } from '../../support/tree.js';

// A real `broadsheet publish` killed right after one of its writes (the lock, the intent, a file, a deletion, the
// entry index, the manifest), the content then edited, and publish run again: the next run takes over the dead
// run's lock at once, says so, and its output is what a publish from scratch makes. One stopped by Ctrl-C or SIGTERM
// released its lock, and the next run has nothing to take over. Killed at any moment, a publish (broadsheet digest's
// too) leaves its lock or its run's record.

const NOW = '2014-06-01T00:00:00Z';
const a = (title: string) => entryText(entry({ title, url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }), 'First.\n');
const b = entryText(entry({ title: 'Second', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['gone'] }), 'Second.\n');
const d = (title: string, draft: boolean) => entryText(entry({ title, url: 'https://news.example.com/d', date: '2014-05-10', tags: ['fresh'], ...(draft ? { draft: true } : {}) }), 'Draft.\n');
/** Published first. */
const V1 = { '2014/a.md': a('First'), '2014/b.md': b, '2014/d.md': d('Draft', true) };
/** The killed run: a edited, b deleted, d no longer a draft (new, changed and deleted files). */
const V2 = { '2014/a.md': a('First, corrected'), '2014/d.md': d('Draft', false) };
/** Edited again before the rerun: d retitled, b back. */
const V3 = { ...V2, '2014/b.md': b, '2014/d.md': d('Retitled', false) };

const temporary: string[] = [];
let content: { v1: string; v2: string; v3: string };
/** V1 published from scratch, once: each test that starts from it gets a copy (publishedV1). */
let v1Output: string;
beforeAll(async () => {
  content = { v1: await contentFolder({ entries: V1 }), v2: await contentFolder({ entries: V2 }), v3: await contentFolder({ entries: V3 }) };
  temporary.push(...Object.values(content));
  v1Output = await folder();
  expect((await publishCli(content.v1, v1Output)).code).toBe(0);
});
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-killed-'));
  temporary.push(out);
  return out;
}

/**
 * A folder holding what publishing V1 there from scratch leaves: hard links to v1Output's files, so each keeps the
 * size, mtime and inode its manifest records. A publish never writes a file in place (LocalStore renames a new file
 * over it, or unlinks it), so what one run does to its copy leaves v1Output and the other copies as they were.
 */
async function publishedV1(): Promise<string> {
  const out = await folder();
  const copy = spawnSync('cp', ['-al', `${v1Output}/.`, out], { encoding: 'utf8' });
  expect(copy.status, copy.stderr).toBe(0);
  return out;
}

const publishCli = (from: string, out: string, env: Record<string, string> = {}) => runCli(['publish', '--content', from, '--out', out, '--now', NOW, '--quiet'], { env });

/** The V1 → V2 publish run to its end on a copy of V1's output, once: its summary counts the writes; its output is V2's. */
let cleanV2: Promise<{ out: string; stdout: string }> | undefined;
function publishedV2(): Promise<{ out: string; stdout: string }> {
  cleanV2 ??= (async () => {
    const out = await publishedV1();
    const run = await runCli(['publish', '--content', content.v2, '--out', out, '--now', NOW]);
    expect(run.code, run.stderr).toBe(0);
    return { out, stdout: run.stdout };
  })();
  return cleanV2;
}
const served = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([key]) => !key.startsWith('_broadsheet/')));

describe('broadsheet publish killed after any of its writes', () => {
  it('is followed by a publish that takes over its lock, says so, and makes what a publish from scratch makes', async () => {
    const scratch = await folder();
    expect((await publishCli(content.v3, scratch)).code).toBe(0);
    const expected = served(await hashTree(scratch));

    // The writes of the V1 → V2 publish: the lock, the intent, the files, the deletions, the index, the manifest, the
    // run record, the lock's release.
    const clean = await publishedV2();
    const [, puts, deletes] = /output \d+ LIST, \d+ GET, (\d+) PUT, (\d+) DELETE/.exec(clean.stdout)!;
    const writes = Number(puts) + Number(deletes);
    expect(writes).toBeGreaterThan(8);

    const kills: [number, 'SIGKILL' | 'SIGTERM' | 'SIGINT'][] = [
      [1, 'SIGKILL'], // the lock taken
      [2, 'SIGTERM'], // the intent written
      [Math.floor(writes / 2), 'SIGKILL'], // midway through the files
      [Math.floor(writes / 2) + 1, 'SIGINT'], // Ctrl-C midway: handled between two writes, with files still to write
      [writes - 4, 'SIGKILL'], // the last deletion made
      [writes - 3, 'SIGKILL'], // the entry index written
      [writes - 2, 'SIGKILL'], // the manifest written
      [writes - 1, 'SIGKILL'], // the run recorded, the lock not yet released
      [writes, 'SIGKILL'], // the lock released: the run is done
    ];
    for (const [k, signal] of kills) {
      const out = await publishedV1();
      const killed = await publishCli(content.v2, out, killAtWriteEnv(k, signal));
      // Ctrl-C and SIGTERM stop it between writes (cli/interrupt.ts): its lock released, its run recorded failed.
      const stopped = signal !== 'SIGKILL';
      if (stopped) {
        expect(killed.code, `k=${k}: ${killed.stderr}`).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(killed.stderr, `k=${k}`).toContain(`broadsheet publish: stopped by ${signal}: `);
      } else expect(killed.code, `k=${k}: ${killed.stderr}`).toBeNull();
      // Never without a trace: the lock left (status: UNFINISHED), or the run's record beside the first publish's.
      const runs = await readdir(join(out, '_broadsheet/runs'));
      expect(existsSync(join(out, '_broadsheet/publish.lock')) || runs.length === 2, `k=${k}: ${runs.length} records, no lock`).toBe(true);

      const rerun = await publishCli(content.v3, out);
      expect(rerun.code, `k=${k}: ${rerun.stderr}`).toBe(0);
      // That line alone: the files the dead run had begun are its own, not changes by someone else.
      if (stopped || k === writes) expect(rerun.stderr, `k=${k}`).toBe('');
      else expect(rerun.stderr, `k=${k}`).toMatch(/^warning: took over the lock .*_broadsheet\/publish\.lock left by broadsheet publish by .*, pid \d+, since .*: that process is no longer running; this publish writes whatever that one left unfinished\n$/);
      expect(served(await hashTree(out)), `k=${k}`).toEqual(expected);

      const again = await publishCli(content.v3, out);
      expect(again.stderr, `k=${k}`).toBe('');
      expect(again.stdout, `k=${k}`).toMatch(/0 new, 0 changed, \d+ unchanged, 0 deleted/);
    }

    // broadsheet digest archives a week with the same publish, the same writes and its record among them: killed
    // just before its lock's release or just after, it leaves one or the other too.
    for (const k of [writes - 1, writes]) {
      const out = await publishedV1();
      const killed = await runCli(['digest', '--content', content.v2, '--out', out, '--week', '2014-W19', '--now', NOW, '--quiet'], { env: killAtWriteEnv(k) });
      expect(killed.code, `digest k=${k}: ${killed.stderr}`).toBeNull();
      const runs = await readdir(join(out, '_broadsheet/runs'));
      expect(existsSync(join(out, '_broadsheet/publish.lock')) || runs.length === 2, `digest k=${k}: ${runs.length} records, no lock`).toBe(true);
    }
  }, 90_000);

  it('leaves the very folders a publish from scratch makes (diff -r), none emptied by a deletion', async () => {
    const scratch = await folder();
    expect((await publishCli(content.v2, scratch)).code).toBe(0);
    // V1 → V2 deletes b's page and the 'gone' tag's feeds: their folders go too. Also after a run killed midway.
    for (const env of [undefined, killAtWriteEnv(3)]) {
      // Run to its end (the V1 → V2 publish the first test counts the writes of), or killed after its third write.
      let out: string;
      if (env === undefined) out = (await publishedV2()).out;
      else {
        out = await publishedV1();
        await publishCli(content.v2, out, env);
      }
      expect((await publishCli(content.v2, out)).code).toBe(0);
      const diff = spawnSync('diff', ['-r', '-x', '_broadsheet', out, scratch], { encoding: 'utf8' });
      expect(diff.stdout).toBe('');
      expect(diff.status).toBe(0);
    }
  });

  it('still refuses while the lock’s process runs on this machine, naming it', async () => {
    const out = await publishedV1();
    const here = (await import('../../../lib/shared/thisProcess.js')).thisProcess();
    // This test's own process: running.
    const held = { owner: `broadsheet publish by alice on desk, pid ${here.pid}`, token: 'live', since: new Date().toISOString(), staleAt: new Date(Date.now() + 3_600_000).toISOString(), process: here };
    await writeFile(join(out, '_broadsheet', 'publish.lock'), JSON.stringify(held));
    const run = await publishCli(content.v2, out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`is running: broadsheet publish by alice on desk, pid ${here.pid}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
