import { chmod, chown, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_DIR } from '../../../lib/shared/outputLayout.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';
import { hashTree } from '../../support/tree.js';

// The real CLI, its writes failing partway for a folder of the output it may not write to: it printed only "cannot
// write …/atom.xml: EACCES: permission denied, open '…/atom.xml.c799029de7fa.tmp'". The in-process case (a folder
// that takes no new files) is tests/unit/cli/partlyPublished.test.ts.
const folders = temporaryFolders();

const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['trade'] }));
// Root writes whatever the mode: as root, the runs are nobody's, in an output nobody owns.
const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Every file and folder under `root` given to `user`, and the folders above it entered by anyone. */
async function forUser(root: string): Promise<void> {
  if (!user) return;
  const give = async (path: string): Promise<void> => {
    await chown(path, user.uid, user.gid);
    if ((await stat(path)).isDirectory()) for (const name of await readdir(path)) await give(join(path, name));
  };
  await give(root);
  for (let folder = root; folder !== dirname(folder); folder = dirname(folder)) {
    const { mode } = await stat(folder);
    if (!(mode & 0o005)) await chmod(folder, mode | 0o005);
  }
}

const siteOf = async (out: string) => Object.fromEntries(Object.entries(await hashTree(out)).filter(([key]) => !key.startsWith(STATE_DIR)));

describe('a local publish whose writes fail partway', () => {
  it('says the output holds part of it, the fix, and that publishing again finishes it; which it does', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': A } });
    folders.keep(content);
    const out = await folders.make('broadsheet-e2e-partway-');
    // Where the publish builds its files (its spool), the user's too.
    const scratch = await folders.make('broadsheet-e2e-partway-scratch-');
    for (const folder of [content, out, scratch]) await forUser(folder);
    const publishTo = (folder: string) => runCli(['publish', '--content', content, '--out', folder, '--now', NOW, '--quiet'], { env: { TMPDIR: scratch }, ...(user ? { user } : {}) });
    const first = await publishTo(out);
    expect(first.code, first.stderr).toBe(0);

    // B's page is written first (lib/publish/writeOrder.ts), then the tag's feeds, in a folder made read-only.
    await writeFile(join(content, 'entries/2014/b.md'), B);
    await forUser(content);
    const folder = join(out, 'tags/trade');
    await chmod(folder, 0o555);
    const failed = await publishTo(out);
    expect(failed.code).toBe(2);
    const partly = '; the output holds part of this publish, every file whole (the old one or the new): publish again once that is fixed, to finish it';
    const fix = `permission denied, EACCES (give the user publishing write permission on ${folder}: chmod u+w, or on Windows its Security tab)`;
    expect(failed.stderr).toMatch(new RegExp(`^broadsheet publish: cannot write ${folder}/(atom\\.xml|feed\\.json|rss\\.xml|index\\.html): `));
    expect(failed.stderr.trim().endsWith(`: ${fix}${partly}`)).toBe(true);
    expect((await readdir(join(out, 'entries/2014'))).sort()).toEqual(['a', 'b']);
    expect((await runCli(['status', '--out', out])).stdout).toContain(`${fix}${partly}`);

    await chmod(folder, 0o755);
    const again = await publishTo(out);
    expect(again.code, again.stderr).toBe(0);
    const fresh = await folders.make('broadsheet-e2e-partway-fresh-');
    await forUser(fresh);
    expect((await publishTo(fresh)).code).toBe(0);
    expect(await siteOf(out)).toEqual(await siteOf(fresh));
  });
});
