import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadAndPlan } from '../../../lib/publish/loadAndPlan.js';
import { publish } from '../../../lib/publish/publish.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

// Every 9 years from 1905 to 2013 (no outlier), 13 entries; Seoul.
const entries = () => {
  const files: Record<string, string> = {};
  for (let year = 1905; year <= 2013; year += 9) files[`${year}.md`] = entryText(entry({ title: `E${year}`, url: `https://news.example.com/${year}`, date: `${year}-05-07` }));
  return files;
};
const content = (digest: Record<string, unknown>) => memoryContent({ site: siteYaml({}, { sendEmpty: true, ...digest }), entries: entries() });

describe('publish refuses a sendEmpty archive of more than 5,218 weeks', () => {
  it('what check reports, even with --skip-invalid (a site problem), writing nothing', async () => {
    const output = new MemoryStore();
    // At 2005-01-01 the 2013 entry is embargoed: the archive would end in 2004 (5,200 weeks), but check, which
    // measures to the newest entry (5,637 weeks), reports it, so publish refuses it too.
    const error = await publish({ content: content({}), output, now: DateTime.fromISO('2005-01-01T00:00:00Z'), skipInvalid: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map((p) => `${p.file}: ${p.field}`)).toEqual(['site.yml: digest.since']);
    expect(output.requests.put + output.requests.delete).toBe(0);
  });

  it('measured to the week ended before its now: since 1913-05-12 fits at 2013-05-13, not at 2014-06-01', async () => {
    const since = content({ since: '1913-05-12' });
    // Monday 2013-05-13 09:00 Seoul: the last week ended began 2013-05-06, 5,217 weeks after 1913-05-12.
    await expect(loadAndPlan(await scanContent(since), { output: new MemoryStore(), now: DateTime.fromISO('2013-05-13T09:00:00+09:00') })).resolves.toBeDefined();
    // Sunday 2014-06-01 09:00 Seoul: the last week ended began Monday 2014-05-19, 5,271 weeks after 1913-05-12.
    const error = await loadAndPlan(await scanContent(since), { output: new MemoryStore(), now: DateTime.fromISO('2014-06-01T00:00:00Z') }).catch((e: unknown) => e);
    expect((error as ContentError).problems).toEqual([
      {
        file: 'site.yml',
        field: 'digest.since',
        message: 'with sendEmpty: true the digest archive would hold every week from 1913-05-12 (digest.since) to 2014-05-19 (the week ended last before --now): 5,272 weeks, more than the 5,218 (100 years) it may hold',
        // The Monday on the limit is 1914-05-25; the since suggested is 520 weeks (3,640 days) later.
        fix: 'set digest.since to the first day to archive, "YYYY-MM-DD", at most 100 years before 2014-05-19, e.g. since: "1924-05-12", which leaves ten years before the bound is reached again',
      },
    ]);
  });
});
