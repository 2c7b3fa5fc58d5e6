import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// check --out pubic (a typo for public) compared the content with an output nothing was published to, and said
// "no problems": no id change, no held-back entry could be warned of, and nothing said why.
describe('check --out naming a folder that does not exist', () => {
  it('says so, naming it, and checks the content as before; an --out that exists is compared without the line', async () => {
    const content = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ date: '2014-05-01' })) } });
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-nooutput-'));
    const run = await runMain(['check', '--content', content, '--out', 'pubic'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`--out: ${join(cwd, 'pubic')} does not exist, so no published output is compared with (check its name; a first publish makes it)\n`);
    expect(run.stdout).toMatch(/^1 entry checked in .*: no problems\n$/);
    await mkdir(join(cwd, 'public'));
    const compared = await runMain(['check', '--content', content, '--out', 'public'], { cwd });
    expect(compared.stderr).toBe('');
    // --quiet: the summary alone.
    expect((await runMain(['check', '--content', content, '--out', 'pubic', '--quiet'], { cwd })).stderr).toBe('');
  });
});
