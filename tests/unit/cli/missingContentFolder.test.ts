import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../support/runMain.js';

// A --content typed wrong is no content folder without a site.yml: that problem's fix (create site.yml) would make a
// second site where the editor meant the first.
describe('a --content folder that does not exist', () => {
  it('is refused naming it, with the folder beside it that the name is a slip for, and nothing is written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-nocontent-'));
    await mkdir(join(cwd, 'content', 'entries'), { recursive: true });
    await writeFile(join(cwd, 'content', 'site.yml'), 'title: T\n');
    const fix = 'give --content the folder that holds site.yml and entries/';
    for (const command of [['check'], ['publish'], ['new', '--url', 'https://example.com/a']]) {
      const run = await runMain([...command, '--content', 'contnt'], { cwd });
      expect(run.stderr.trim(), command[0]).toBe(`broadsheet ${command[0]}: --content: ${join(cwd, 'contnt')} does not exist (did you mean --content content? ${fix})`);
      expect(run.code, command[0]).toBe(2);
    }
    // The path as typed, its last name mended; and a name no folder is near: check its name.
    expect((await runMain(['check', '--content', './sub/../Contents/'], { cwd })).stderr.trim()).toBe(`broadsheet check: --content: ${join(cwd, 'Contents')} does not exist (did you mean --content content? ${fix})`);
    expect((await runMain(['check', '--content', 'elsewhere'], { cwd })).stderr.trim()).toBe(`broadsheet check: --content: ${join(cwd, 'elsewhere')} does not exist (check its name; ${fix})`);
    expect((await readdir(cwd)).sort()).toEqual(['content']);
  });
});

// With no --content and no content/ here, check, publish and new said "site.yml: file: not found in …/content/
// (create site.yml …)", exit 1: a file in a folder that is not there, and a fix for starting a site alone, when the
// editor is more often in the wrong folder.
describe('no content folder here and no --content', () => {
  it('is refused naming the missing folder, the way to the right one, and how to start a site; nothing is written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-nodefault-'));
    const said = `no content folder here: ${join(cwd, 'content')} does not exist (run broadsheet from the folder that holds content/, or pass --content DIR, the folder that holds site.yml and entries/; to start a site, create content/site.yml with title, description, url, language and timezone, and content/entries/)`;
    for (const command of [['check'], ['publish'], ['publish', '--dry-run'], ['new', '--url', 'https://example.com/a'], ['push-content', '--bucket', 'b'], ['preview', '--port', '0']]) {
      const run = await runMain(command, { cwd });
      expect(run.stderr.trim(), command.join(' ')).toBe(`broadsheet ${command[0]}: ${said}`);
      expect(run.code, command.join(' ')).toBe(2);
    }
    expect(await readdir(cwd)).toEqual([]);
    // A content folder with no site.yml in it is still the missing site.yml, whose fix is to create it.
    await mkdir(join(cwd, 'content'));
    const run = await runMain(['check'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`site.yml: file: not found in ${join(cwd, 'content')}/ (create site.yml`);
  });
});

// preview told the missing content folder first, where check and publish tell a bad --out or --bucket first: the same
// mistyped command got another refusal from each.
describe('no content folder here, and the output flags wrong too', () => {
  it('check, publish and preview each refuse the output flags first, and nothing is written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-nodefault-out-'));
    const wrong = [
      { flags: ['--out', 's3://site-bucket/news'], said: '--out: s3://site-bucket/news is an S3 URL, and --out takes a local folder: for a bucket give --bucket site-bucket --prefix news' },
      { flags: ['--out', 'public', '--bucket', 'site-bucket'], said: '--out and --bucket both name the output; give one of them' },
    ];
    for (const command of [['check'], ['publish'], ['preview', '--port', '0']]) {
      for (const { flags, said } of wrong) {
        const run = await runMain([...command, ...flags], { cwd });
        expect(run.stderr.trim(), [...command, ...flags].join(' ')).toBe(`broadsheet ${command[0]}: ${said}`);
        expect(run.code, [...command, ...flags].join(' ')).toBe(2);
      }
    }
    expect(await readdir(cwd)).toEqual([]);
  });
});
