import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { runCli } from '../../support/cli.js';
import { hashTree } from '../../support/tree.js';
import { SAMPLE, tempDir } from './support.js';

// `broadsheet digest` publishes the week's archive with everything else: into a folder another publish is writing,
// it refuses as `broadsheet publish` does, and writes nothing.

const NOW = '2026-11-27T09:00:00+09:00';
const digestRun = (cwd: string) => runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--now', NOW], { cwd });

describe('broadsheet digest into an output another publish holds', () => {
  it('refuses, naming the holder, and writes nothing; once the lock is gone it archives and releases its own', async () => {
    const cwd = await tempDir('digest-lock');
    // A fresh lock of a publish running on another machine.
    const held = { owner: 'broadsheet publish by alice on another-desk, pid 4242', token: 'other', since: new Date().toISOString(), staleAt: new Date(Date.now() + 10 * 60 * 1000).toISOString(), process: { machine: 'another-desk', pid: 4242 } };
    await mkdir(join(cwd, 'public/_broadsheet'), { recursive: true });
    await writeFile(join(cwd, 'public', LOCK_KEY), JSON.stringify(held));
    const refused = await digestRun(cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`another publish into ${join(cwd, 'public')}/ is running: broadsheet publish by alice on another-desk, pid 4242`);
    expect(refused.stderr).toContain('Nothing was written; run broadsheet digest again once it has finished.');
    // Only the run's record under _broadsheet/runs/ beside the lock; no archive file, and none listed as written.
    expect(Object.keys(await hashTree(join(cwd, 'public'))).filter((key) => !key.startsWith('_broadsheet/runs/'))).toEqual([LOCK_KEY]);
    expect(refused.stdout).not.toMatch(/digests\//);

    await rm(join(cwd, 'public', LOCK_KEY));
    const archived = await digestRun(cwd);
    expect(archived.stderr).toBe('');
    expect(archived.code).toBe(0);
    expect(archived.stdout).toMatch(/^new +\S+ +\S+ +digests\/2014-W19\.html$/m);
    const after = await hashTree(join(cwd, 'public'));
    expect(Object.keys(after)).toContain('digests/2014-W19.html');
    expect(Object.keys(after)).not.toContain(LOCK_KEY);
  });
});
