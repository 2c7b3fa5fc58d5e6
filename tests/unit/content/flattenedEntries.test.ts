import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// A zip made on Windows with `entries\2014\a.md` as a path, extracted by unzip on macOS or Linux into the content
// folder: one file of that name at its top, beside entries/, which nothing read.
describe('an entry extracted flat from a zip with backslash paths', () => {
  it('is a warning naming the file, that it is not read, and where to move it; the entries load as before', async () => {
    const root = await contentFolder({ entries: { '2014/a.md': entryText(entry({ url: 'https://x.example/a' })) } });
    await writeFile(join(root, 'entries\\2014\\b.md'), entryText(entry({ url: 'https://x.example/b' })));
    await writeFile(join(root, 'entries-notes.txt'), 'the editor\'s own');
    const loaded = await loadContent(await scanContent(new LocalStore(root)));
    expect(loaded.problems).toEqual([]);
    expect(loaded.entries.map((meta) => meta.key)).toEqual(['entries/2014/a.md']);
    expect(loaded.warnings).toEqual([
      {
        file: 'entries\\2014\\b.md',
        field: 'file',
        message: "is not read: its name holds a path with backslashes (\\), as a zip made on Windows stores one and an unzip on macOS or Linux writes it as one file's name, and only files in the folder entries/ are entries",
        fix: 'move it to entries/2014/b.md, or extract the zip again with a tool that reads \\ as a folder separator (7-Zip: 7z x)',
      },
    ]);
  });
});
