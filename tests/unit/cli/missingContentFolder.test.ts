import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../support/runMain.js';

// A --content typed wrong was read as a content folder with no site.yml: "site.yml: file: not found in …/contnt/
// (create site.yml …)", exit 1, a fix that makes a second site where the editor meant the first.
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
