import { describe, expect, it } from 'vitest';
import { defaultDigestConfig } from '../../../lib/content/digestConfig.js';
import { digestArchiveSpanProblem, emptyWeeksStart } from '../../../lib/content/digestArchiveSpan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
const config = (digest: Record<string, unknown> = {}) => ({ ...defaultDigestConfig(), sendEmpty: true, ...digest });
const end = (date: string) => ({ at: day(date), what: 'the newest entry' });

describe('digestArchiveSpanProblem (README "Limits": 5,218 weeks with sendEmpty)', () => {
  it('names the span, in weeks counted Monday to Monday, and the since that fits', () => {
    // Monday 1905-05-01 to Monday 2013-05-06: 39,452 days, 5,636 weeks on, so 5,637 weeks in all; the limit's
    // first week is 5,217 weeks before 2013-05-06: 1913-05-12; the since suggested is 520 weeks (ten years) later,
    // 3,640 days: 1923-04-30.
    expect(digestArchiveSpanProblem(config(), 'UTC', day('1905-05-07'), end('2013-05-07'))).toEqual({
      file: 'site.yml',
      field: 'digest.since',
      message: 'with sendEmpty: true the digest archive would hold every week from 1905-05-07 (the oldest entry) to 2013-05-07 (the newest entry): 5,637 weeks, more than the 5,218 (100 years) it may hold',
      fix: 'set digest.since to the first day to archive, "YYYY-MM-DD", at most 100 years before 2013-05-07, e.g. since: "1923-04-30", which leaves ten years before the bound is reached again',
    });
  });

  it('allows exactly 5,218 weeks and refuses 5,219', () => {
    // 1913-05-12 and 2013-05-06 are Mondays 5,217 weeks apart.
    expect(digestArchiveSpanProblem(config(), 'UTC', day('1913-05-12'), end('2013-05-12'))).toBeUndefined();
    expect(digestArchiveSpanProblem(config(), 'UTC', day('1913-05-12'), end('2013-05-13'))?.message).toContain(': 5,219 weeks,');
  });

  it('bounds nothing without sendEmpty: the archive then holds only weeks with entries and the last one', () => {
    expect(digestArchiveSpanProblem(config({ sendEmpty: false }), 'UTC', day('1005-05-07'), end('9996-05-07'))).toBeUndefined();
  });

  it('starts at digest.since when it is later than the oldest entry, and says so', () => {
    const digest = config({ since: '1910-01-03' });
    const dates = ['1905-05-07', '1914-05-07', '2013-05-07'].map(day);
    const start = emptyWeeksStart(digest, 'UTC', dates.length, (index) => dates[index]!);
    expect(start).toBe(day('1910-01-03'));
    expect(digestArchiveSpanProblem(digest, 'UTC', start, end('2013-05-07'))?.message).toContain('from 1910-01-03 (digest.since) to 2013-05-07');
  });
});

describe('check reports it (loadContent), measured to the newest entry that is not a draft', () => {
  // Every 9 years from 1905 to 2004: no gap of 10 years, so no date is an outlier, and 99 years of weeks.
  const entries = (last: { draft: boolean }) => {
    const files: Record<string, string> = {};
    for (let year = 1905; year <= 2004; year += 9) files[`${year}.md`] = entryText(entry({ title: `E${year}`, url: `https://news.example.com/${year}`, date: `${year}-05-07` }));
    files['2013.md'] = entryText(entry({ title: 'E2013', url: 'https://news.example.com/2013', date: '2013-05-07', draft: last.draft }));
    return files;
  };
  const load = async (draft: boolean) => loadContent(await scanContent(memoryContent({ site: siteYaml({}, { sendEmpty: true }), entries: entries({ draft }) })), { retainEntries: false });

  it('a problem on site.yml when the newest entry stretches the archive past 100 years', async () => {
    const loaded = await load(false);
    expect(loaded.problems.map((p) => [p.file, p.field, p.message])).toEqual([['site.yml', 'digest.since', expect.stringContaining('from 1905-05-07 (the oldest entry) to 2013-05-07 (the newest entry): 5,637 weeks')]]);
  });

  it('none when that entry is a draft (1905 to 2004 is 5,167 weeks)', async () => {
    expect((await load(true)).problems).toEqual([]);
  });
});
