import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { urlCharacterReference } from '../../../lib/content/urlCharacterReference.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const KEY = 'entries/2014/a.md';
const file = (...lines: string[]) => `---\ntitle: T\nsource: S\ndate: 2014-05-01\n${lines.join('\n')}\n---\nBody.\n`;

// Front matter is YAML, not HTML: a reference copied from a page's source is published as typed.
describe('an HTML character reference in a front-matter URL', () => {
  it('is a warning on the field, at its line, with the URL written with the character itself; the URL is published as typed', () => {
    const parsed = parseEntry(file('url: https://x.example/report&#35;charts'), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry?.url).toBe('https://x.example/report&#35;charts');
    // Line 5: the opening ---, title:, source:, date:, then url:.
    expect(parsed.warnings).toEqual([
      {
        file: KEY,
        line: 5,
        field: 'url',
        message: 'holds the HTML character reference "&#35;", which is published as typed, where its "#" starts the address\'s fragment: front matter is not HTML',
        fix: 'write the character itself: url: https://x.example/report#charts; or percent-encode it, %23, where it is text in the address',
      },
    ]);
  });

  it("names a related link's url as the list's item, and a named reference (&amp;) by the character it stands for", () => {
    const parsed = parseEntry(file('url: https://x.example/a', 'related:', '  - title: One', '    url: https://x.example/1', '  - title: Two', '    url: https://x.example/q?a=1&amp;b=2'), KEY, SEOUL);
    expect(parsed.warnings).toEqual([
      { file: KEY, line: 10, field: 'related[1].url', message: 'holds the HTML character reference "&amp;", which is published as typed: front matter is not HTML', fix: 'write the character itself: url: https://x.example/q?a=1&b=2; or percent-encode it, %26, where it is text in the address' },
    ]);
  });

  it('is not a query\'s own & (no ;), nor a name HTML does not know; a letter needs no percent-encoding', () => {
    expect(urlCharacterReference('https://x.example/q?a=1&copy=2&b;c')).toBeUndefined();
    expect(urlCharacterReference('https://x.example/a&#x41;b')).toEqual({ reference: '&#x41;', character: 'A', text: 'https://x.example/aAb' });
    expect(parseEntry(file('url: https://x.example/a&#x41;b'), KEY, SEOUL).warnings).toMatchObject([{ field: 'url', fix: 'write the character itself: url: https://x.example/aAb' }]);
  });
});
