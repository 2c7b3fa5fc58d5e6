import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, SITE } from '../../support/content.js';

// The file line (1-based) of the first line of `text` that holds `part`.
const lineOf = (text: string, part: string) => text.split('\n').findIndex((line) => line.includes(part)) + 1;
const DATE_WARNING = 'is about 100 years before the other entries (a gap of more than 10 years with no entry is flagged) (check the year; if the date is right, nothing needs to change)';

// Through the built CLI, the places and names `check` gives: a control character in a YAML comment (a warning) and in
// a key (the key named), a date outlier's line, a related link's title by its item, a character reference in a URL, a
// link reference definition's reference counted once, and a zero-width line inside a div of other blocks.
describe('check names where each warning is', () => {
  it('gives each its file, line and field', async () => {
    const commented = ['---', 'title: Rice', 'url: https://news.example.com/rice&#35;prices', 'source: Example News', '# checked \u0001 by desk', 'date: 2014-05-08', 'related:', '  - title: One', '    url: https://news.example.com/1', '  - title: R&amp;D spending', '    url: https://news.example.com/2', '---', 'Body.', ''].join('\n');
    const body = ['See [wheat][r] and [rice][r].', '', '<div>', '<p>Barley.</p>', '\u200b', '<p>Oats.</p>', '</div>', '', '[r]: https://news.example.com/a&#1;b', ''].join('\n');
    const bodied = `---\ntitle: Wheat\nurl: https://news.example.com/wheat\nsource: Example News\ndate: 2014-05-09\n---\n${body}`;
    const typo = '---\ntitle: Typo\nurl: https://news.example.com/typo\nsource: Example News\ndate: 1914-05-08\n---\nBody.\n';
    const keyed = '---\ntitle: Key\nurl: https://news.example.com/key\nsource: Example News\ndate: 2014-05-10\nti\u0001tle2: x\n---\nBody.\n';
    const content = await contentFolder({ site: SITE, entries: { '2014/commented.md': commented, '2014/bodied.md': bodied, '2014/typo.md': typo, '2014/keyed.md': keyed } });
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    const lines = check.stderr.trim().split('\n');
    const expected = [
      `warning: entries/2014/commented.md:${lineOf(commented, '# checked')}: front matter comment: holds U+0001, a control character, at column 11, which no editor shows: YAML leaves the comment out, so nothing is published, but the file holds it (delete it)`,
      `warning: entries/2014/commented.md:${lineOf(commented, 'url: https://news.example.com/rice')}: url: holds the HTML character reference "&#35;", which is published as typed, where its "#" starts the address's fragment: front matter is not HTML (write the character itself: url: https://news.example.com/rice#prices; or percent-encode it, %23, where it is text in the address)`,
      `warning: entries/2014/commented.md:${lineOf(commented, 'R&amp;D')}: related[1].title: holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text (write it as plain text: title: R&D spending)`,
      `warning: entries/2014/bodied.md:${lineOf(bodied, '[r]:')}: body: holds "&#1;", a reference to U+0001, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it (delete &#1;)`,
      `warning: entries/2014/bodied.md:${lineOf(bodied, '\u200b')}: body: a paragraph shows nothing (it holds only characters of no width, such as the zero-width space U+200B, which most editors do not show), so every feed and page leaves it out (delete it)`,
      `warning: entries/2014/typo.md:${lineOf(typo, 'date:')}: date: ${DATE_WARNING}`,
      `entries/2014/keyed.md:${lineOf(keyed, 'tle2:')}: ti\\x01tle2: malformed YAML: holds U+0001, a control character, at column 3, which YAML does not read in a file (delete it, as no feed or page would show it; to keep it, write it as an escape inside double quotes: "\\u0001")`,
    ];
    for (const line of expected) expect(lines, line).toContain(line);
  });
});
