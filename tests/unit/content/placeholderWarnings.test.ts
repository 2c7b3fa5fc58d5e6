import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// An S3 key such as `entries/a.md/` (an upload with a trailing slash) holds bytes the listing of files leaves out:
// like `X.MD`, it is named in a warning with the key to give it, never passed over in silence.
describe('folder placeholders holding bytes under entries/', () => {
  it('are a warning each when named like an entry, with the key to upload it as; hidden ones and other names stay quiet', async () => {
    const store = memoryContent({ entries: { 'good.md': entryText(entry()) } });
    const placeholders = ['entries/.drafts/x.md/', 'entries/2014/a.md/', 'entries/B.MD/', 'entries/img/', 'entries/notes.markdown//'];
    Object.assign(store, { listPlaceholders: async (prefix: string) => placeholders.filter((key) => key.startsWith(prefix)) });
    const loaded = await loadContent(await scanContent(store));
    const message = 'ends in / (an S3 folder placeholder) but holds bytes, which are not published';
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/a.md/', field: 'file', message, fix: 'upload it as entries/2014/a.md, without the trailing /, or delete it' },
      { file: 'entries/B.MD/', field: 'file', message, fix: 'upload it as entries/B.md, without the trailing /, or delete it' },
      { file: 'entries/notes.markdown//', field: 'file', message, fix: 'upload it as entries/notes.md, without the trailing /, or delete it' },
    ]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.keys).toEqual(['entries/good.md']);
  });
});
