import { describe, expect, it } from 'vitest';
import { commentControlCharacters } from '../../../lib/content/commentControlCharacters.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const KEY = 'entries/2014/c.md';
const HEAD = ['title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'];
const warning = (line: number, character: string, column: number, more = '') => ({
  file: KEY,
  line,
  field: 'front matter comment',
  message: `holds ${character}, a control character, at column ${column}${more}, which no editor shows: YAML leaves the comment out, so nothing is published, but the file holds it`,
  fix: 'delete it',
});

// js-yaml refuses a control character in a key or a value, but passes over one in a comment: the entry reads, and
// the file still holds a character no editor shows.
describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
])('a control character in a front-matter comment, in a file saved with %s', (_, eol) => {
  const file = (...lines: string[]) => `---${eol}${lines.join(eol)}${eol}---${eol}Body.${eol}`;

  it('is a warning at its line and column, on a line of its own or after a value; the entry is valid and published as without it', () => {
    const parsed = parseEntry(file(...HEAD, '# checked \u0001 by desk', 'tags: [trade] # was \u0007 rice\u0008'), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry?.tags.map((tag) => tag.name)).toEqual(['trade']);
    // Lines 6 and 7 of the file: the opening --- and four fields before them. Columns counted from 1: `# checked ` is
    // ten characters, `tags: [trade] # was ` twenty.
    expect(parsed.warnings).toEqual([warning(6, 'U+0001', 11), warning(7, 'U+0007', 21, ' and 1 more after it')]);
  });

  it('is nothing in a comment without one; one in a value stays the malformed-YAML problem', () => {
    expect(parseEntry(file(...HEAD, '# checked by desk'), KEY, SEOUL).warnings).toEqual([]);
    const inValue = parseEntry(file(...HEAD, 'summary: a\u0001b # note'), KEY, SEOUL);
    expect(inValue.warnings).toEqual([]);
    expect(inValue.problems).toMatchObject([{ line: 6, field: 'summary', message: expect.stringMatching(/^malformed YAML: holds U\+0001/) }]);
  });
});

describe('commentControlCharacters', () => {
  it('counts a column in characters, and names a noncharacter as one', () => {
    // `title: 📰 # 메모` is thirteen characters (fourteen UTF-16 code units: the newspaper is astral).
    expect(commentControlCharacters('title: \u{1F4F0} # 메모\uFFFF', KEY, 2)).toEqual([{ ...warning(2, 'U+FFFF', 14), message: warning(2, 'U+FFFF', 14).message.replace('a control character', 'a noncharacter') }]);
  });
});

describe('a control character in a site.yml comment', () => {
  const SITE = ['title: Watch', 'description: Trade news.', 'url: https://watch.example.org/', 'language: en', 'timezone: UTC'];

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('is a warning at its line and column, named comment, in a file saved with %s; the site is read as without it', (_, eol) => {
    const clean = parseSite(SITE.join(eol));
    // Line 2 after the title, and line 6, timezone's; `# checked ` is ten characters, `timezone: UTC # x` seventeen.
    const parsed = parseSite([SITE[0], '# checked \u0001 by desk', ...SITE.slice(1, 4), 'timezone: UTC # x\u0007y\u0008'].join(eol));
    expect(parsed.problems).toEqual([]);
    expect(clean.site).toBeDefined();
    expect(parsed.site).toEqual(clean.site);
    expect(parsed.warnings).toEqual([
      { ...warning(2, 'U+0001', 11), file: 'site.yml', field: 'comment' },
      { ...warning(6, 'U+0007', 18, ' and 1 more after it'), file: 'site.yml', field: 'comment' },
    ]);
  });
});

// YAML counts NEL and U+FEFF printable (YAML 1.2 §5.1), so js-yaml reads them in a value and passes over them in a
// comment without a word: no editor shows either.
describe('NEL or U+FEFF in a comment', () => {
  const SITE = ['title: Watch', 'description: Trade news.', 'url: https://watch.example.org/', 'language: en', 'timezone: UTC'];

  it('is a warning in front matter and in site.yml, NEL named a control character and U+FEFF a byte-order mark', () => {
    // `# checked ` is ten characters; `tags: [trade] # was ` twenty.
    const parsed = parseEntry(`---\n${[...HEAD, '# checked \u0085 by desk', 'tags: [trade] # was \uFEFF rice'].join('\n')}\n---\nBody.\n`, KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([warning(6, 'U+0085', 11), { ...warning(7, 'U+FEFF', 21), message: warning(7, 'U+FEFF', 21).message.replace('a control character', 'a byte-order mark') }]);
    const site = parseSite([SITE[0], '# checked \uFEFF by desk', ...SITE.slice(1)].join('\n'));
    expect(site.warnings).toMatchObject([{ file: 'site.yml', line: 2, field: 'comment', message: expect.stringMatching(/^holds U\+FEFF, a byte-order mark, at column 11,/) }]);
  });

  it('is nothing in a file that starts with a byte-order mark, or with a comment after it', () => {
    expect(parseSite(`\uFEFF${SITE.join('\n')}`).warnings).toEqual([]);
    expect(parseSite(`\uFEFF# the site\n${SITE.join('\n')}`).warnings).toEqual([]);
    expect(parseEntry(`\uFEFF---\n${[...HEAD, '# checked by desk'].join('\n')}\n---\nBody.\n`, KEY, SEOUL).warnings).toEqual([]);
  });
});
