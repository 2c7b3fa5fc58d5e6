import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// status (and settle) with an --out that is no folder: a folder not there was called "not a folder", and with no
// --out at all the message named public/ as if the editor had typed it.
const folders = temporaryFolders();

describe('status and settle with no output folder', () => {
  it('a folder that does not exist is said so; a file is no folder; the default is named as only the default', async () => {
    const dir = await folders.make('broadsheet-no-output-');
    expect((await runMain(['status', '--out', 'pubilc'], { cwd: dir })).stderr).toBe(`broadsheet status: --out: ${dir}/pubilc does not exist (the published output; check its name, or give --bucket)\n`);
    expect((await runMain(['status'], { cwd: dir })).stderr).toBe(`broadsheet status: --out: ${dir}/public does not exist (the published output; public is only the default: give --out the folder you publish to, or --bucket)\n`);
    await writeFile(join(dir, 'site'), 'a file');
    const file = await runMain(['status', '--out', 'site'], { cwd: dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe(`broadsheet status: --out: ${dir}/site is not a folder (the published output; check its name, or give --bucket)\n`);
    const settle = await runMain(['settle', '--week', '2014-W19', '--delivered', 'a@example.org', '--out', 'pubilc'], { cwd: dir });
    expect(settle.code).toBe(2);
    expect(settle.stderr).toBe(`broadsheet settle: --out: ${dir}/pubilc does not exist (the published output, which keeps the send ledger; check its name, or give --bucket)\n`);
  });
});
