import { describe, expect, it } from 'vitest';
import { lineBreakWarning } from '../../../lib/content/lineBreakWarning.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';

describe('lineBreakWarning: a one-line field that holds a line break', () => {
  it('names the field, and gives the text on one line, the break and the spaces around it one space', () => {
    expect(lineBreakWarning('entries/a.md', 'title', 'Port of Rason:\r\n  a new pier')).toEqual({
      file: 'entries/a.md',
      field: 'title',
      message: 'holds a line break, which each feed, page and mail shows its own way: the field is one line',
      fix: 'write it on one line: "Port of Rason: a new pier"',
    });
  });

  it('counts the Unicode line and paragraph separators as line breaks, and not NEL, a control every output removes', () => {
    for (const text of ['a\u2028b', 'a\u2029b', 'a\rb', 'a\nb']) expect(lineBreakWarning('f', 'title', text)?.fix, JSON.stringify(text)).toBe('write it on one line: "a b"');
    for (const text of ['a b', 'a\tb', 'a\u00A0b', 'a\u0085b', undefined]) expect(lineBreakWarning('f', 'title', text)).toBeUndefined();
  });
});

describe('where it is warned of', () => {
  const site = { timezone: 'UTC', tagSlugs: new Map<string, string>() };

  it('an entry’s title, source name, image text and related titles, not its summary', () => {
    const text = '---\ntitle: "A\\nB"\nurl: https://x.example/1\nsource: "S\\nT"\ndate: 2014-05-08\nsummary: "One.\\nTwo."\nrelated: [{title: "R\\nS", url: "https://x.example/2"}]\n---\nBody.\n';
    const parsed = parseEntry(text, 'entries/a.md', site as never);
    expect(parsed.warnings.filter((w) => w.message.startsWith('holds a line break')).map((w) => w.field)).toEqual(['title', 'source.name', 'related[0].title']);
  });

  it('site.yml’s title and author name, not its description', () => {
    const parsed = parseSite('title: "Watch\\nNews"\ndescription: "One.\\nTwo."\nurl: https://w.example.org/\nlanguage: en\ntimezone: UTC\nauthor: {name: "Ed\\nItor"}\n');
    expect(parsed.warnings.filter((w) => w.message.startsWith('holds a line break')).map((w) => w.field)).toEqual(['title', 'author.name']);
  });
});
