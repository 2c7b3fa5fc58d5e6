import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// A content file that is there but cannot be read (permission denied, a folder in its place, an I/O error) is that
// file's problem, with the fix for its cause: the tests run as root, which reads every file whatever its mode, so the
// cause made here is a folder put in an entry's place between the listing and the read, as a sync tool can.
describe('a content file that cannot be read', () => {
  it('an entry file: its problem alone, naming it, why and the fix, the others loaded', async () => {
    const root = await contentFolder({ entries: { '2014/a.md': entryText(entry({ url: 'https://x.example/a' })), '2014/b.md': entryText(entry({ url: 'https://x.example/b' })) } });
    const scan = await scanContent(new LocalStore(root));
    await rm(join(root, 'entries/2014/b.md'));
    await mkdir(join(root, 'entries/2014/b.md'));
    const loaded = await loadContent(scan);
    expect(loaded.problems).toEqual([{ file: 'entries/2014/b.md', field: 'file', message: 'cannot be read: it is a folder, not a regular file', fix: 'put the file itself in its place, or move it out of entries/' }]);
    expect([...loaded.invalidKeys]).toEqual(['entries/2014/b.md']);
    expect(loaded.entries.map((meta) => meta.key)).toEqual(['entries/2014/a.md']);
  });

  it('site.yml: a content error naming it and the fix, never a store failure', async () => {
    const root = await contentFolder({ entries: { '2014/a.md': entryText(entry({ url: 'https://x.example/a' })) } });
    await rm(join(root, 'site.yml'));
    await mkdir(join(root, 'site.yml'));
    const error = await scanContent(new LocalStore(root)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([{ file: 'site.yml', field: 'file', message: 'cannot be read: it is a folder, not a regular file', fix: 'put the file itself in its place' }]);
  });
});
