import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { SMALL_SITE_ENTRIES, tagTypos } from '../../../lib/content/tagTypos.js';
import { slugify } from '../../../lib/shared/slug.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const tagged = (key: string, ...names: string[]) => ({ key, tags: names.map((name) => ({ name, slug: slugify(name) })) });

// A tag typed with a slip in an edited file (`Trdae` where the site has `Trade`) made a page, feeds and a topic of
// its own, and check said nothing: only `broadsheet new --tags` warned.
describe('tagTypos', () => {
  it("warns of a tag one entry has, a slip from one other entries share, naming the field's place and how many share it", () => {
    const warnings = tagTypos([tagged('entries/a.md', 'Trade', 'Rason'), tagged('entries/b.md', 'Sanctions', 'Trdae'), tagged('entries/c.md', 'Trade'), tagged('entries/d.md', 'trade')]);
    expect(warnings).toEqual([
      {
        file: 'entries/b.md',
        field: 'tags[1]',
        // Trade and trade are one tag (tagSpelling): three entries.
        message: 'tag "Trdae" is used by this entry only; did you mean "Trade" (used by 3 entries)?',
        fix: "if so, write Trade in this entry's tags; if a new tag is meant, leave it: a publish adds a page, feeds and a subscription topic for Trdae",
      },
    ]);
  });

  it("names the tag's place as written where tagIndexes gives it (a tag merged by slug before it)", () => {
    const merged = { ...tagged('entries/b.md', 'Sanctions', 'Trdae'), tagIndexes: [0, 2] };
    expect(tagTypos([tagged('entries/a.md', 'Trade'), merged, tagged('entries/c.md', 'Trade')]).map((w) => w.field)).toEqual(['tags[2]']);
  });

  it('says nothing of a new tag near none, of two entries each near the other, of a tag two entries share, or beside the one it is near', () => {
    // Rason is near no other tag; Sanctions is on one entry, but so is Sanctons: on a site past a few entries (a tag
    // far from both on the rest), neither is the site's spelling.
    const rest = Array.from({ length: SMALL_SITE_ENTRIES }, (_, i) => tagged(`o${i}.md`, 'Energy'));
    expect(tagTypos([tagged('a.md', 'Trade', 'Rason'), tagged('b.md', 'Trade', 'Sanctions'), tagged('c.md', 'Sanctons'), ...rest])).toEqual([]);
    // Trdae on two entries is a tag the site uses.
    expect(tagTypos([tagged('a.md', 'Trade'), tagged('b.md', 'Trade'), tagged('c.md', 'Trdae'), tagged('d.md', 'Trdae')])).toEqual([]);
    // The entry has both: two tags meant, as `new` takes them.
    expect(tagTypos([tagged('a.md', 'Trade'), tagged('b.md', 'Trade'), tagged('c.md', 'Trade', 'Trdae')])).toEqual([]);
    // Near two tags as closely: no guess.
    expect(tagTypos([tagged('a.md', 'cat', 'bag'), tagged('b.md', 'cat', 'bag'), tagged('c.md', 'bat')])).toEqual([]);
    // A spacing variant is tagSpacingVariants' to name.
    expect(tagTypos([tagged('a.md', 'North Korea'), tagged('b.md', 'North Korea'), tagged('c.md', 'NorthKorea')])).toEqual([]);
  });

  // A new site's two entries, each tag on one: neither is the site's, yet one is most likely a slip for the other.
  it('on a site of few entries, warns of each of two tags one entry each has, a slip apart, naming the other file', () => {
    const small = [tagged('entries/a.md', 'Trade'), tagged('entries/b.md', 'Rason', 'Trdae')];
    expect(tagTypos(small)).toEqual([
      {
        file: 'entries/a.md',
        field: 'tags[0]',
        message: 'tag "Trade" is used by this entry only, and "Trdae", a slip away, by entries/b.md only: is one a slip for the other?',
        fix: 'if so, write the same spelling in both entries; if two tags are meant, leave them: a publish adds a page, feeds and a subscription topic for each',
      },
      {
        file: 'entries/b.md',
        field: 'tags[1]',
        message: 'tag "Trdae" is used by this entry only, and "Trade", a slip away, by entries/a.md only: is one a slip for the other?',
        fix: 'if so, write the same spelling in both entries; if two tags are meant, leave them: a publish adds a page, feeds and a subscription topic for each',
      },
    ]);
    // One entry with both is two tags meant; tags near nothing are let be.
    expect(tagTypos([tagged('a.md', 'Trade', 'Trdae'), tagged('b.md', 'Rason')])).toEqual([]);
  });

  it('on a site of few entries, warns at both tags of a pair though one of them is as near a third', () => {
    // Trdae and Trad are each nearest Trade; Trade is one slip from both, so names neither as its own nearest.
    const warned = tagTypos([tagged('a.md', 'Trade'), tagged('b.md', 'Trdae'), tagged('c.md', 'Trad')]);
    expect(warned.map((w) => `${w.file} ${w.field}: ${w.message.slice(0, w.message.indexOf(':'))}`)).toEqual([
      'a.md tags[0]: tag "Trade" is used by this entry only, and "Trdae", a slip away, by b.md only',
      'a.md tags[0]: tag "Trade" is used by this entry only, and "Trad", a slip away, by c.md only',
      'b.md tags[0]: tag "Trdae" is used by this entry only, and "Trade", a slip away, by a.md only',
      'c.md tags[0]: tag "Trad" is used by this entry only, and "Trade", a slip away, by a.md only',
    ]);
  });

  it('on a site of SMALL_SITE_ENTRIES entries or more, says nothing of two tags one entry each has', () => {
    // The same two entries among others of a tag far from both: Trade and Trdae stay one entry's each.
    const others = Array.from({ length: SMALL_SITE_ENTRIES - 2 }, (_, i) => tagged(`entries/o${i}.md`, 'Sanctions'));
    expect(tagTypos([tagged('entries/a.md', 'Trade'), tagged('entries/b.md', 'Rason', 'Trdae'), ...others])).toEqual([]);
    // One entry fewer, and they are said.
    expect(tagTypos([tagged('entries/a.md', 'Trade'), tagged('entries/b.md', 'Rason', 'Trdae'), ...others.slice(1)]).map((w) => w.file)).toEqual(['entries/a.md', 'entries/b.md']);
  });

  // Two entries share Trade; c's tags as a block list, from line 7 (its `tags:` is line 6).
  const withTrade = (...cTags: string[]) =>
    memoryContent({
      site: SITE,
      entries: {
        '2014/a.md': entryText(entry({ url: 'https://x.example/a', tags: ['Trade'] })),
        '2014/b.md': entryText(entry({ url: 'https://x.example/b', tags: ['Trade'] })),
        '2014/c.md': `---\ntitle: Rason port\nurl: https://x.example/c\nsource: Src\ndate: 2014-05-01\ntags:\n${cTags.map((tag) => `  - ${tag}\n`).join('')}---\nBody.\n`,
      },
    });
  const trdae = (line: number, field: string) => ({
    file: 'entries/2014/c.md',
    line,
    field,
    message: 'tag "Trdae" is used by this entry only; did you mean "Trade" (used by 2 entries)?',
    fix: "if so, write Trade in this entry's tags; if a new tag is meant, leave it: a publish adds a page, feeds and a subscription topic for Trdae",
  });

  it('check gives the warning the line of the tag in the front matter', async () => {
    const loaded = await loadContent(await scanContent(withTrade('Rason', 'Trdae')));
    expect(loaded.warnings).toEqual([trdae(8, 'tags[1]')]);
  });

  // Sanctions and sanctions share a slug: sanctions is merged, not kept, so Trdae is the second tag kept but the
  // third written, on the third line of the block list. Both ways a load reads entries (kept whole, or validated only).
  it.each([true, false])('names the place and line of the tag as written after a tag merged by slug (retainEntries: %s)', async (retainEntries) => {
    const loaded = await loadContent(await scanContent(withTrade('Sanctions', 'sanctions', 'Trdae')), { retainEntries });
    expect(loaded.warnings.filter((w) => w.message.includes('used by this entry only'))).toEqual([trdae(9, 'tags[2]')]);
  });
});
