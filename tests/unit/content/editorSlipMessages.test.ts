import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';
import { SITE } from '../../support/content.js';

// Slips an editor makes in front matter, each given one message that says what to write.
const FILE = 'entries/2014/a.md';
const front = (...lines: string[]) => `---\n${lines.join('\n')}\n---\nCommentary.\n`;
const parse = (...lines: string[]) => parseEntry(front(...lines), FILE, SITE);

describe('a url in typographic quotes', () => {
  it('is one problem, the refusal, with the url to write without quotes or in straight ones; no warning that it is published', () => {
    const parsed = parse('title: T', 'url: \u201Chttps://example.com/cq\u201D', 'source: S', 'date: 2014-05-01');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.problems).toEqual([
      {
        file: FILE,
        line: 3,
        field: 'url',
        message: '"\u201Chttps://example.com/cq\u201D" stands in typographic quotes (\u201C\u2026\u201D), which YAML does not read as quotes, so it is not an absolute http(s) URL',
        fix: 'write url: https://example.com/cq without quotes, or url: "https://example.com/cq" with straight quotes',
      },
    ]);
    // Each fix, written, is read.
    for (const written of ['url: https://example.com/cq', 'url: "https://example.com/cq"']) {
      expect(parse('title: T', written, 'source: S', 'date: 2014-05-01').entry?.url).toBe('https://example.com/cq');
    }
  });

  it("names a nested url's quotes too; other text in smart quotes is refused as before", () => {
    const nested = parse('title: T', 'url: https://x.example/a', 'source:', '  name: S', '  url: \u2018https://s.example/\u2019', 'date: 2014-05-01');
    expect(nested.problems).toEqual([expect.objectContaining({ line: 6, field: 'source.url', fix: 'write url: https://s.example/ without quotes, or url: "https://s.example/" with straight quotes' })]);
    const text = parse('title: T', 'url: \u201Cexample\u201D', 'source: S', 'date: 2014-05-01');
    expect(text.problems).toEqual([expect.objectContaining({ field: 'url', message: '"\u201Cexample\u201D" is not an absolute http(s) URL' })]);
  });
});

describe('source: given with no value', () => {
  it('is empty, not missing, with the publisher to write after it', () => {
    for (const written of ['source:', "source: ''", 'source: ~']) {
      const { problems } = parse('title: T', 'url: https://x.example/a', written, 'date: 2014-05-01');
      expect(problems, written).toEqual([{ file: FILE, line: 4, field: 'source', message: 'is empty', fix: "write the publisher's name after source:, e.g. source: Example News, or {name, url, feed}" }]);
    }
    expect(parse('title: T', 'url: https://x.example/a', 'date: 2014-05-01').problems).toEqual([expect.objectContaining({ field: 'source', message: 'is missing' })]);
  });
});

