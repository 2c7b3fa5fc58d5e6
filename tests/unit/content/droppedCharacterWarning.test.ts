import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\n${lines.join('\n')}\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\nBody.\n`;
const parsed = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/t.md', SEOUL);

describe('a character every output drops, escaped into a text field', () => {
  it('a lone surrogate half in a title: the field, its line, what is published and the fix', () => {
    const { entry, problems, warnings } = parsed('title: "Rice\\uDC00 prices"');
    expect(problems).toEqual([]);
    // The entry keeps the text as read; every output drops the half (cleanText).
    expect(entry?.title).toBe('Rice\uDC00 prices');
    expect(warnings).toEqual([{
      file: 'entries/2014/t.md',
      line: 2,
      field: 'title',
      message: 'holds U+DC00, a lone surrogate half (no character), which every feed, page and mail drops: published as "Rice prices"',
      fix: 'delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake',
    }]);
  });

  it('a related link\'s title, named related[i].title at its title: line; a control character and a noncharacter are counted', () => {
    const { warnings } = parsed('title: T', 'related:', '  - title: "Wheat\\uD800\\x01\\uFDD0"', '    url: https://x.example/r');
    expect(warnings).toMatchObject([{ line: 4, field: 'related[0].title', message: 'holds U+D800, a lone surrogate half (no character) and 2 more such, which every feed, page and mail drops: published as "Wheat"' }]);
    expect(parsed('title: "Wheat\\x01"').warnings).toMatchObject([{ field: 'title', message: expect.stringMatching(/^holds U\+0001, a control character, which/) }]);
  });

  it('a whole surrogate pair, written as two escapes, or an emoji, a tab or an accent is no warning', () => {
    for (const title of ['"Rice \\uD83C\\uDF3E"', 'Rice 🌾', '"Rice\\tprices"', 'Café prices']) expect(parsed(`title: ${title}`).warnings, title).toEqual([]);
  });
});
