import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { splitFrontMatter } from '../../../lib/content/frontMatter.js';

// TextEdit and Word turn `--` into an en or em dash as it is typed: `---` becomes `—-` (em dash, hyphen), `–-` or `——`.
describe('a front-matter fence an autocorrect made a dash of', () => {
  it.each(['\u2014-', '\u2013-', '\u2014\u2014'])('%s as the first line: named as a dash, with three hyphens to write', (fence) => {
    expect(splitFrontMatter(`${fence}\ntitle: T\n${fence}\nBody.\n`)).toEqual({
      ok: false,
      line: 1,
      message: `no front matter: the first line is "${fence}", a dash where --- should be: an editor's autocorrect turned the hyphens into a dash`,
      fix: 'write three hyphens, ---, in place of the dash, here and on the line that closes the front matter',
    });
  });

  it('as the closing line: that line, named as a dash', () => {
    expect(splitFrontMatter('---\ntitle: T\nurl: https://x.example/a\n\u2014-\nBody.\n')).toEqual({
      ok: false,
      line: 4,
      message: `the front matter is not closed: its closing line is "\u2014-", a dash where --- should be: an editor's autocorrect turned the hyphens into a dash`,
      fix: 'write three hyphens, ---, in place of the dash',
    });
  });

  it('two byte-order marks before ---: named, as nothing shows them', () => {
    expect(splitFrontMatter('\uFEFF\uFEFF---\ntitle: T\n---\nBody.\n')).toEqual({
      ok: false,
      line: 1,
      message: 'no front matter: the file starts with 2 byte-order marks (U+FEFF), where one is taken, so its first line is not ---',
      fix: 'save the file as UTF-8 (with or without BOM) in an editor that shows it, or delete the invisible characters before the first ---',
    });
  });

  it('a first line of other text is still "no front matter"', () => {
    expect(splitFrontMatter('title: T\n')).toMatchObject({ ok: false, message: 'no front matter' });
  });
});

describe('front matter another tool writes, or put below blank lines', () => {
  it("Hugo's TOML between +++ lines: named as TOML, with the YAML to write", () => {
    expect(splitFrontMatter('+++\ntitle = "T"\ndate = 2014-05-01\n+++\nBody.\n')).toEqual({ ok: false, line: 1, message: 'front matter in TOML (+++) is not read', fix: 'write it as YAML between --- lines (title: … for title = …)' });
  });

  it('TOML between --- lines: named as TOML, not "not a mapping of fields"', () => {
    expect(parseEntry('---\ntitle = "T"\nurl = "https://x.example/a"\n---\nBody.\n', 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).problems).toEqual([
      { file: 'entries/2014/a.md', field: 'front matter', message: 'is in TOML (title = …), which is not read', fix: 'write it as YAML between --- lines (title: … for title = …)' },
    ]);
  });

  it('a --- after blank lines: its line, and the blank lines to delete', () => {
    expect(splitFrontMatter('\n\r\n---\ntitle: T\n---\nBody.\n')).toEqual({ ok: false, line: 1, message: 'no front matter: its --- is on line 3, after blank lines, and must be the first line', fix: 'delete the blank lines before it' });
  });
});

describe('a file no front matter can be found in, for what it is', () => {
  it('lines ended by CR alone (classic Mac OS): named, with the line endings to save', () => {
    expect(splitFrontMatter('---\rtitle: T\r---\rBody.\r')).toEqual({
      ok: false,
      line: 1,
      message: 'no front matter: its lines end in a carriage return alone (CR, as classic Mac OS wrote text), which is no line break here',
      fix: 'save the file with LF (Unix, macOS) or CRLF (Windows) line endings',
    });
    // CRLF is read.
    expect(splitFrontMatter('---\r\ntitle: T\r\n---\r\nBody.\r\n')).toMatchObject({ ok: true });
  });

  it('UTF-16 without a byte-order mark, valid UTF-8 with a zero byte beside each character: named, with the fix', () => {
    const text = Buffer.from('---\ntitle: T\n---\nBody.\n', 'utf16le').toString('utf8');
    expect(splitFrontMatter(text)).toEqual({ ok: false, message: expect.stringMatching(/^is in UTF-16 \(little-endian\)/), fix: expect.stringMatching(/^save the file as UTF-8/) });
  });
});
