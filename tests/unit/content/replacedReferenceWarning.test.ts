import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { bodyLineOf } from '../../support/bodyWarnings.js';
import { entry, entryText } from '../../support/content.js';

const BASE = 'https://watch.example.org/';
const warned = (body: string) => parseEntry(entryText(entry({}), body), 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings.filter((w) => w.field === 'body');
const SHOWN = 'every feed and page shows it as U+FFFD (\uFFFD)';

// A reference to no character a reader can read is published as the replacement character: CommonMark writes U+FFFD
// for a surrogate, one beyond U+10FFFF and a noncharacter, HTML for the first two (WHATWG HTML §13.2.5.80).
describe('a reference a body publishes as U+FFFD', () => {
  it('is published so, in text and in raw HTML (which is why it is named)', () => {
    expect(renderMarkdown('a&#xD800;b &#x110000;c &#xFFFE;d &#64976;e', BASE).html).toBe('<p>a\uFFFDb \uFFFDc \uFFFDd \uFFFDe</p>\n');
    expect(renderMarkdown('<p>a&#xD800;b &#1114112;c</p>', BASE).html).toBe('<p>a\uFFFDb \uFFFDc</p>');
  });

  it('is named by check with what it refers to, its line and the fix', () => {
    const body = 'Rice prices.\n\nWheat&#xD800; too.\n';
    expect(warned(body)).toEqual([
      { file: 'entries/2014/a.md', line: bodyLineOf(body, 'Wheat'), field: 'body', message: `holds "&#xD800;", a reference to U+D800, a surrogate, half of a UTF-16 pair and no character by itself: ${SHOWN}`, fix: 'delete &#xD800;, or write the character meant' },
    ]);
    expect(warned('Rice&#x110000;.\n')).toMatchObject([{ message: `holds "&#x110000;", a reference to a number beyond U+10FFFF, the last code point Unicode has: ${SHOWN}` }]);
    expect(warned('Rice&#65534;.\n')).toMatchObject([{ message: `holds "&#65534;", a reference to U+FFFE, a noncharacter, which Unicode keeps for programs' own use: ${SHOWN}` }]);
    // In raw HTML, where a semicolon may be left out.
    expect(warned('<p>Rice&#xDFFF prices</p>\n')).toMatchObject([{ message: `holds "&#xDFFF", a reference to U+DFFF, a surrogate, half of a UTF-16 pair and no character by itself: ${SHOWN}` }]);
  });

  it('names the first of several and counts the rest', () => {
    expect(warned('a&#xD800; b&#xFDEF; c&#x1FFFF;\n')).toMatchObject([{ message: `holds "&#xD800;", a reference to U+D800, a surrogate, half of a UTF-16 pair and no character by itself: ${SHOWN}; and 2 more such references`, fix: 'delete &#xD800; and the others, or write the character meant' }]);
  });

  // CommonMark reads a reference in a link's address or title (markdown-it's unescapeAll) but keeps one to no character
  // as typed, so in an address its `#` starts the fragment (RFC 3986 §3.5) and the link leads elsewhere.
  it('in a link\'s or image\'s address or a title, is kept as typed, and named with where it stands', () => {
    expect(renderMarkdown('[a](https://x.example.org/p&#xD800;)', BASE).html).toBe('<p><a href="https://x.example.org/p&amp;#xD800;">a</a></p>\n');
    const body = 'Rice prices.\n\nSee [the report](https://x.example.org/p&#xD800;).\n';
    expect(warned(body)).toEqual([
      {
        file: 'entries/2014/a.md',
        line: bodyLineOf(body, 'See [the report]'),
        field: 'body',
        message: 'holds "&#xD800;" in a link\'s address, a reference to U+D800, a surrogate, half of a UTF-16 pair and no character by itself: the address keeps it as typed, where its "#" starts a fragment, so the link leads elsewhere',
        fix: 'delete &#xD800;, or write the address meant',
      },
    ]);
    expect(warned('![chart](https://x.example.org/c&#1114112;.png)\n')).toMatchObject([{ message: 'holds "&#1114112;" in an image\'s address, a reference to a number beyond U+10FFFF, the last code point Unicode has: the address keeps it as typed, where its "#" starts a fragment, so the image is looked for elsewhere' }]);
    expect(warned('[a](https://x.example.org/ "Rice&#xFDD0;")\n')).toMatchObject([{ message: 'holds "&#xFDD0;" in a title, a reference to U+FDD0, a noncharacter, which Unicode keeps for programs\' own use: the title keeps it as typed and shows it so', fix: 'delete &#xFDD0;, or write the character meant' }]);
    // A link reference's definition, on the line that defines it, before or after the paragraph that uses it.
    const defined = 'See [the report][r].\n\nMore.\n\n[r]: https://x.example.org/p&#xDFFF;\n';
    expect(warned(defined)).toMatchObject([{ line: bodyLineOf(defined, '[r]:'), message: expect.stringContaining('"&#xDFFF;" in a link\'s address') }]);
    const first = '[r]: https://x.example.org/p&#xDFFF;\n\nRice.\n\nSee [the report][r].\n';
    expect(warned(first)).toMatchObject([{ line: bodyLineOf(first, '[r]:') }]);
    // A definition's address and title named once, however many links use them: one in each, so one more.
    const reused = 'See [the report][r] and [it again][r].\n\n[r]: https://x.example.org/p&#xD800; "T&#xDFFF;"\n';
    expect(warned(reused)).toMatchObject([{ line: bodyLineOf(reused, '[r]:'), message: expect.stringMatching(/^holds "&#xD800;" in a link's address, .*; and 1 more such reference$/) }]);
    // Counted with those in text.
    expect(warned('a&#xD800; [b](https://x.example.org/&#xD800;)\n')).toMatchObject([{ message: expect.stringMatching(/^holds "&#xD800;", a reference .*; and 1 more such reference$/) }]);
  });

  it('is not named in an autolink (shown and linked as typed) or where CommonMark reads no reference (seven hex digits)', () => {
    for (const body of ['<https://x.example.org/&#xD800;>\n', '[a](https://x.example.org/&#x1234567;)\n', '[a](https://x.example.org/&#xD7FF;)\n']) {
      expect(warned(body), body).toEqual([]);
    }
  });

  it('is not named in code, in a comment, or where the output keeps a character: U+FFFD itself, the last code points, a raw HTML noncharacter (dropped)', () => {
    for (const body of ['`&#xD800;`\n', '    &#xD800;\n', '<!-- &#xD800; -->\n', 'a&#xFFFD; b&#x10FFFD; c&#xFDCF; d&#xFDF0;\n', '<p>a&#xFFFE;b</p>\n', '&amp;#xD800;\n']) {
      expect(warned(body), body).toEqual([]);
    }
  });
});
