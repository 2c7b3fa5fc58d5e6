import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// The real CLI's check, once per rule; the cases are tests/unit/cli/checkOutputInTheWay.test.ts,
// renamedEntriesFolder.test.ts, unclosedDayList.test.ts and
// tests/unit/content/unknownFieldFix.test.ts and misnamedSlugName.test.ts; preview's, refusePrivateFolderInContent.test.ts;
// publish's, unexpectedWord.test.ts.
const folders = temporaryFolders();
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));

describe('broadsheet check', () => {
  it('--out names a file in the output where a publish needs a folder, exit 2 as publish refuses it', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-e2e-check-blocked-');
    await writeFile(join(out, 'tags'), 'my notes');
    const run = await runCli(['check', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(run.code).toBe(2);
    // A's tag: tags/tags.json, then tags/trade/'s four files.
    expect(run.stderr).toContain(`${out}/: --out: ${out}/tags is a file where this publish needs a folder (for tags/tags.json and 4 others) (move it out of ${out}/ or remove it, before a publish)\n`);
  });

  it('after `mv entries posts`, says to rename posts/ back', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    await rename(join(content, 'entries'), join(content, 'posts'));
    const run = await runCli(['check', '--content', content]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts/2014/a.md: file: opens with front matter as an entry does, but is outside entries/, and only files in entries/ are entries (move it to entries/2014/a.md: posts/ reads as the entries folder renamed, so rename posts/ back to entries/)\n');
  });

  it('a digest day opening a list it never closes: the day alone as the fix', async () => {
    const content = folders.keep(await contentFolder({ site: `${dump(SITE)}digest:\n  day: [1\n  time: "08:00"\n`, entries: { '2014/a.md': A } }));
    const run = await runCli(['check', '--content', content]);
    expect(run.code).toBe(1);
    // SITE's six lines, digest:, then the day.
    expect(run.stderr).toContain('site.yml:8: day: malformed YAML: the [ that opens this list is never closed (day wants one day of the week, not a list: write day: 1)\n');
  });

  it('tag: for tags: names tags:, not the list of every field', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: undefined, tag: 'trade' })) } }));
    const run = await runCli(['check', '--content', content]);
    expect(run.code).toBe(0);
    // Front matter: ---, title, url, source, date, then tag.
    expect(run.stderr).toContain('entries/2014/a.md:6: tag: is not a known field and is ignored (did you mean tags:? rename it to tags:)\n');
  });
});

describe('broadsheet preview', () => {
  it('--outbox inside the content folder is refused before anything is served, exit 2', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const run = await runCli(['preview', '--content', content, '--outbox', join(content, 'outbox'), '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--outbox: ${join(content, 'outbox')} is inside the content folder `);
    expect(run.stdout).not.toContain('http://');
  });

  it('--subscribers inside the content folder is refused as well, exit 2', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const run = await runCli(['preview', '--content', content, '--subscribers', join(content, 'subscribers'), '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--subscribers: ${join(content, 'subscribers')} is inside the content folder `);
  });
});

describe('broadsheet digest', () => {
  it('--send --transport file with --outbox inside the content folder is refused before the week is archived, exit 2', async () => {
    const content = folders.keep(await contentFolder({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-13' })) } }));
    await writeFile(join(content, 'subscribers.txt'), 'ada@example.org\n');
    const out = join(await folders.make('broadsheet-e2e-digest-outbox-'), 'public');
    const run = await runCli(['digest', '--content', content, '--out', out, '--week', '2014-W20', '--send', '--transport', 'file', '--outbox', join(content, 'outbox'), '--now', '2014-05-19T08:00:00+09:00']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--outbox: ${join(content, 'outbox')} is inside the content folder `);
    expect(run.stderr).toContain("every recipient's address");
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(content, 'outbox'))).toBe(false);
  });
});

describe('broadsheet publish', () => {
  it('a folder typed without --out: --out as the fix, nothing written, exit 2', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const run = await runCli(['publish', '--content', content, '--dry-run', 'public']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('broadsheet publish: "public" is not an option or an option\'s value (give the output folder as --out public; see broadsheet publish --help)\n');
  });
});

describe('broadsheet check: a misnamed entry', () => {
  it('Kaesong Wages.markdown: the slug of its name, not a name with a space', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A, '2014/Kaesong Wages.markdown': entryText(entry({ title: 'B', url: 'https://news.example.com/b' })) } }));
    const run = await runCli(['check', '--content', content]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("entries/2014/Kaesong Wages.markdown: file: is not published: only files ending in .md (lowercase) are entries (rename it to kaesong-wages.md; the name, less .md, is the entry's id and its page's address, so no spaces, as broadsheet new names files)\n");
  });
});
