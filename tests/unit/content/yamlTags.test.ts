import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const REST = ['url: https://x.example/a', 'source: S', 'date: 2014-05-01'];
const file = (...lines: string[]) => `---\n${lines.join('\n')}\n---\nBody.\n`;

/** The title a fix's line gives, read back through the same parser. */
function titleOf(fix: string): string | undefined {
  const written = fix.replace(/^quote the value: /, '');
  const { entry, problems } = parseEntry(file(written, ...REST), 'entries/2014/t.md', SEOUL);
  expect(problems).toEqual([]);
  return entry?.title;
}

describe('a YAML tag on a front-matter value is refused, with the quoted line to write', () => {
  it('title: ! y, which YAML reads as "y" without a word: the file, line and field, and the line quoted', () => {
    const { problems, entry } = parseEntry(file(...REST, 'title: ! y'), 'entries/2014/t.md', SEOUL);
    expect(entry).toBeUndefined();
    expect(problems).toEqual([{ file: 'entries/2014/t.md', line: 5, field: 'title', message: 'a value beginning with "!" is read by YAML as a tag (the name of a type), not as text', fix: 'quote the value: title: "! y"' }]);
    expect(titleOf(problems[0]!.fix)).toBe('! y');
  });

  it.each(['!foo bar', '!!binary aGVsbG8=', '!!str x', '!!int 7'])('%s: the tag named, and the quoted line reads back as typed', (value) => {
    const { problems } = parseEntry(file(`title: ${value}`, ...REST), 'entries/2014/t.md', SEOUL);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, field: 'title', message: `a value beginning with "!" is read by YAML as a tag (the name of a type, here "${value.split(' ')[0]}"), not as text` });
    expect(titleOf(problems[0]!.fix)).toBe(value);
  });

  it('in a flow list: the item named, and the line with that item alone quoted', () => {
    const { problems } = parseEntry(file('title: T', ...REST, 'tags: [Trade, ! Rason]'), 'entries/2014/t.md', SEOUL);
    expect(problems).toEqual([{ file: 'entries/2014/t.md', line: 6, field: 'tags[1]', message: 'a value beginning with "!" is read by YAML as a tag (the name of a type), not as text', fix: 'quote the value: tags: [Trade, "! Rason"]' }]);
  });

  it('in a nested mapping and a block list: the path of the field', () => {
    const nested = parseEntry(file('title: T', 'url: https://x.example/a', 'date: 2014-05-01', 'source:', '  name: ! S', '  url: https://x.example/'), 'entries/2014/t.md', SEOUL);
    expect(nested.problems[0]).toMatchObject({ line: 6, field: 'source.name', fix: 'quote the value: name: "! S"' });
    const related = parseEntry(file('title: T', ...REST, 'related:', '  - title: B', '    url: https://x.example/b', '  - title: !C', '    url: https://x.example/c'), 'entries/2014/t.md', SEOUL);
    expect(related.problems[0]).toMatchObject({ line: 9, field: 'related[1].title', fix: 'quote the value: - title: "!C"' });
  });

  it('on a list or a quoted value: the tag to remove', () => {
    const { problems } = parseEntry(file('title: ! "T"', ...REST), 'entries/2014/t.md', SEOUL);
    expect(problems[0]).toMatchObject({ line: 2, field: 'title', fix: 'remove "!"; if it is part of the text, put the whole value in double quotes' });
    const list = parseEntry(file('title: T', ...REST, 'tags: !!seq', '  - Trade'), 'entries/2014/t.md', SEOUL);
    expect(list.problems[0]).toMatchObject({ line: 6, field: 'tags', fix: 'remove "!!seq"; if it is part of the text, put the whole value in double quotes' });
  });

  it('site.yml: refused the same way', () => {
    const { site, problems } = parseSite('title: ! Watch\ndescription: D\nurl: https://watch.example.org/\nlanguage: en\ntimezone: UTC\n');
    expect(site).toBeUndefined();
    expect(problems).toEqual([{ file: 'site.yml', line: 1, field: 'title', message: 'a value beginning with "!" is read by YAML as a tag (the name of a type), not as text', fix: 'quote the value: title: "! Watch"' }]);
  });

  it('! inside a value, or quoted, is text', () => {
    const { entry, problems } = parseEntry(file('title: Act now! or "!" later', 'summary: "! y"', ...REST), 'entries/2014/t.md', SEOUL);
    expect(problems).toEqual([]);
    expect(entry).toMatchObject({ title: 'Act now! or "!" later', summary: '! y' });
  });
});

describe('a refusal of YAML that reads keeps its own line', () => {
  it('a summary quoted over two lines above a tag: the tag is named, not the summary as unclosed', () => {
    const { problems } = parseEntry(file('summary: "The pier', '  opened."', 'title: ! y', ...REST), 'entries/2014/t.md', SEOUL);
    expect(problems).toMatchObject([{ line: 4, field: 'title', fix: 'quote the value: title: "! y"' }]);
  });
});
