import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { MAX_SITE_BYTES } from '../../../lib/content/limits.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { readSiteFile, SITE_FILE } from '../../../lib/content/site.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { recordReads } from '../../support/recordedReads.js';
import { dump } from 'js-yaml';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// site.yml over MAX_SITE_BYTES is one problem on file, refused from its size and never read whole: a 600 MB one
// stopped check and publish with "Cannot create a string longer than ..." (exit 2, no problem line).

/** The content with site.yml padded to `bytes` (valid YAML: trailing spaces), recording the bytes each read handed over. */
function content(bytes: number) {
  const text = dump(SITE);
  const store = memoryContent({ site: text + ' '.repeat(bytes - Buffer.byteLength(text)), entries: { '2014/a.md': entryText(entry()) } });
  return { store, delivered: recordReads(store) };
}

const PROBLEM = {
  file: SITE_FILE,
  field: 'file',
  message: `is ${(MAX_SITE_BYTES + 1).toLocaleString('en')} bytes, over the limit of ${MAX_SITE_BYTES.toLocaleString('en')} bytes for site.yml`,
  fix: 'keep only the settings in it: a site.yml is a few KB',
};

describe('site.yml size', () => {
  it(`accepts ${MAX_SITE_BYTES} bytes and refuses one byte more, unread, in check and publish alike`, async () => {
    expect((await loadContent(await scanContent(content(MAX_SITE_BYTES).store))).site.title).toBe(SITE.title);
    for (const retainEntries of [true, false]) {
      const { store, delivered } = content(MAX_SITE_BYTES + 1);
      const error = await loadContent(await scanContent(store), { retainEntries }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([PROBLEM]);
      expect(delivered.get(SITE_FILE) ?? 0).toBe(0);
    }
  });

  it('is the same problem for the readers of site.yml alone (the digest, the subscription endpoints)', async () => {
    const { store, delivered } = content(MAX_SITE_BYTES + 1);
    expect(await readSiteFile(store)).toEqual({ problems: [PROBLEM], warnings: [] });
    expect(delivered.get(SITE_FILE) ?? 0).toBe(0);
  });
});
