import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { MAX_TEXT_CHARS } from '../../../lib/content/limits.js';
import { entry, entryText, SITE } from '../../support/content.js';

const FILE = 'entries/2014/a.md';
const parse = (text: string) => parseEntry(text, FILE, SITE);
/** The line of the text on which `value` is written: a nested field's own (`  - title: …`), not its parent key's. */
const lineOf = (text: string, value: string) => text.split('\n').findIndex((line) => line.includes(value)) + 1;

// Each field with the front matter that gives it `value`, and the field a problem names.
const FIELDS = [
  { limit: 'title', shown: 'title', fm: (value: string) => ({ title: value }), fix: 'shorten it to the headline: feed readers and mail clients show a line or two of it' },
  { limit: 'source.name', shown: 'source', fm: (value: string) => ({ source: value }), fix: "write the publisher's name alone" },
  { limit: 'source.name', shown: 'source.name', fm: (value: string) => ({ source: { name: value, url: 'https://s.example/' } }), fix: "write the publisher's name alone" },
  { limit: 'summary', shown: 'summary', fm: (value: string) => ({ summary: value }), fix: 'shorten it to a sentence or two: feed readers show a few lines of it under the title' },
  { limit: 'imageAlt', shown: 'imageAlt', fm: (value: string) => ({ image: 'https://x.example/i.png', imageAlt: value }), fix: 'say what the image shows in a few words; a longer description belongs in the commentary' },
  { limit: 'tags', shown: 'tags[1]', fm: (value: string) => ({ tags: ['trade', value] }), fix: "name the topic in a word or a few: it heads the tag page and names its feeds; if the tag was published, a shorter name moves its feeds to another address, and the next publish's warning gives the tagSlugs line that keeps the old one" },
  { limit: 'related.title', shown: 'related[1].title', fm: (value: string) => ({ related: [{ title: 'More', url: 'https://x.example/m' }, { title: value, url: 'https://x.example/r' }] }), fix: "shorten it to the linked article's headline" },
] as const;

describe("an entry's text fields have a documented length", () => {
  for (const { limit, shown, fm, fix } of FIELDS) {
    const max = MAX_TEXT_CHARS[limit];
    it(`${shown}: accepts ${max} characters and refuses ${max + 1}, naming the file, the line, the field, the length and the fix`, () => {
      expect(parse(entryText(entry(fm('w'.repeat(max))))).problems).toEqual([]);
      const text = entryText(entry(fm('w'.repeat(max + 1))));
      const what = limit === 'tags' ? 'a tag' : 'the field';
      expect(parse(text).problems).toEqual([{ file: FILE, line: lineOf(text, 'w'.repeat(max + 1)), field: shown, message: `is ${max + 1} characters long, more than the ${max} ${what} may have`, fix }]);
    });
  }

  it('counts characters, not UTF-16 code units', () => {
    // U+1D400 is one character of two code units.
    expect(parse(entryText(entry({ title: '\u{1D400}'.repeat(MAX_TEXT_CHARS.title) }))).problems).toEqual([]);
    expect(parse(entryText(entry({ title: '\u{1D400}'.repeat(MAX_TEXT_CHARS.title + 1) }))).problems).toMatchObject([{ field: 'title', message: `is ${MAX_TEXT_CHARS.title + 1} characters long, more than the ${MAX_TEXT_CHARS.title} the field may have` }]);
  });

  it('counts the text as published, in NFC: what normalising lengthens is refused, what it shortens accepted', () => {
    // U+FB2C (HEBREW LETTER SHIN WITH DAGESH AND SHIN DOT) is three characters in NFC: 100 of them are 300.
    const max = MAX_TEXT_CHARS.title;
    expect(parse(entryText(entry({ title: '\uFB2C'.repeat(max / 3) }))).problems).toEqual([]);
    expect(parse(entryText(entry({ title: '\uFB2C'.repeat(max) }))).problems).toMatchObject([{ field: 'title', message: `is ${3 * max} characters long as published (in Unicode NFC; ${max} as typed), more than the ${max} the field may have` }]);
    // e and U+0301 typed apart: two characters as typed, one é as published.
    const decomposed = parse(entryText(entry({ title: 'e\u0301'.repeat(max) })));
    expect(decomposed.problems).toEqual([]);
    expect(decomposed.entry?.title).toBe('\u00e9'.repeat(max));
    expect(parse(entryText(entry({ title: 'e\u0301'.repeat(max + 1) }))).problems).toMatchObject([{ field: 'title', message: `is ${max + 1} characters long as published (in Unicode NFC; ${2 * (max + 1)} as typed), more than the ${max} the field may have` }]);
  });

  it('a title refused for its length is not read for HTML: its length is the one thing said', () => {
    const { problems, warnings } = parse(entryText(entry({ title: `<b>Trade</b> ${'w'.repeat(MAX_TEXT_CHARS.title)}` })));
    expect(problems.map(({ field }) => field)).toEqual(['title']);
    expect(warnings).toEqual([]);
  });
});

describe('a message about a text field quotes a short excerpt of it', () => {
  it('the line to write for HTML in a long title is its first 60 characters, quoted, then …', () => {
    const title = `AT&amp;T ${'reports '.repeat(20)}`.trim();
    const [warning] = parse(entryText(entry({ title }))).warnings;
    const text = title.replace('&amp;', '&');
    expect(warning?.fix).toBe(`write it as plain text: title: ${JSON.stringify(text.slice(0, 60))}…`);
  });

  it('a title YAML reads as a huge number: the quoted value to write is cut', () => {
    // A hexadecimal number of 250 digits, beyond what a double keeps exactly.
    const digits = `0x${'F'.repeat(250)}`;
    const [problem] = parse(`---\ntitle: ${digits}\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\n---\nBody.\n`).problems;
    expect(problem?.fix).toBe(`put it in quotes to keep it as typed, e.g. title: "${digits.slice(0, 60)}"…`);
  });
});
