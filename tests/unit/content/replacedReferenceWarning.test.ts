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

  it('is not named in code, in a comment, or where the output keeps a character: U+FFFD itself, the last code points, a raw HTML noncharacter (dropped)', () => {
    for (const body of ['`&#xD800;`\n', '    &#xD800;\n', '<!-- &#xD800; -->\n', 'a&#xFFFD; b&#x10FFFD; c&#xFDCF; d&#xFDF0;\n', '<p>a&#xFFFE;b</p>\n', '&amp;#xD800;\n']) {
      expect(warned(body), body).toEqual([]);
    }
  });
});
