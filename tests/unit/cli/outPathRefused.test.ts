import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { entry, entryText, SITE } from '../../support/content.js';

// `--out` a path inside a file, or a symbolic link to nothing: refused up front, naming what was typed.
const root = mkdtempSync(join(tmpdir(), 'broadsheet-outpath-'));
const content = join(root, 'content');
mkdirSync(join(content, 'entries', '2014'), { recursive: true });
writeFileSync(join(content, 'site.yml'), dump(SITE));
writeFileSync(join(content, 'entries', '2014', 'a.md'), entryText(entry()));
const notes = join(root, 'notes.txt');
writeFileSync(notes, 'a file\n');
const nowhere = join(root, 'nowhere');
symlinkSync(nowhere, join(root, 'dangling'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const io: CliIo = { stdout: () => undefined, stderr: (line) => err.push(line), env: {}, cwd: root, isTty: false };
  return { code: await main(args, io), err };
}

const OUT_FIX = 'give --out the folder the site is published to, or the name of a new one';

describe('--out refused up front', () => {
  it('a path inside a file, naming the path typed and the file, for publish and check', async () => {
    for (const command of ['publish', 'check']) {
      expect(await run([command, '--content', 'content', '--out', 'notes.txt/public'])).toEqual({
        code: 2,
        err: [`broadsheet ${command}: --out: ${join(notes, 'public')} is inside ${notes}, a file, not a folder (${OUT_FIX})`],
      });
    }
  });

  it('a symbolic link to nothing, naming where it points, and writes nothing there', async () => {
    const dangling = join(root, 'dangling');
    expect(await run(['publish', '--content', 'content', '--out', 'dangling'])).toEqual({
      code: 2,
      err: [`broadsheet publish: --out: ${dangling} is a symbolic link to ${nowhere}, which does not exist (make the folder it points to, or ${OUT_FIX})`],
    });
    expect(await run(['publish', '--content', 'content', '--out', 'dangling/public'])).toEqual({
      code: 2,
      err: [`broadsheet publish: --out: ${join(dangling, 'public')} is inside ${dangling}, a symbolic link to ${nowhere}, which does not exist (make the folder it points to, or ${OUT_FIX})`],
    });
    expect(existsSync(nowhere)).toBe(false);
  });

  it('--content a symbolic link to nothing, with its own fix', async () => {
    expect(await run(['check', '--content', 'dangling'])).toEqual({
      code: 2,
      err: [`broadsheet check: --content: ${join(root, 'dangling')} is a symbolic link to ${nowhere}, which does not exist (make the folder it points to, or give --content the folder that holds site.yml and entries/)`],
    });
  });

  it('publishes through a symbolic link to a folder', async () => {
    mkdirSync(join(root, 'site'));
    symlinkSync(join(root, 'site'), join(root, 'linked'));
    expect(await run(['publish', '--content', 'content', '--out', 'linked', '--quiet', '--now', '2014-06-01T00:00:00Z'])).toEqual({ code: 0, err: [] });
    expect(existsSync(join(root, 'site', 'index.html'))).toBe(true);
  });
});
