import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { yamlLineIndex, yamlLines } from '../../../lib/content/yamlLines.js';

describe('yamlLines: lines as YAML counts them (YAML 1.2 §5.4)', () => {
  it('CRLF, CR and LF each end a line; a byte-order mark is no text', () => {
    expect(yamlLines('\uFEFFa: 1\r\nb: 2\rc: 3\nd: 4\r\n')).toEqual(['a: 1', 'b: 2', 'c: 3', 'd: 4', '']);
  });

  it('the line of an offset counts a lone CR as a break, and CRLF as one', () => {
    const text = 'a: 1\r\nb: 2\rc: 3\nd: 4';
    expect(yamlLineIndex(text, text.indexOf('b'))).toBe(1);
    expect(yamlLineIndex(text, text.indexOf('c'))).toBe(2);
    expect(yamlLineIndex(text, text.indexOf('d'))).toBe(3);
  });
});

describe('a lone CR inside a CRLF line (text pasted from classic Mac OS)', () => {
  it("the refusal names the field on js-yaml's line, the one the editor's line numbers show", () => {
    const text = '---\r\ntitle: Kae\rsong output\r\nurl: https://x.example/a\r\nsource: S\r\ndate: 2014-05-01\r\n---\r\nBody.\r\n';
    const { problems } = parseEntry(text, 'entries/2014/k.md', { timezone: 'Asia/Seoul' });
    // Line 2 is `title: Kae`, line 3 `song output`, line 4 `url: …`.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, field: 'url' });
  });
});
