import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { dateOutliers } from '../../../lib/content/dateOutliers.js';
import { entrySizeProblem } from '../../../lib/content/entrySize.js';
import { DATE_OUTLIER_YEARS, MAX_ENTRY_BYTES, MAX_RELATED_PER_ENTRY } from '../../../lib/content/limits.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';


async function both(entries: Record<string, string>) {
  const full = await loadContent(await scanContent(memoryContent({ site: SITE, entries })));
  const light = await loadContent(await scanContent(memoryContent({ site: SITE, entries })), { retainEntries: false });
  return { full, light };
}

describe('entry size', () => {
  const padded = (bytes: number) => {
    const text = entryText(entry(), '');
    return text + 'x'.repeat(bytes - Buffer.byteLength(text));
  };

  it(`accepts a file of exactly ${MAX_ENTRY_BYTES} bytes and refuses one byte more, counting UTF-8 bytes`, () => {
    expect(entrySizeProblem('entries/a.md', padded(MAX_ENTRY_BYTES))).toBeUndefined();
    expect(entrySizeProblem('entries/a.md', padded(MAX_ENTRY_BYTES + 1))).toEqual({
      file: 'entries/a.md',
      field: 'file',
      message: `is ${(MAX_ENTRY_BYTES + 1).toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry`,
      fix: 'shorten the commentary: quote a passage and link to the full text rather than copying it',
    });
    // 40,000 characters of Hangul are 120,000 bytes.
    expect(entrySizeProblem('entries/a.md', entryText(entry(), '한'.repeat(40_000)))?.message).toMatch(/^is 120,\d{3} bytes/);
  });

  it('a large entry is one problem in check and publish alike, and the other entries load', async () => {
    const { full, light } = await both({ '2014/big.md': padded(5 * MAX_ENTRY_BYTES), '2014/ok.md': entryText(entry({ url: 'https://x.example/ok' })) });
    for (const loaded of [full, light]) {
      expect(loaded.problems.map((p) => [p.file, p.field])).toEqual([['entries/2014/big.md', 'file']]);
      expect([...loaded.invalidKeys]).toEqual(['entries/2014/big.md']);
    }
    expect(full.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
  });
});

describe('related links per entry', () => {
  const links = (count: number) => Array.from({ length: count }, (_, index) => ({ title: `Link ${index}`, url: `https://news.example.com/r${index}` }));

  it(`publishes ${MAX_RELATED_PER_ENTRY} and refuses one more, on related, in check and publish alike`, async () => {
    const { full, light } = await both({
      '2014/most.md': entryText(entry({ url: 'https://x.example/most', related: links(MAX_RELATED_PER_ENTRY) })),
      '2014/over.md': entryText(entry({ url: 'https://x.example/over', related: links(MAX_RELATED_PER_ENTRY + 1) })),
    });
    for (const loaded of [full, light]) {
      expect(loaded.problems.map((p) => [p.file, p.field, p.message, p.fix])).toEqual([
        ['entries/2014/over.md', 'related', `has ${MAX_RELATED_PER_ENTRY + 1} links, more than the ${MAX_RELATED_PER_ENTRY} an entry may have`, `keep the ${MAX_RELATED_PER_ENTRY} that add most to the article`],
      ]);
      expect([...loaded.invalidKeys]).toEqual(['entries/2014/over.md']);
    }
    expect(full.entries.map((e) => [e.key, e.related.length])).toEqual([['entries/2014/most.md', MAX_RELATED_PER_ENTRY]]);
  });
});

describe('dates far from the others', () => {
  it(`flags an entry more than ${DATE_OUTLIER_YEARS} years before or after the others with none between`, () => {
    const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
    const entries = [
      { key: 'a', date: day('2014-05-01') },
      { key: 'b', date: day('2014-05-02') },
      { key: 'c', date: day('2014-05-03') },
      { key: 'typo', date: day('1914-05-02') },
      { key: 'future', date: day('2104-05-02') },
      { key: 'edge', date: day('2004-05-03') },
      { key: 'chain', date: day('1996-01-01') },
    ];
    // Sorted: 1914, 1996, 2004-05-03, 2014-05-01 (the median), 2014-05-02, 2014-05-03, 2104. Down from the median:
    // 2004-05-03 is 3,650 days before it (ten years of 365.2425 days are 3,652.4), 1996-01-01 eight years before
    // that, then 1914 is 82 years earlier still. Up: 2104 is 90 years after 2014-05-03.
    expect(dateOutliers(entries).map((w) => [w.file, w.field, w.message])).toEqual([
      ['typo', 'date', `is about 82 years before the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged)`],
      ['future', 'date', `is about 90 years after the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged)`],
    ]);
    expect(dateOutliers([])).toEqual([]);
  });

  it(`flags an updated: more than ${DATE_OUTLIER_YEARS} years outside the run of dates, by the same rule`, () => {
    const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
    const entries = [
      { key: 'a', date: day('2014-05-01'), updated: day('2014-05-02') },
      { key: 'b', date: day('2014-05-02') },
      // 2104 typed for 2014: 90 years after the newest date, 2014-05-03.
      { key: 'typo', date: day('2014-05-03'), updated: day('2104-05-04') },
      // A correction ten years after the newest date, a gap the rule lets be (ten years of 365.2425 days are 3,652.4).
      { key: 'late', date: day('2014-05-01'), updated: day('2024-05-02') },
      // Earlier than its own date: updatedBeforeDate's to name, not flagged twice.
      { key: 'early', date: day('2014-05-01'), updated: day('1014-05-01') },
    ];
    expect(dateOutliers(entries).map((w) => [w.file, w.field, w.message])).toEqual([
      ['typo', 'updated', `is about 90 years after the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged)`],
    ]);
    // An entry whose date is an outlier, corrected a year on: both are named (its updated: 99 years before the run).
    expect(dateOutliers([...entries.slice(0, 2), { key: 'old', date: day('1914-05-01'), updated: day('1915-05-01') }]).map((w) => [w.file, w.field, w.message])).toEqual([
      ['old', 'date', `is about 100 years before the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged)`],
      ['old', 'updated', `is about 99 years before the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged)`],
    ]);
  });

  it('flags nothing on a site that has published every month for 40 years', () => {
    const entries = Array.from({ length: 480 }, (_, i) => ({ key: `e${i}`, date: Date.UTC(1980 + Math.floor(i / 12), i % 12, 1) }));
    expect(dateOutliers(entries)).toEqual([]);
  });

  it('check and publish give the same warning for a mistyped year', async () => {
    const entries = {
      '2014/a.md': entryText(entry({ url: 'https://x.example/a', date: '2014-05-01' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/b', date: '2014-05-08' })),
      '2014/c.md': entryText(entry({ url: 'https://x.example/c', date: '1914-05-08' })),
    };
    const { full, light } = await both(entries);
    expect(full.problems).toEqual([]);
    const dateWarnings = (warnings: typeof full.warnings) => warnings.filter((w) => w.field === 'date').map((w) => [w.file, w.line, w.message]);
    // Line 5: after the opening ---, title:, url: and source:.
    expect(dateWarnings(full.warnings)).toEqual([['entries/2014/c.md', 5, 'is about 100 years before the other entries (a gap of more than 10 years with no entry is flagged)']]);
    expect(dateWarnings(light.warnings)).toEqual(dateWarnings(full.warnings));
  });

  it('check and publish give the same warning for a mistyped year in updated:', async () => {
    const entries = {
      '2014/a.md': entryText(entry({ url: 'https://x.example/a', date: '2014-05-01' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/b', date: '2014-05-08', updated: '2104-05-09' })),
    };
    const { full, light } = await both(entries);
    expect(full.problems).toEqual([]);
    const updatedWarnings = (warnings: typeof full.warnings) => warnings.filter((w) => w.field === 'updated').map((w) => [w.file, w.line, w.message]);
    // Line 8: after the opening ---, title:, url:, source:, date: and tags: with its one item.
    expect(updatedWarnings(full.warnings)).toEqual([['entries/2014/b.md', 8, 'is about 90 years after the other entries (a gap of more than 10 years with no entry is flagged)']]);
    expect(updatedWarnings(light.warnings)).toEqual(updatedWarnings(full.warnings));
  });
});

describe('one id in many files', () => {
  it('each message names at most three of the others, so the report grows linearly with the files', async () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 6; i++) entries[`2014/e${i}.md`] = entryText(entry({ id: 'same', url: `https://x.example/${i}` }));
    const { light } = await both(entries);
    const messages = light.problems.filter((p) => p.field === 'id').map((p) => [p.file, p.message]);
    expect(messages).toHaveLength(6);
    expect(messages[0]).toEqual(['entries/2014/e0.md', 'the id "same" is also used by entries/2014/e1.md, entries/2014/e2.md, entries/2014/e3.md and 2 more']);
    expect(messages[5]).toEqual(['entries/2014/e5.md', 'the id "same" is also used by entries/2014/e0.md, entries/2014/e1.md, entries/2014/e2.md and 2 more']);
  });
});
