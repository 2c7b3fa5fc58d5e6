import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { tagSpacingVariants } from '../../../lib/content/tagSpacingVariants.js';
import { slugify } from '../../../lib/shared/slug.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const tagged = (key: string, ...names: string[]) => ({ key, tags: names.map((name) => ({ name, slug: slugify(name) })) });

describe('tagSpacingVariants', () => {
  it('warns about Hangul spellings apart only by a space, on each first file, and merges them at the more used slug', () => {
    const spaced = `tags/${slugify('북한 경제')}/`;
    const joined = slugify('북한경제');
    const warnings = tagSpacingVariants([tagged('entries/2024/a.md', '북한 경제'), tagged('entries/2024/b.md', '북한경제'), tagged('entries/2024/c.md', '북한경제')]);
    expect(warnings.map((warning) => [warning.file, warning.field, warning.message])).toEqual([
      ['entries/2024/a.md', 'tags', `the tag "북한 경제" (${spaced}) differs only in spaces, hyphens or case from "북한경제" (entries/2024/b.md, tags/${joined}/): each has its own page, feed and topic, and a subscriber who chooses one misses the entries tagged the other`],
      ['entries/2024/b.md', 'tags', `the tag "북한경제" (tags/${joined}/) differs only in spaces, hyphens or case from "북한 경제" (entries/2024/a.md, ${spaced}): each has its own page, feed and topic, and a subscriber who chooses one misses the entries tagged the other`],
    ]);
    // 북한경제 has two entries, 북한 경제 one: the fix keeps the page of two.
    for (const warning of warnings) expect(warning.fix).toBe(`write one spelling in every entry, or publish them as one tag with site.yml tagSlugs: {"북한 경제": ${joined}}`);
  });

  it('counts a hyphen as a space, and names a page once whatever the case or spacing of its spellings', () => {
    // "North Korea" and "north-korea" are one tag (tags/north-korea/, two entries); "NorthKorea" has its own page.
    const warnings = tagSpacingVariants([tagged('entries/a.md', 'North Korea'), tagged('entries/b.md', 'NorthKorea'), tagged('entries/c.md', 'north-korea')]);
    expect(warnings.map((warning) => warning.file)).toEqual(['entries/a.md', 'entries/b.md']);
    expect(warnings[1]!.message).toContain('from "North Korea" (entries/a.md, tags/north-korea/):');
    expect(warnings[0]!.fix).toContain('tagSlugs: {"NorthKorea": north-korea}');
  });

  it('warns on every file of a spelling whose page is not kept, in the words of its first, and on the first file of the kept one', () => {
    // "NorthKorea" has three entries and keeps its page; both files of "North Korea" are to edit.
    const entries = [tagged('entries/a.md', 'North Korea'), tagged('entries/b.md', 'NorthKorea'), tagged('entries/c.md', 'North Korea'), tagged('entries/d.md', 'NorthKorea'), tagged('entries/e.md', 'NorthKorea')];
    const warnings = tagSpacingVariants(entries);
    expect(warnings.map((warning) => warning.file)).toEqual(['entries/a.md', 'entries/b.md', 'entries/c.md']);
    const { file: _a, ...first } = warnings[0]!;
    const { file: _c, ...other } = warnings[2]!;
    expect(other).toEqual(first);
    expect(first.message).toBe('the tag "North Korea" (tags/north-korea/) differs only in spaces, hyphens or case from "NorthKorea" (entries/b.md, tags/northkorea/): each has its own page, feed and topic, and a subscriber who chooses one misses the entries tagged the other');
    expect(first.fix).toBe('write one spelling in every entry, or publish them as one tag with site.yml tagSlugs: {"North Korea": northkorea}');
  });

  it('says nothing of tags apart by more than spacing (C++ and C), or of spellings already at one slug', () => {
    expect(tagSpacingVariants([tagged('entries/a.md', 'C++', 'Trade'), tagged('entries/b.md', 'C', 'Trade')])).toEqual([]);
    expect(tagSpacingVariants([{ key: 'entries/a.md', tags: [{ name: 'North Korea', slug: 'northkorea' }] }, tagged('entries/b.md', 'NorthKorea')])).toEqual([]);
  });

  it("the tagSlugs fix merges the spellings at one page, and check then warns of neither spacing nor a shared slug", async () => {
    const store = memoryContent({
      site: { ...SITE, tagSlugs: { '북한 경제': slugify('북한경제') } },
      entries: { '2024/a.md': entryText(entry({ url: 'https://x.example/a', tags: ['북한 경제'] })), '2024/b.md': entryText(entry({ url: 'https://x.example/b', tags: ['북한경제'] })) },
    });
    const loaded = await loadContent(await scanContent(store), { retainEntries: true });
    expect(loaded.warnings).toEqual([]);
    expect(new Set(loaded.entries.flatMap((e) => e.tags.map((tag) => tag.slug)))).toEqual(new Set([slugify('북한경제')]));
  });
});

