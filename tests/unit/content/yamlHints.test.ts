import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\n${lines.join('\n')}\n---\nBody.\n`;

describe('malformed YAML points at the line that opens what never closes', () => {
  it('an unclosed double quote: its own line and field, not the next one js-yaml stops at', () => {
    const { problems } = parseEntry(file('title: T', 'url: https://x.example/a', 'source: S', 'date: "2014-05-01', 'tags: [a]'), 'entries/2014/q.md', SEOUL);
    expect(problems).toEqual([{ file: 'entries/2014/q.md', line: 5, field: 'date', message: 'malformed YAML: the " that opens this value is never closed', fix: 'close it on the same line: date: "2014-05-01"' }]);
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
    const { problems } = parseEntry(file('title: T', 'url: https://x.example/a', 'source: Src: with colon', 'date: 2014-05-01'), 'entries/2014/c.md', SEOUL);
    expect(problems[0]).toMatchObject({ line: 4, field: 'source' });
    expect(problems[0]!.message).toMatch(/^malformed YAML: bad indentation/);
  });

  it('does not blame a closed quote with a bracket inside', () => {
    const { problems } = parseEntry(file('title: "a [b"', 'url: https://x.example/a', 'source: Src: with colon', 'date: 2014-05-01'), 'entries/2014/d.md', SEOUL);
    expect(problems[0]).toMatchObject({ line: 4, field: 'source' });
  });
});
