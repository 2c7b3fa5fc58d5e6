import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// broadsheet run from inside the content folder, with no --content: check and publish said that content/ had no
// site.yml ("create site.yml …"), and preview that content was no folder, beside the site.yml the editor was looking at.
describe('a command run from inside the content folder', () => {
  it('is refused, naming the folder as the content folder and --content . as the fix', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry()) } });
    const said = `--content: ${dir}/content does not exist, and ${dir} holds a site.yml: it is the content folder itself, so pass --content . (or run broadsheet from the folder above it)`;
    for (const args of [['check'], ['publish', '--dry-run'], ['new', '--url', 'https://news.example.com/z']]) {
      const run = await runMain(args, { cwd: dir });
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toBe(`broadsheet ${args[0]}: ${said}\n`);
    }
    // As the fix says.
    expect((await runMain(['check', '--content', '.', '--quiet'], { cwd: dir })).code).toBe(0);
  });

  it('--content naming the entries folder: the folder above it, the content folder, as the fix', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry()) } });
    for (const [given, fix] of [['entries', '.'], ['entries/', '.'], [`${dir}/entries`, dir]] as const) {
      const run = await runMain(['check', '--content', given], { cwd: dir });
      expect(run.code, given).toBe(2);
      expect(run.stderr, given).toBe(`broadsheet check: --content: ${dir}/entries is the entries folder; the content folder is the one that holds site.yml and entries/, so pass --content ${fix}\n`);
    }
  });

  // Not the content folder: no site.yml here. It was "site.yml: file: not found in …/entries/content/", exit 1, a
  // file in a folder that is not there; now the missing folder is named, as anywhere with no content/ (missingContentFolder.test.ts).
  it('with no site.yml there either, is the missing content folder, not this refusal', async () => {
    const dir = await contentFolder({ site: SITE, entries: {} });
    const run = await runMain(['check'], { cwd: `${dir}/entries` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^broadsheet check: no content folder here: ${dir}/entries/content does not exist \\(`));
    expect(run.stderr).not.toContain('it is the content folder itself');
  });
});