describe('tagSpacingVariants: a spelling the newest entry alone uses renames the tag', () => {
  const dated = (key: string, date: number, ...names: string[]) => ({ ...tagged(key, ...names), id: key, date });

  it('warns on the newest entry, naming the spelling the other entries use, with the fix', () => {
    // "trade" slugs as "Trade" does: one tag, named as its newest entry (z.md) spells it.
    const entries = [dated('entries/a.md', 1, 'Trade'), dated('entries/b.md', 2, 'Trade', 'China'), dated('entries/c.md', 3, 'Trade'), dated('entries/z.md', 4, 'Infrastructure', 'trade')];
    expect(tagSpacingVariants(entries)).toEqual([
      {
        file: 'entries/z.md',
        field: 'tags',
        message: '"trade" is spelled "Trade" in the other 3 entries with that tag: as its newest entry, this one renames the tag "trade" on its page, feeds and subscription topic',
        fix: 'write "Trade" here, or "trade" in the other entries to rename the tag',
      },
    ]);
  });

  it('says nothing when another entry spells it as the newest does, an older entry has the variant, the newest is a draft, or one entry has the other spelling', () => {
    expect(tagSpacingVariants([dated('entries/a.md', 1, 'Trade'), dated('entries/b.md', 2, 'trade'), dated('entries/z.md', 4, 'trade')])).toEqual([]);
    expect(tagSpacingVariants([dated('entries/a.md', 1, 'trade'), dated('entries/b.md', 2, 'Trade'), dated('entries/z.md', 4, 'Trade')])).toEqual([]);
    expect(tagSpacingVariants([dated('entries/a.md', 1, 'Trade'), dated('entries/b.md', 2, 'Trade'), { ...dated('entries/z.md', 4, 'trade'), draft: true }])).toEqual([]);
    // One entry each: neither is yet the site's spelling.
    expect(tagSpacingVariants([dated('entries/a.md', 1, 'Trade'), dated('entries/z.md', 4, 'trade')])).toEqual([]);
  });

  it('names the tag from the entries published at now: an embargoed entry spelling it as the others do hides no rename', () => {
    // At 5, y.md (dated 9) is embargoed: z.md is the newest published entry, and its "trade" names the tag.
    const entries = [dated('entries/a.md', 1, 'Trade'), dated('entries/b.md', 2, 'Trade'), dated('entries/z.md', 4, 'trade'), dated('entries/y.md', 9, 'Trade')];
    expect(tagSpacingVariants(entries, 5).map((warning) => [warning.file, warning.message.slice(0, 29)])).toEqual([['entries/z.md', '"trade" is spelled "Trade" in']]);
    // Once y.md is published, its "Trade" names the tag again.
    expect(tagSpacingVariants(entries, 9)).toEqual([]);
  });

  it('warns from the files as check reads them, without keeping the entries', async () => {
    const at = (date: string, tags: string[]) => entryText(entry({ url: `https://x.example/${date}`, date, tags }));
    // d.md, embargoed at `now`, does not yet name the tag.
    const store = memoryContent({ entries: { '2014/a.md': at('2014-05-01', ['Trade']), '2014/b.md': at('2014-05-02', ['Trade']), '2014/c.md': at('2014-06-01', ['Infrastructure', 'trade']), '2014/d.md': at('2014-06-10', ['Trade']) } });
    for (const retainEntries of [true, false]) {
      const loaded = await loadContent(await scanContent(store), { retainEntries, now: Date.parse('2014-06-02T00:00:00Z') });
      expect(loaded.warnings.map((warning) => [warning.file, warning.field])).toEqual([['entries/2014/c.md', 'tags']]);
    }
  });

  it("reads a date within a day of now as publish does, in the site's zone, with or without the entries", async () => {
    const at = (date: string, tags: string[]) => entryText(entry({ url: `https://x.example/${date}`, date, tags }));
    const entries = { '2014/a.md': at('2014-05-01', ['Trade']), '2014/b.md': at('2014-05-02', ['Trade']), '2014/c.md': at('2014-06-02', ['trade']) };
    const cases = [
      // 2014-06-02 in Seoul (+09:00) begins 2014-06-01T15:00Z: published at 20:00Z, so c.md names the tag.
      { timezone: 'Asia/Seoul', now: '2014-06-01T20:00:00Z', warned: [['entries/2014/c.md', 'tags']] },
      // In Los Angeles (-07:00) it begins 2014-06-02T07:00Z: still embargoed at 03:00Z, so it names nothing yet.
      { timezone: 'America/Los_Angeles', now: '2014-06-02T03:00:00Z', warned: [] },
    ];
    for (const { timezone, now, warned } of cases) {
      const store = memoryContent({ site: { ...SITE, timezone }, entries });
      for (const retainEntries of [true, false]) {
        const loaded = await loadContent(await scanContent(store), { retainEntries, now: Date.parse(now) });
        expect(loaded.warnings.map((warning) => [warning.file, warning.field])).toEqual(warned);
      }
    }
  });
});
