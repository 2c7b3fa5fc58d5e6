import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';
import { hashTree } from '../../support/tree.js';

// The real CLI on a local output holding a file where a publish needs a folder: it stopped halfway with ENOTDIR (exit
// 2, part of the site written) and status said "run it again". The cases are tests/unit/publish/refuseBlockedPaths.test.ts.
const folders = temporaryFolders();

const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['trade', 'fish'] }));

describe('publish into a folder with a file where it needs a folder', () => {
  it('is refused before any write, naming the file and the fix; status says refused; published once the file is gone', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': A } });
    folders.keep(content);
    const out = await folders.make('broadsheet-e2e-blocked-');
    const publishTo = (...more: string[]) => runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet', ...more]);

    // A first publish into a folder holding a file `tags`: refused, --replace-unclaimed or not.
    await writeFile(join(out, 'tags'), 'my notes');
    for (const more of [[], ['--replace-unclaimed']]) {
      const refused = await publishTo(...more);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`broadsheet publish: ${out}/tags is a file where this publish needs a folder (for tags/tags.json and `);
      expect(await readdir(out)).toEqual(['tags']);
    }
    await rm(join(out, 'tags'));
    expect((await publishTo()).code).toBe(0);

    // B's new tag `fish` has its feeds and page in tags/fish/: atom.xml, feed.json, index.html, rss.xml.
    await writeFile(join(content, 'entries/2014/b.md'), B);
    await writeFile(join(out, 'tags/fish'), 'my notes');
    const before = await hashTree(out);
    const refused = await publishTo();
    expect(refused.code).toBe(2);
    const message = `${out}/tags/fish is a file where this publish needs a folder (for tags/fish/atom.xml and 3 others): move it out of ${out}/ or remove it, then publish again; nothing was written`;
    expect(refused.stderr).toBe(`broadsheet publish: ${message}\n`);
    expect(await hashTree(out)).toEqual(before);
    const status = await runCli(['status', '--out', out]);
    expect(status.stdout).toMatch(/ publish +cli +REFUSED /);
    expect(status.stdout).toContain(`a file or folder in the output was in the way: ${message}`);
    expect(status.stdout).not.toContain('run it again');

    await rm(join(out, 'tags/fish'));
    const published = await publishTo();
    expect(published.code, published.stderr).toBe(0);
    expect(Object.keys(await hashTree(out))).toEqual(expect.arrayContaining(['tags/fish/atom.xml', 'tags/fish/feed.json', 'tags/fish/index.html', 'tags/fish/rss.xml']));
  });
});
