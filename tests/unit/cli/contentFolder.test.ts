import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentFolder } from '../../../cli/contentFolder.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { ContentError } from '../../../lib/shared/errors.js';

const root = mkdtempSync(join(tmpdir(), 'broadsheet-contentfolder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// A folder outside every content folder below, holding an entry and a folder of them.
const outside = join(root, 'outside');
mkdirSync(join(outside, '2014'), { recursive: true });
writeFileSync(join(outside, 'secret.md'), 'S');
writeFileSync(join(outside, '2014', 'deep.md'), 'D');

/** A content folder with site.yml and entries/ made by `make`. */
function content(name: string, make: (entries: string) => void): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'site.yml'), 'title: T\ndescription: D\nurl: https://watch.example.org/\nlanguage: en\ntimezone: Asia/Seoul\n');
  make(join(dir, 'entries'));
  return dir;
}

describe('ContentFolder: a symbolic link is never followed, the listed folder included', () => {
  it('entries/ linked to a folder outside the content lists nothing and names the link', async () => {
    const folder = new ContentFolder(content('linked', (entries) => symlinkSync(outside, entries)));
    expect(await folder.list('entries/')).toEqual([]);
    expect(await folder.listLinks('entries/')).toEqual(['entries']);
    expect(folder.requests.list).toBe(1);
  });

  it('a linked folder deeper in the prefix lists nothing either, and is named', async () => {
    const folder = new ContentFolder(content('deeper', (entries) => {
      mkdirSync(entries);
      symlinkSync(join(outside, '2014'), join(entries, '2014'));
    }));
    expect(await folder.list('entries/2014/')).toEqual([]);
    expect(await folder.listLinks('entries/2014/')).toEqual(['entries/2014']);
    // From entries/ on, the link is one name the walk does not enter, as in any LocalStore.
    expect(await folder.list('entries/')).toEqual([]);
    expect(await folder.listLinks('entries/')).toEqual(['entries/2014']);
  });

  it('the load refuses content whose entries is a file (a broken sync), as one without entries/, naming entries/', async () => {
    const dir = content('file', (entries) => writeFileSync(entries, 'not a folder\n'));
    const error = await loadContent(await scanContent(new ContentFolder(dir))).catch((thrown: unknown) => thrown);
    // A ContentError, which --skip-invalid does not pass over (tests/unit/content/loadContent.test.ts).
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toMatchObject([{ file: 'entries/', field: 'file', message: `is missing, empty or not a folder in ${dir}/; publishing would leave the site with no entry` }]);
  });

  it('the load refuses content whose entries/ is a link, saying so', async () => {
    const dir = content('load', (entries) => symlinkSync(outside, entries));
    const error = await loadContent(await scanContent(new ContentFolder(dir))).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      expect.objectContaining({ file: 'entries/', field: 'file', message: expect.stringMatching(/^is a symbolic link in .*, which is not followed/), fix: 'make entries/ a folder holding the entry files themselves (cp -RL)' }),
    ]);
  });
});
