import { existsSync } from 'node:fs';
import { readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_DIR } from '../../../lib/shared/outputLayout.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';
import { hashTree } from '../../support/tree.js';

// A local publish whose writes fail partway for a reason of the disk's (a full disk, a folder made read-only: here a
// folder of the output is a link into /proc, which takes no new files, for root too) said only "cannot write …": not
// that the output holds part of this publish, nor that the next one finishes it.
const folders = temporaryFolders();

const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['trade'] }));
/** A folder no file can be made in. */
const NO_NEW_FILES = '/proc/self/fdinfo';
const PARTLY = '; the output holds part of this publish, every file whole (the old one or the new): publish again once that is fixed, to finish it';
const publishTo = (content: string, out: string) => runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
const siteOf = async (out: string) => Object.fromEntries(Object.entries(await hashTree(out)).filter(([key]) => !key.startsWith(STATE_DIR)));

describe.runIf(existsSync(NO_NEW_FILES))('a local publish whose writes fail partway', () => {
  it('says the output holds part of this publish and that the next, once the cause is fixed, finishes it; which it does', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': A } });
    folders.keep(content);
    const out = await folders.make('broadsheet-partly-');
    expect((await publishTo(content, out)).code).toBe(0);
    await writeFile(join(content, 'entries/2014/b.md'), B);
    // B's page is written first (a page's links go to files of lower ranks, lib/publish/writeOrder.ts), then the tag's feeds fail.
    await rm(join(out, 'tags/trade'), { recursive: true });
    await symlink(NO_NEW_FILES, join(out, 'tags/trade'));

    const failed = await publishTo(content, out);
    expect(failed.code).toBe(2);
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`broadsheet publish: cannot write ${out}/tags/trade/`)).toBe(true);
    expect(lines[0]!.endsWith(PARTLY)).toBe(true);
    expect(existsSync(join(out, 'entries/2014/b/index.html'))).toBe(true);
    // status says it too, from the run's record.
    expect((await runMain(['status', '--out', out])).stdout).toContain(PARTLY);

    await rm(join(out, 'tags/trade'));
    expect((await publishTo(content, out)).code).toBe(0);
    const fresh = await folders.make('broadsheet-partly-');
    expect((await publishTo(content, fresh)).code).toBe(0);
    expect(await siteOf(out)).toEqual(await siteOf(fresh));
  });

  it('a failure before any file of the site is written says only what failed', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': A } });
    folders.keep(content);
    const out = await folders.make('broadsheet-partly-');
    await symlink(NO_NEW_FILES, join(out, '_broadsheet'));
    const failed = await publishTo(content, out);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(`broadsheet publish: cannot create ${out}/_broadsheet/publish.lock: `);
    expect(failed.stderr).not.toContain('holds part');
    expect(await readdir(out)).toEqual(['_broadsheet']);
  });
});
