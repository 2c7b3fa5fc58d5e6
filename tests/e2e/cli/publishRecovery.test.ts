import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../../support/cli.js';
import { hashTree } from '../../support/tree.js';

// What `broadsheet publish` tells the editor about another publish holding the folder, a damaged manifest and
// files someone else changed in the output.

const TRICKY = join(REPO, 'tests/fixtures/tricky');
const NOW = '2014-06-01T00:00:00Z';
const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function published(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-recovery-'));
  temporary.push(out);
  const run = await runCli(['publish', '--content', TRICKY, '--out', out, '--now', NOW]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

const publishAgain = (out: string) => runCli(['publish', '--content', TRICKY, '--out', out, '--now', NOW, '--quiet']);

describe('broadsheet publish', () => {
  it('refuses while another publish holds the folder, naming it, and writes nothing; takes no lock on a settled run', async () => {
    const out = await published();
    const lock = join(out, '_broadsheet', 'publish.lock');
    // Far from stale: the clock of the CLI is the real one.
    const held = { owner: 'broadsheet publish by alice on desk, pid 4242', token: 'x', since: '2026-01-01T00:00:00.000Z', staleAt: '2999-01-01T00:00:00.000Z' };
    await writeFile(lock, JSON.stringify(held));
    // Nothing to write: a settled run needs no lock.
    const settled = await publishAgain(out);
    expect(settled.code, settled.stderr).toBe(0);
    await writeFile(join(out, 'rss.xml'), 'edited by hand');
    const before = await hashTree(out);
    const run = await publishAgain(out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('another publish into');
    expect(run.stderr).toContain('broadsheet publish by alice on desk, pid 4242');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await hashTree(out)).toEqual(before);

    await unlink(lock);
    const repaired = await publishAgain(out);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/^warning: 1 file deleted or changed in .* by someone else was written again: rss\.xml$/m);
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).toContain('<rss');
  });

  it('says once that a damaged manifest was taken as absent, and rewrites it', async () => {
    const out = await published();
    const manifestPath = join(out, '_broadsheet', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { objects: Record<string, unknown> };
    manifest.objects['rss.xml'] = null;
    await writeFile(manifestPath, JSON.stringify(manifest));
    const run = await publishAgain(out);
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('manifest'));
    expect(warnings).toEqual(['warning: the manifest _broadsheet/manifest.json was damaged (the record of "rss.xml" is not an object): wrote every file and rewrote it']);
    const again = await publishAgain(out);
    // Only the tricky fixture's own warnings (its iframe, its merge-tag link, its relative image, three titles and a
    // summary with HTML, the site's description with a character reference, its headings that show nothing, the links and
    // images of two entries whose address every output drops, its figure, caption and table that show nothing, the control
    // character in a body), as every
    // publish of it says.
    const lines = again.stderr.trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('warning: entries/2014/') && !line.startsWith('warning: site.yml:2: description:'))).toEqual([]);
    expect(lines).toHaveLength(13);
    expect(again.stdout).toMatch(/0 new, 0 changed/);
  });
});
