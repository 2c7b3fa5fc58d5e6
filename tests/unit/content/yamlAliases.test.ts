import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSimpleYaml, parseYaml } from '../../../lib/content/parseYaml.js';
import { parseSite } from '../../../lib/content/site.js';
import { formatProblem } from '../../../lib/shared/errors.js';
import { QUOTE_MAX_CHARS } from '../../../lib/shared/quote.js';

const KEY = 'entries/2014/laughs.md';
const SEOUL = { timezone: 'Asia/Seoul' };

/** Nested aliases: level n repeats level n-1 nine times, so `image` would expand to 9^depth strings. */
function laughs(depth: number): string {
  const names = 'abcdefghij';
  const lines = [`${names[0]}: &${names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let level = 1; level < depth; level++) {
    const previous = `*${names[level - 1]}`;
    lines.push(`${names[level]}: &${names[level]} [${Array(9).fill(previous).join(',')}]`);
  }
  return `---\ntitle: T\nurl: https://news.example.com/a\nsource: S\ndate: 2014-05-08\n${lines.join('\n')}\nimage: *${names[depth - 1]}\n---\nBody.\n`;
}

describe('YAML anchors and aliases are refused', () => {
  it('a small entry of nested aliases gives one short problem naming the first anchor, its line and field', () => {
    const text = laughs(7);
    expect(text.length).toBeLessThan(700);
    const { problems, entry } = parseEntry(text, KEY, SEOUL);
    expect(entry).toBeUndefined();
    expect(problems).toHaveLength(1);
    // The first anchor is on line 6 of the file (after ---, title, url, source, date), under the field `a`.
    expect(problems[0]).toMatchObject({ file: KEY, line: 6, field: 'a', message: 'uses a YAML anchor ("&a"), which is not allowed' });
    expect(formatProblem(problems[0]!).length).toBeLessThan(300);
  });

  it('an alias alone (its anchor undefined) is named with its field', () => {
    const result = parseYaml('title: T\nsource:\n  name: *who\n', 'f.md', 2);
    expect(result).toMatchObject({ ok: false, problem: { file: 'f.md', line: 4, field: 'source', message: 'uses a YAML alias ("*who"), which is not allowed' } });
  });

  it('site.yml: an anchor is refused the same way', () => {
    const { site, problems } = parseSite('title: &t Watch\ndescription: *t\nurl: https://watch.example.org/\nlanguage: en\ntimezone: UTC\n');
    expect(site).toBeUndefined();
    expect(problems).toMatchObject([{ file: 'site.yml', line: 1, field: 'title', message: 'uses a YAML anchor ("&t"), which is not allowed' }]);
  });

  it('the fast path never reads an anchor or alias, so both paths give the same refusal', () => {
    for (const yaml of ['a: &x 1\n', 'a: *x\n', 'tags: [a, *x]\n', 'tags:\n  - &x a\n', 'source:\n  name: *x\n', '&x a: 1\n']) {
      expect(parseSimpleYaml(yaml), yaml).toBeUndefined();
      const result = parseYaml(yaml, 'f.md');
      expect(result.ok, yaml).toBe(false);
    }
  });

  it('* and & inside a plain value are text, not anchors', () => {
    expect(parseYaml('title: Rock & roll *live*\n', 'f.md')).toEqual({ ok: true, value: { title: 'Rock & roll *live*' } });
    expect(parseYaml('title: "*live*"\nx: [1]  # c\n', 'f.md')).toEqual({ ok: true, value: { title: '*live*', x: [1] } });
  });
});

describe('messages quote a short excerpt of a value, never all of it', () => {
  const long = 'x'.repeat(100_000);
  for (const [field, value] of [
    ['url', `https://${long}`.replace('https://', 'ftp://')],
    ['image', `nope${long}`],
    ['draft', `maybe${long}`],
    ['related', [{ title: 'More', url: `no${long}` }]],
    ['source', { name: 'S', url: `no${long}` }],
  ] as const) {
    it(`${field}: the message quotes at most ${QUOTE_MAX_CHARS} characters of the value`, () => {
      const yaml = JSON.stringify({ title: 'T', url: 'https://news.example.com/a', source: 'S', date: '2014-05-08', [field]: value });
      const { problems } = parseEntry(`---\n${yaml}\n---\n`, KEY, SEOUL);
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem.message.length).toBeLessThan(QUOTE_MAX_CHARS + 100);
        expect(problem.message).toContain('…');
      }
    });
  }

  it('a long unclosed quote: the fix shows the line cut in the middle', () => {
    const { problems } = parseEntry(`---\ntitle: "${long}\nurl: https://news.example.com/a\n---\n`, KEY, SEOUL);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.fix.length).toBeLessThan(3 * QUOTE_MAX_CHARS);
    expect(problems[0]!.fix).toMatch(/^close it on the same line: title: "x+…x+"$/);
  });

  it('site.yml values are quoted the same way', () => {
    const { problems } = parseSite(`title: W\ndescription: D\nurl: http://${long}\nlanguage: en\ntimezone: ${long}\n`);
    expect(problems.length).toBe(2);
    for (const problem of problems) expect(formatProblem(problem).length).toBeLessThan(400);
  });
});
