import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { slugify } from '../../../lib/shared/slug.js';

const entry = (tags: string) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\ntags: ${tags}\n---\nBody.\n`;
const SEOUL = { timezone: 'Asia/Seoul' };

describe('a tag holding an invisible character that changes nothing beside it (Word, a web page)', () => {
  it.each([
    ['\u00AD', 'a soft hyphen (U+00AD)'],
    ['\u200B', 'a zero-width space (U+200B)'],
    ['\u2060', 'a word joiner (U+2060)'],
    ['\uFEFF', 'a zero-width no-break space (U+FEFF)'],
  ])('%j: the tag it reads as, at its page, and a warning naming the tag and the character', (char, name) => {
    const { tags, problems, warnings } = parseEntry(entry(`[Kaesong, Tra${char}de]`), 'entries/2014/a.md', SEOUL);
    expect(problems).toEqual([]);
    expect(tags).toEqual([
      { name: 'Kaesong', slug: 'kaesong' },
      { name: 'Trade', slug: 'trade' },
    ]);
    expect(warnings).toEqual([{ file: 'entries/2014/a.md', line: 6, field: 'tags[1]', message: `"Tra${char}de" holds ${name}, which no reader sees: published as "Trade", the tag it reads as`, fix: 'retype the tag: Trade' }]);
  });

  it('two of them in one tag are both named', () => {
    const { tags, warnings } = parseEntry(entry('["Nor\u00ADth\u200B Korea"]'), 'entries/2014/a.md', SEOUL);
    expect(tags).toEqual([{ name: 'North Korea', slug: 'north-korea' }]);
    expect(warnings[0]!.message).toContain('holds a soft hyphen (U+00AD) and a zero-width space (U+200B)');
  });

  it('joiners, non-joiners and variation selectors draw the letters beside them: kept, with the slug they had', () => {
    for (const tag of ['\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645', '\u{1F468}\u200D\u{1F469}', '\u2764\uFE0F']) {
      const { tags, warnings } = parseEntry(entry(`["${tag}"]`), 'entries/2014/a.md', SEOUL);
      expect(warnings).toEqual([]);
      expect(tags).toEqual([{ name: tag, slug: slugify(tag) }]);
    }
  });
});
