import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';
import { formatProblem } from '../../../lib/shared/errors.js';

const SEOUL = { timezone: 'Asia/Seoul' };

// Every hint reads the same whatever the editor saved: LF (Unix, macOS), CRLF (Windows), a byte-order mark before CRLF.
describe.each([
  ['LF', '', '\n'],
  ['CRLF', '', '\r\n'],
  ['a byte-order mark and CRLF', '\uFEFF', '\r\n'],
])('in a file saved with %s', (_, bom, eol) => {
  const file = (...lines: string[]) => `${bom}---${eol}${lines.join(eol)}${eol}---${eol}Body.${eol}`;

  describe('malformed YAML points at the line that opens what never closes', () => {
    it('an unclosed double quote: its own line and field, not the next one js-yaml stops at', () => {
      const { problems } = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: "2014-05-01', 'tags: [a]'), 'entries/2014/q.md', SEOUL);
      expect(problems).toEqual([{ file: 'entries/2014/q.md', line: 5, field: 'date', message: 'malformed YAML: the " that opens this value is never closed', fix: 'close it on the same line: date: "2014-05-01"' }]);
    });

    it('a raw control character or noncharacter: its line, column and field, and the fix to delete it, not a hint about lists or quotes', () => {
      const fix = (hex: string) => `delete it, as no feed or page would show it; to keep it, write it as an escape inside double quotes: "\\u${hex}"`;
      // Plain, in a flow list, in double quotes (js-yaml's "expected valid JSON character"), in a list item's line.
      expect(parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'tags: [Trade, Ch\u0001ina]'), 'entries/2014/c.md', SEOUL).problems).toEqual([
        { file: 'entries/2014/c.md', line: 6, field: 'tags', message: 'malformed YAML: holds U+0001, a control character, at column 17, which YAML does not read in a file', fix: fix('0001') },
      ]);
      expect(parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'summary: "Rason \u001b[1m port"'), 'entries/2014/c.md', SEOUL).problems).toMatchObject([
        { line: 6, field: 'summary', message: 'malformed YAML: holds U+001B, a control character, at column 17, which YAML does not read in a file', fix: fix('001B') },
      ]);
      expect(parseEntry(file('title: Café\u0090', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'), 'entries/2014/c.md', SEOUL).problems).toMatchObject([
        { line: 2, field: 'title', message: 'malformed YAML: holds U+0090, a control character, at column 12, which YAML does not read in a file', fix: fix('0090') },
      ]);
      expect(parseSite(`title: T${eol}description: D\uFFFF${eol}url: https://watch.example.org/${eol}language: en${eol}timezone: Asia/Seoul${eol}`).problems).toMatchObject([
        { file: 'site.yml', line: 2, field: 'description', message: 'malformed YAML: holds U+FFFF, a noncharacter, at column 15, which YAML does not read in a file', fix: fix('FFFF') },
      ]);
    });

    it('a raw control character on a line with no key of its own: the field it is part of (a list item, a nested key, a continued value)', () => {
      const head = ['title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'];
      const at = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/c.md', SEOUL).problems.map((p) => [p.line, p.field, p.message.replace(/, which YAML does not read in a file$/, '')]);
      // A list item's own line, indented or in its key's column (YAML 1.2 §8.2.1).
      expect(at(...head, 'tags:', '  - Trade', '  - Ch\u0001ina')).toEqual([[8, 'tags', 'malformed YAML: holds U+0001, a control character, at column 7']]);
      expect(at(...head, 'tags:', '- Trade', '- Ch\u0001ina')).toEqual([[8, 'tags', 'malformed YAML: holds U+0001, a control character, at column 5']]);
      // A folded summary's second line; a nested key; a related link's second key.
      expect(at(...head, 'summary: >', '  Rason port', '  opens\u0085\u0086', 'tags: [a]')).toEqual([[8, 'summary', 'malformed YAML: holds U+0086, a control character, at column 9']]);
      expect(at('title: T', 'url: https://x.example/a', 'source:', '  name: Ye\u001bonhap', 'date: 2014-05-01')).toEqual([[5, 'source.name', 'malformed YAML: holds U+001B, a control character, at column 11']]);
      expect(at(...head, 'related:', '  - title: a', '    url: https://x.example/b', '  - title: c', '    url: https://x.example/\u007fd')).toEqual([[10, 'related[1].url', 'malformed YAML: holds U+007F, a control character, at column 28']]);
      expect(parseSite(['title: T', 'description: D', 'url: https://watch.example.org/', 'language: en', 'timezone: Asia/Seoul', 'author:', '  name: Jane\u0008 Doe', ''].join(eol)).problems).toMatchObject([{ line: 7, field: 'author.name' }]);
    });

    it('a raw control character in a key: the key as written, with the path to it, which the report prints escaped', () => {
      const head = ['title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'];
      const at = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/c.md', SEOUL).problems.map((p) => [p.line, p.field, p.message.replace(/, which YAML does not read in a file$/, '')]);
      expect(at(...head, 'ti\u0001tle: x')).toEqual([[6, 'ti\u0001tle', 'malformed YAML: holds U+0001, a control character, at column 3']]);
      expect(at('title: T', 'url: https://x.example/a', 'source:', '  na\u001bme: Yonhap', 'date: 2014-05-01')).toEqual([[5, 'source.na\u001bme', 'malformed YAML: holds U+001B, a control character, at column 5']]);
      expect(at(...head, 'related:', '  - title: a', '    url: https://x.example/b', '  - title: c', '    u\u0002rl: https://x.example/d')).toEqual([[10, 'related[1].u\u0002rl', 'malformed YAML: holds U+0002, a control character, at column 6']]);
      // A key YAML would not read as plain otherwise (a space in it): the key alone.
      expect(at(...head, 'bad key\u0001: x')).toEqual([[6, 'bad key\u0001', 'malformed YAML: holds U+0001, a control character, at column 8']]);
      const [problem] = parseEntry(file(...head, 'ti\u0001tle: x'), 'entries/2014/c.md', SEOUL).problems;
      expect(formatProblem(problem!)).toMatch(/^entries\/2014\/c\.md:6: ti\\x01tle: malformed YAML: holds U\+0001/);
    });

    it("an unclosed single quote", () => {
      const { problems } = parseEntry(file("title: 'Rason: a pier", 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'), 'entries/2014/q.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 2, field: 'title', message: "malformed YAML: the ' that opens this value is never closed" });
    });

    it('an unclosed flow list', () => {
      const { problems } = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'tags: [a, b', 'summary: x'), 'entries/2014/b.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 6, field: 'tags', message: 'malformed YAML: the [ that opens this list is never closed', fix: 'close it on the same line: tags: [a, b]' });
    });

    it('a flow list whose ] a comment hides (a # after a space): that line, and the # named as the cause', () => {
      const { problems } = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'tags: [Trade, Rason #port]', 'summary: x'), 'entries/2014/b.md', SEOUL);
      expect(problems).toEqual([
        {
          file: 'entries/2014/b.md',
          line: 6,
          field: 'tags',
          message: 'malformed YAML: the [ that opens this list is never closed, since the # in "#port]" starts a comment that hides the rest of the line',
          fix: 'put the text that holds the # in double quotes',
        },
      ]);
    });

    it('leaves other YAML errors as js-yaml reports them', () => {
      const { problems } = parseEntry(file('title: T', 'source:', '  name: Src', ' url: https://x.example/b', 'url: https://x.example/a', 'date: 2014-05-01'), 'entries/2014/c.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 5 });
      expect(problems[0]!.message).toMatch(/^malformed YAML: bad indentation/);
    });

    it('does not blame a closed quote with a bracket inside', () => {
      const { problems } = parseEntry(file('title: "a [b"', 'url: https://x.example/a', 'source: Src: with colon', 'date: 2014-05-01'), 'entries/2014/d.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 4, field: 'source' });
    });
  });

  describe('malformed YAML from a value YAML cannot read as text says why, and gives the quoted line', () => {
    it('a title holding ": ": the field it seems to start, and the line with the value quoted', () => {
      const { problems } = parseEntry(file('title: Kim: the visit', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'), 'entries/2014/k.md', SEOUL);
      expect(problems).toEqual([{ file: 'entries/2014/k.md', line: 2, field: 'title', message: 'malformed YAML: the value holds ": ", which YAML reads as the start of another field', fix: 'quote the value: title: "Kim: the visit"' }]);
    });

    it('escapes the " and \\ a value holds, in the line to write', () => {
      const { problems } = parseEntry(file('url: https://x.example/a', 'source: S', 'title: Kim said "no": a \\ b', 'date: 2014-05-01'), 'entries/2014/k.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 4, field: 'title', fix: 'quote the value: title: "Kim said \\"no\\": a \\\\ b"' });
    });

    it.each([
      ['@home', '"@"', 'reserves'],
      ['`code` review', '"`"', 'reserves'],
      ['%50 off', '"%"', 'directive'],
      ['& Co', '"&"', 'anchor'],
      ['* asterisk', '"*"', 'alias'],
      ['!Important: y', '"!"', 'tag'],
      ['| pipe', '"|"', 'block of text'],
      ['> quote', '">"', 'block of text'],
      ['[Update] Kim visits', '"["', 'list'],
      ['{x} y', '"{"', 'mapping'],
      ['- dash', '"-"', 'list item'],
      ['? why', '"?"', 'mapping key'],
    ])('a value beginning with an indicator (%s): named, and the quoted line reads back as typed', (value, named, meaning) => {
      const { problems } = parseEntry(file('url: https://x.example/a', `title: ${value}`, 'source: S', 'date: 2014-05-01'), 'entries/2014/i.md', SEOUL);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 3, field: 'title' });
      expect(problems[0]!.message).toContain(`a value beginning with ${named}`);
      expect(problems[0]!.message).toContain(meaning);
      const written = problems[0]!.fix.replace(/^quote the value: /, '');
      const fixed = parseEntry(file('url: https://x.example/a', written, 'source: S', 'date: 2014-05-01'), 'entries/2014/i.md', SEOUL);
      expect(fixed.problems).toEqual([]);
      expect(fixed.entry?.title).toBe(value);
    });

    it('text after a closing quote: the whole value quoted, its quotes escaped', () => {
      const { problems } = parseEntry(file('title: "Juche" in the new era', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'), 'entries/2014/j.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 2, field: 'title', fix: 'quote the value: title: "\\"Juche\\" in the new era"' });
      expect(problems[0]!.message).toContain('close before the value ends');
    });

    it('a long value: how to quote it, not the whole line again', () => {
      const title = 'DPRK-Russia personnel exchanges and economic cooperation: what the talks in Vladivostok agreed';
      const { problems } = parseEntry(file(`title: ${title}`, 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'), 'entries/2014/l.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 2, field: 'title', fix: 'put the whole value in double quotes' });
    });

    it("a tag holding \": \" is quoted whole; a related link's title, whose url: follows, as its own value", () => {
      const tagged = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'tags:', '  - Kim: the visit: day two'), 'entries/2014/t.md', SEOUL);
      expect(tagged.problems[0]).toMatchObject({ line: 7, field: 'tags', fix: 'quote the value: - "Kim: the visit: day two"' });
      const related = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'related:', '  - title: Kim: the visit', '    url: https://x.example/b'), 'entries/2014/r.md', SEOUL);
      expect(related.problems[0]).toMatchObject({ line: 7, field: 'title', fix: 'quote the value: - title: "Kim: the visit"' });
    });
  });

  // TextEdit and Word make "…" typographic as it is typed: the editor believes the value quoted.
  describe('a value in typographic quotes', () => {
    it.each([
      ['\u201CKim: the visit\u201D', '\u201C', '\u201D'],
      ['\u2018Kim: the visit\u2019', '\u2018', '\u2019'],
      ['\u00ABKim: the visit\u00BB', '\u00AB', '\u00BB'],
      ['\u201EKim: the visit\u201C', '\u201E', '\u201C'],
    ])('%s: named as typographic quotes, and the line with straight quotes', (value, open, close) => {
      const { problems } = parseEntry(file('url: https://x.example/a', `title: ${value}`, 'source: S', 'date: 2014-05-01'), 'entries/2014/q.md', SEOUL);
      expect(problems).toEqual([
        { file: 'entries/2014/q.md', line: 3, field: 'title', message: `malformed YAML: ${open} and ${close} are typographic quotes, which YAML does not read as quotes: it needs straight "`, fix: 'write straight quotes: title: "Kim: the visit"' },
      ]);
    });
  });

  describe('a key given twice', () => {
    it('names both lines to choose between', () => {
      const { problems } = parseEntry(file('title: A', 'url: https://x.example/a', 'title: B', 'source: S', 'date: 2014-05-01'), 'entries/2014/t.md', SEOUL);
      expect(problems).toEqual([{ file: 'entries/2014/t.md', line: 4, field: 'title', message: 'malformed YAML: title: is given twice, and a key may be given once', fix: 'remove one of the two title: lines (lines 2 and 4)' }]);
    });

    it("in a related link: both lines of that link, not another link's", () => {
      const { problems } = parseEntry(file('title: A', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'related:', '  - title: a', '    url: https://x.example/b', '  - title: c', '    url: https://x.example/c', '    title: d'), 'entries/2014/t.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 11, field: 'title', fix: 'remove one of the two title: lines (lines 9 and 11)' });
    });
  });

  // YAML 1.2 §5.5: only a space or a tab is white space; macOS's Option+Space, Word and input methods type others.
  describe('a character that looks like a space and is none to YAML', () => {
    it.each([
      ['\u00A0', 'a no-break space (U+00A0)'],
      ['\u2009', 'a thin space (U+2009)'],
      ['\u202F', 'a narrow no-break space (U+202F)'],
      ['\u3000', 'an ideographic space (U+3000)'],
    ])('%j after title: or tags: named on its own line, with the line to write', (space, name) => {
      const titled = parseEntry(file(`title:${space}Kaesong output`, 'url: https://x.example/a', 'source: S', 'date: 2014-05-01'), 'entries/2014/s.md', SEOUL);
      expect(titled.problems).toEqual([{ file: 'entries/2014/s.md', line: 2, field: 'title', message: `malformed YAML: ${name} after title:, which YAML does not read as a space, so title: is no field`, fix: 'type a plain space in its place: title: Kaesong output' }]);
      const tagged = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', `tags:${space}[Kaesong, Trade]`, 'summary: x'), 'entries/2014/s.md', SEOUL);
      expect(tagged.problems).toEqual([{ file: 'entries/2014/s.md', line: 6, field: 'tags', message: `malformed YAML: ${name} after tags:, which YAML does not read as a space, so tags: is no field`, fix: 'type a plain space in its place: tags: [Kaesong, Trade]' }]);
    });

    it("after a list item's -", () => {
      const { problems } = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'tags:', '  - Kaesong', '  -\u00A0Trade', 'summary: x'), 'entries/2014/s.md', SEOUL);
      expect(problems[0]).toMatchObject({ line: 8, message: "malformed YAML: a no-break space (U+00A0) after the list item's -, which YAML does not read as a space", fix: 'type a plain space in its place: - Trade' });
    });

    it('in the indentation of a nested field: the spaces to type; a tab: plain spaces, as many as the lines beside it', () => {
      const spaced = parseEntry(file('title: T', 'url: https://x.example/a', 'source:', '\u00A0\u00A0name: Yonhap', '  url: https://x.example/s', 'date: 2014-05-01'), 'entries/2014/s.md', SEOUL);
      expect(spaced.problems).toEqual([{ file: 'entries/2014/s.md', line: 5, field: 'name', message: 'malformed YAML: the line is indented with a no-break space (U+00A0), and YAML indents with plain spaces only', fix: 'retype its indentation as 2 plain spaces: name: Yonhap' }]);
      const tabbed = parseEntry(file('title: T', 'url: https://x.example/a', 'source:', '\tname: Yonhap', 'date: 2014-05-01'), 'entries/2014/s.md', SEOUL);
      expect(tabbed.problems).toEqual([{ file: 'entries/2014/s.md', line: 5, field: 'name', message: 'malformed YAML: the line is indented with a tab, and YAML indents with plain spaces only', fix: 'retype its indentation with plain spaces, as the lines beside it are indented: name: Yonhap' }]);
    });

    it('site.yml: a no-break space after timezone:', () => {
      const text = `${bom}${['title: T', 'description: D', 'url: https://x.example/', 'language: en', 'timezone:\u00A0Asia/Seoul', 'idDate: "2014"'].join(eol)}${eol}`;
      expect(parseSite(text).problems).toEqual([{ file: 'site.yml', line: 5, field: 'timezone', message: 'malformed YAML: a no-break space (U+00A0) after timezone:, which YAML does not read as a space, so timezone: is no field', fix: 'type a plain space in its place: timezone: Asia/Seoul' }]);
    });
  });

  it('site.yml: an unclosed quote and an unclosed list, their own lines', () => {
    const site = (...lines: string[]) => `${bom}${['title: T', 'description: D', 'url: https://x.example/', 'language: en', 'timezone: Asia/Seoul', ...lines].join(eol)}${eol}`;
    expect(parseSite(site('author:', '  name: "Kim', 'feed:', '  limit: 5')).problems).toEqual([{ file: 'site.yml', line: 7, field: 'name', message: 'malformed YAML: the " that opens this value is never closed', fix: 'close it on the same line: name: "Kim"' }]);
    expect(parseSite(site('feed:', '  limit: [50', 'author:', '  name: Kim')).problems[0]).toMatchObject({ line: 7, field: 'limit', fix: 'limit wants a number, not a list: write limit: 50' });
  });
});

