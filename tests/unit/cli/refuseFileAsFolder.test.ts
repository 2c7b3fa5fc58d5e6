import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { entry, entryText, SITE } from '../../support/content.js';

const root = mkdtempSync(join(tmpdir(), 'broadsheet-fileasfolder-'));
const content = join(root, 'content');
mkdirSync(join(content, 'entries', '2014'), { recursive: true });
writeFileSync(join(content, 'site.yml'), dump(SITE));
writeFileSync(join(content, 'entries', '2014', 'a.md'), entryText(entry()));
const site = join(content, 'site.yml');
const notes = join(root, 'notes.txt');
writeFileSync(notes, 'a file\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const io: CliIo = { stdout: () => undefined, stderr: (line) => err.push(line), env: {}, cwd: root, isTty: false };
  return { code: await main(args, io), err };
}

describe('a folder flag naming a file', () => {
  const contentFix = 'not a folder (give --content the folder that holds site.yml and entries/)';
  const outFix = 'not a folder (give --out the folder the site is published to, or the name of a new one)';

  it('--content site.yml is refused naming the path typed, for every command that reads the content, exit 2', async () => {
    for (const args of [['check'], ['publish', '--out', join(root, 'public')], ['new', '--url', 'https://news.example.com/a'], ['push-content', '--bucket', 'content', '--endpoint', 'http://127.0.0.1:9']]) {
      const { code, err } = await run([...args, '--content', 'content/site.yml']);
      expect(code, args[0]).toBe(2);
      expect(err, args[0]).toEqual([`broadsheet ${args[0]}: --content: ${site} is a file, ${contentFix}`]);
    }
  });

  it('--content inside a file is refused naming the file', async () => {
    const inside = await run(['check', '--content', 'notes.txt/content']);
    expect(inside).toEqual({ code: 2, err: [`broadsheet check: --content: ${join(notes, 'content')} is inside ${notes}, a file, ${contentFix}`] });
  });

  it('--out a file is refused before anything is read or written, exit 2', async () => {
    const file = await run(['publish', '--content', 'content', '--out', 'notes.txt']);
    expect(file).toEqual({ code: 2, err: [`broadsheet publish: --out: ${notes} is a file, ${outFix}`] });
    expect(await run(['check', '--content', 'content', '--out', 'notes.txt'])).toEqual({ code: 2, err: [`broadsheet check: --out: ${notes} is a file, ${outFix}`] });
  });

  it('lets be a folder that does not exist yet, which a publish makes', async () => {
    expect(await run(['check', '--content', 'content', '--out', 'new/public', '--quiet'])).toEqual({ code: 0, err: [] });
  });
});
