import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// Hidden files and folders are no entries (README, "Every file is accounted for"): with a site.yml that does not
// parse, the entries are still checked, and the hidden ones stay out of the report as they do with a good site.yml.
const ENTRIES = {
  '2014/bad.md': entryText(entry({ url: 'not a url' })),
  '.drafts/idea.md': entryText(entry({ url: 'also not a url' })),
  '2014/.scratch.md': 'no front matter at all\n',
};

describe('hidden entry files', () => {
  it('are left out of the report when site.yml is invalid, as when it is valid', async () => {
    const problemFiles = async (site: Record<string, unknown>) => {
      const error = await loadContent(await scanContent(memoryContent({ site, entries: ENTRIES }))).then(
        (loaded) => new ContentError(loaded.problems),
        (e: unknown) => e as ContentError,
      );
      return error.problems.map((problem) => `${problem.file} ${problem.field}`);
    };
    expect(await problemFiles(SITE)).toEqual(['entries/2014/bad.md url']);
    expect(await problemFiles({ ...SITE, timezone: 'Mars/Olympus' })).toEqual(['site.yml timezone', 'entries/2014/bad.md url']);
  });
});