describe('text after a closing quote', () => {
  it('glued to the quote (a slip): the fix drops it, and the line it gives is read', () => {
    const { problems } = parse('title: T', 'url: https://x.example/a', 'source: S', 'date: "2014-05-02"x');
    expect(problems).toEqual([
      {
        file: FILE,
        line: 5,
        field: 'date',
        message: 'malformed YAML: the quotes around "2014-05-02" close before the value ends, and YAML allows no text after a quoted value',
        fix: 'drop the text after the closing quote: date: "2014-05-02"',
      },
    ]);
    const written = problems[0]!.fix.replace(/^drop the text after the closing quote: /, '');
    expect(parse('title: T', 'url: https://x.example/a', 'source: S', written).problems).toEqual([]);
  });

  it("a long quoted part: says what to do without repeating it; words after a space keep the fix that quotes the whole", () => {
    const long = 'x'.repeat(200);
    expect(parse(`title: "${long}"y`, 'url: https://x.example/a', 'source: S', 'date: 2014-05-01').problems[0]!.fix).toBe('drop the text after the closing quote');
    expect(parse('title: "Kim" visits', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01').problems[0]!.fix).toBe('quote the value: title: "\\"Kim\\" visits"');
  });
});

describe('a [ never closed before text with no comma', () => {
  const site = (title: string) => `${[`title: ${title}`, 'description: D', 'url: https://x.example/', 'language: en', 'timezone: Asia/Seoul'].join('\n')}\n`;

  it('in site.yml: quoted first, in single quotes that read back as typed; closing it is the second choice', () => {
    const { problems } = parseSite(site('[broken'));
    expect(problems).toEqual([
      {
        file: 'site.yml',
        line: 1,
        field: 'title',
        message: 'malformed YAML: the [ that opens this list is never closed',
        fix: "quote the value if the [ is part of the text: title: '[broken'; or, for a list, close it on the same line: title: [broken]",
      },
    ]);
    expect(parseSite(site("'[broken'")).site?.title).toBe('[broken');
    // A quote inside is doubled, as single quotes escape it.
    expect(parseSite(site("[it's")).problems[0]!.fix).toContain("title: '[it''s'");
    expect(parseSite(site("'[it''s'")).site?.title).toBe("[it's");
  });

  it('tags:, or a value with a comma, is a list: only closed', () => {
    expect(parse('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'tags: [Trade', 'summary: x').problems[0]).toMatchObject({ fix: 'close it on the same line: tags: [Trade]' });
    expect(parseSite(site('[a, b')).problems[0]).toMatchObject({ fix: 'close it on the same line: title: [a, b]' });
  });
});

describe('a key indented further than the key above it', () => {
  it('at the top: names the key, its line and the fix that starts it at the line start', () => {
    const { problems } = parse('title: T', 'source: S', ' url: https://x.example/a', 'date: 2014-05-01');
    expect(problems).toEqual([
      {
        file: FILE,
        line: 4,
        field: 'url',
        message: "malformed YAML: url: is indented by 1 space, and a field's key must start at the line's start, like source: on the line above",
        fix: 'remove the space before url: so the line reads url: https://x.example/a',
      },
    ]);
    expect(parse('title: T', 'source: S', '   url: https://x.example/a', 'date: 2014-05-01').problems[0]).toMatchObject({ message: expect.stringContaining('indented by 3 spaces'), fix: 'remove the spaces before url: so the line reads url: https://x.example/a' });
  });

  it('in a nested mapping: the indent of the key above', () => {
    const { problems } = parse('title: T', 'url: https://x.example/a', 'source:', '  name: S', '   url: https://s.example/', 'date: 2014-05-01');
    expect(problems).toEqual([
      {
        file: FILE,
        line: 6,
        field: 'url',
        message: 'malformed YAML: url: is indented by 3 spaces, and its key must start where name: on the line above starts (2 spaces in)',
        fix: 'indent url: by 2 spaces, as name: is',
      },
    ]);
  });
});

describe('a date written day and month with slashes', () => {
  const dated = (date: string) => parse('title: T', 'url: https://x.example/a', 'source: S', `date: ${date}`).problems;

  it('gives both readings when both are dates, month first then day first', () => {
    expect(dated('05/12/2014')).toEqual([
      {
        file: FILE,
        line: 5,
        field: 'date',
        message: '"05/12/2014" is not a date in the form YYYY-MM-DD, and it can be read as 2014-05-12 (month first) or 2014-12-05 (day first)',
        fix: 'write the one you mean: date: 2014-05-12 or date: 2014-12-05',
      },
    ]);
  });

  it('one reading when only one is a date, or both are the same; none is guessed for no date', () => {
    expect(dated('25/12/2014')).toEqual([expect.objectContaining({ message: '"25/12/2014" is not a date in the form YYYY-MM-DD', fix: 'write date: 2014-12-25' })]);
    expect(dated('6.6.2014')).toEqual([expect.objectContaining({ fix: 'write date: 2014-06-06' })]);
    // February 30 is no date either way round (30 is no month).
    expect(dated('02/30/2014')).toEqual([expect.objectContaining({ message: '"02/30/2014" is not a date', fix: 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00' })]);
    expect(dated('31/31/2014')[0]!.message).toBe('"31/31/2014" is not a date');
  });

  // The seed's own date line, `2014-5-8`, copied as it is: the fix said only "write YYYY-MM-DD".
  it('the year first, without leading zeros or with slashes or dots: the date it reads as, in ISO order', () => {
    expect(dated('2014-5-8')).toEqual([{ file: FILE, line: 5, field: 'date', message: '"2014-5-8" is not a date in the form YYYY-MM-DD', fix: 'write date: 2014-05-08' }]);
    expect(dated('2014/05/12')).toEqual([expect.objectContaining({ fix: 'write date: 2014-05-12' })]);
    expect(dated('2014.12.5')).toEqual([expect.objectContaining({ fix: 'write date: 2014-12-05' })]);
    // No such day: no reading offered.
    expect(dated('2014-2-30')[0]!.fix).toBe('write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00');
  });

  it('updated: too', () => {
    const { problems } = parse('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'updated: 07/08/2014');
    expect(problems).toEqual([expect.objectContaining({ field: 'updated', fix: 'write the one you mean: updated: 2014-07-08 or updated: 2014-08-07' })]);
  });
});

// An entry copied from the seed and typed over: a misspelt key inside source: or a related link was ignored without
// a word (only `source.name: is missing`), a bare address as a related link was "related[0].title: is missing", and
// source.url went unchecked while source.name was missing.
describe('slips inside source: and related:', () => {
  it('names a misspelt key of source: with the key meant, and checks source.url beside the missing name', () => {
    const parsed = parse('title: T', 'url: https://x.example/a', 'source:', '  nmae: IFES', '  url: ifes.kyungnam.ac.kr', 'date: 2014-05-01');
    // Line 1 is the fence: source: is line 4, nmae: 5, its url: 6.
    expect(parsed.warnings).toEqual([{ file: FILE, line: 5, field: 'source.nmae', message: 'is not a known field and is ignored', fix: 'did you mean name:? rename it to name:' }]);
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'source.name'],
      [6, 'source.url'],
    ]);
  });

  it('names a misspelt key of a related link, and a link written as its address alone with the line to write', () => {
    const parsed = parse('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'related:', '  - titel: More', '    url: https://x.example/b', '  - https://x.example/c');
    // related: is line 6; the first link starts on 7 (titel:), the second, the address alone, is on 9.
    expect(parsed.warnings).toEqual([{ file: FILE, line: 7, field: 'related[0].titel', message: 'is not a known field and is ignored', fix: 'did you mean title:? rename it to title:' }]);
    expect(parsed.problems).toEqual([
      { file: FILE, line: 7, field: 'related[0].title', message: 'is missing', fix: 'write each related link as {title: ..., url: https://...}' },
      { file: FILE, line: 9, field: 'related[1]', message: '"https://x.example/c" is an address alone: a related link needs a title too', fix: 'write it as {title: ..., url: https://x.example/c}' },
    ]);
    // Written as the fixes say, the entry is read with both links and no warning.
    const fixed = parse('title: T', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01', 'related:', '  - title: More', '    url: https://x.example/b', '  - {title: Third, url: https://x.example/c}');
    expect([fixed.problems, fixed.warnings, fixed.entry?.related.length]).toEqual([[], [], 2]);
  });
});

// The seed's address line pasted as a browser's bar shows it, without https://: the fix said only to start with it.
describe('an address without its scheme', () => {
  const urlOf = (url: string) => parse('title: T', `url: ${url}`, 'source: S', 'date: 2014-05-01').problems;

  it('is refused with the address to write, https:// before it', () => {
    expect(urlOf('www.38north.org/2014/05/ifes?x=1')).toEqual([{ file: FILE, line: 3, field: 'url', message: '"www.38north.org/2014/05/ifes?x=1" is not an absolute http(s) URL', fix: 'write url: https://www.38north.org/2014/05/ifes?x=1, with its https://' }]);
    expect(urlOf('//ifes.kyungnam.ac.kr/eng')[0]!.fix).toBe('write url: https://ifes.kyungnam.ac.kr/eng, with its https://');
    const related = parse('title: T', 'url: https://x.example/a', 'source:', '  name: S', '  url: ifes.kyungnam.ac.kr', 'date: 2014-05-01').problems;
    expect(related.map((p) => [p.field, p.fix])).toEqual([['source.url', 'write url: https://ifes.kyungnam.ac.kr, with its https://']]);
  });

  it('text that reads as no host keeps the general fix', () => {
    expect(urlOf('see the article')[0]!.fix).toBe('write the full address, starting with https://');
    expect(urlOf('localhost/a')[0]!.fix).toBe('write the full address, starting with https://');
    // A file name is no host, though it has a dot: its extension is no top-level domain.
    expect(urlOf('notes.md')[0]!.fix).toBe('write the full address, starting with https://');
    expect(urlOf('index.html')[0]!.fix).toBe('write the full address, starting with https://');
    expect(urlOf('drafts/notes.md')[0]!.fix).toBe('write the full address, starting with https://');
  });
});
