import { describe, expect, it, vi } from 'vitest';
import { tagSlugCollisions } from '../../../lib/content/tagSlugCollisions.js';
import { tagSpelling } from '../../../lib/content/tagSlug.js';
import { slugify } from '../../../lib/shared/slug.js';

// How many items the lists of other files in the warnings are built from: each call to listSome is counted by the
// items it is given (an array's length, or what it takes of a lazy list), so work per warning that grows with the
// number of spellings shows, however it is spent.
const listed = vi.hoisted(() => ({ items: 0 }));
vi.mock('../../../lib/shared/listSome.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../lib/shared/listSome.js')>();
  return {
    listSome<T>(items: Iterable<T>, isSelf: (item: T) => boolean, others: number, name: (item: T) => string): string {
      if (Array.isArray(items)) {
        listed.items += items.length;
        return original.listSome(items, isSelf, others, name);
      }
      const counted = (function* () {
        for (const item of items) {
          listed.items++;
          yield item;
        }
      })();
      return original.listSome(counted, isSelf, others, name);
    },
  };
});

const tag = (name: string) => ({ name, slug: 'c' });

describe('tagSlugCollisions', () => {
  it('names the spellings of one slug, the files merging them and the spelling to keep', () => {
    // a and d merge two spellings each; C# is the spelling of most entries (a, c, e), first used before C's (b, d, f).
    const entries = [
      { key: 'entries/a.md', tags: [tag('C++')], mergedTags: [tag('C#')] },
      { key: 'entries/b.md', tags: [tag('C')] },
      { key: 'entries/c.md', tags: [tag('C#')] },
      { key: 'entries/d.md', tags: [tag('C')], mergedTags: [tag('C++')] },
      { key: 'entries/e.md', tags: [tag('C#')] },
      { key: 'entries/f.md', tags: [tag('C')] },
    ];
    const example = 'tagSlugs: {"C++": c-1, "C#": c-2, "C": c-3}';
    const fix = `use one spelling, or give each its own slug in site.yml, e.g. ${example}`;
    const keepFix = `write "C#" here, the spelling of 3 of the 6 entries at tags/c/, or give each spelling its own slug in site.yml, e.g. ${example}`;
    const cWarning = { field: 'tags', message: 'the tag "C" is published at tags/c/ with "C++" (entries/a.md), "C#" (entries/c.md): one page and feed for all', fix: keepFix };
    expect(tagSlugCollisions(entries)).toEqual([
      { file: 'entries/a.md', field: 'tags', message: 'the tags "C++" and "C#" are all published at tags/c/ with "C++" (entries/d.md), "C#" (entries/c.md), "C" (entries/b.md), one page and feed: this entry is tagged "C++" alone, "C#" merged into it', fix },
      { file: 'entries/b.md', ...cWarning },
      { file: 'entries/c.md', field: 'tags', message: 'the tag "C#" is published at tags/c/ with "C++" (entries/a.md), "C" (entries/b.md): one page and feed for all', fix },
      { file: 'entries/d.md', field: 'tags', message: 'the tags "C" and "C++" are all published at tags/c/ with "C++" (entries/a.md), "C#" (entries/c.md), "C" (entries/b.md), one page and feed: this entry is tagged "C" alone, "C++" merged into it', fix },
      { file: 'entries/f.md', ...cWarning },
    ]);
  });

  it('lists the others in each merging entry\'s warning from a few spellings, not from all of them', () => {
    // Each of 400 entries merges 20 spellings of its own into its first: 8,000 spellings, 400 warnings.
    const entries = Array.from({ length: 400 }, (_, index) => {
      const names = Array.from({ length: 20 }, (__, k) => `c${'+'.repeat(index + 1)}${'#'.repeat(k)}`);
      return { key: `entries/${String(index).padStart(3, '0')}.md`, tags: [tag(names[0]!)], mergedTags: names.slice(1).map(tag) };
    });
    listed.items = 0;
    const warnings = tagSlugCollisions(entries);
    expect(warnings).toHaveLength(400);
    // 7,980 spellings other files use: three named, the rest counted.
    expect(warnings[0]!.message).toContain('"c++##" (entries/001.md) and 7977 more, one page and feed');
    // Each warning takes the three others it names and one more (to say there are more), passing over at most its
    // own 20 spellings to find them.
    expect(listed.items).toBeLessThanOrEqual(400 * (20 + 3 + 1));
  });
});

// slugify gives a tag of no letter or digit a hashed slug (`tag-` and ten hex digits); tagSlugs giving another tag
// that slug merges the two, which no editor means.
describe('tagSlugCollisions: a tagSlugs value equal to another tag\'s hashed slug', () => {
  it('is warned of on the file using the hashed tag, naming both tags and the fix', () => {
    const hashed = slugify('!!!');
    expect(hashed).toMatch(/^tag-[0-9a-f]{10}$/);
    const entries = [
      { key: 'entries/2014/a.md', tags: [{ name: 'L', slug: hashed }] },
      { key: 'entries/2014/b.md', tags: [{ name: '!!!', slug: hashed }] },
    ];
    expect(tagSlugCollisions(entries, { [tagSpelling('L')]: hashed })).toEqual([
      {
        file: 'entries/2014/b.md',
        field: 'tags',
        message: `the tag "!!!" gets the slug ${hashed} from its name (a hash: it has no letter or digit), which site.yml's tagSlugs also gives "L" (entries/2014/a.md): all are published at tags/${hashed}/, one page and feed`,
        fix: 'give the other tag another slug in site.yml\'s tagSlugs, or this one a slug of its own (tagSlugs: {"!!!": a-name})',
      },
    ]);
  });

  it('a merge by choice of a readable slug stays silent', () => {
    const entries = [
      { key: 'entries/2014/a.md', tags: [{ name: '북한 경제', slug: slugify('북한경제') }] },
      { key: 'entries/2014/b.md', tags: [{ name: '북한경제', slug: slugify('북한경제') }] },
    ];
    expect(tagSlugCollisions(entries, { [tagSpelling('북한 경제')]: slugify('북한경제') })).toEqual([]);
  });
});
