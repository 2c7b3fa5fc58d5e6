import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// A site.yml that does not parse still lets each entry be checked, so one run shows everything: an entry's warnings
// too, since a warning (`tag:` for `tags:`, which drops the entry's tags) is often what the editor has to fix.
describe('entries under a site.yml that does not parse', () => {
  it("are reported with their problems and their warnings, after site.yml's", async () => {
    const entries = {
      '2014/typo.md': entryText(entry({ tags: undefined, tag: ['trade'] })),
      '2014/bad.md': entryText(entry({ url: 'not a url' })),
    };
    const refused = async (site: Record<string, unknown>) => {
      const error = await loadContent(await scanContent(memoryContent({ site, entries }))).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContentError);
      const { problems, warnings } = error as ContentError;
      return { problems: problems.map((p) => `${p.file} ${p.field}`), warnings: warnings.map((w) => `${w.file} ${w.field}`) };
    };
    expect(await refused({ ...SITE, timezone: 'Mars/Olympus', titel: 'T' })).toEqual({
      problems: ['site.yml timezone', 'entries/2014/bad.md url'],
      warnings: ['site.yml titel', 'entries/2014/typo.md tag'],
    });
  });
});
