import { describe, expect, it } from 'vitest';
import { bodyLineOf, bodyWarnings } from '../../support/bodyWarnings.js';

// Every feed and page drops a paragraph that shows nothing (sanitizeEntryHtml). One of characters of no width alone is
// no spacer an editor typed but one pasted unseen: `check` names it, with its line; the fix is to delete it.
const PARAGRAPH = {
  message: 'a paragraph shows nothing (it holds only characters of no width, such as the zero-width space U+200B, which most editors do not show), so every feed and page leaves it out',
  fix: 'delete it',
};
const warned = (body: string) => bodyWarnings(body, /^a [a-z ]+ shows nothing \(/);

describe('check on a paragraph of characters of no width alone', () => {
  it('names its line, for each character of no width, as written or as a character reference', () => {
    for (const space of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200b \u00a0\u200d', '&#8203;', '&#x200B;', '&ZeroWidthSpace;', '&zwj;', '&NoBreak;', '&#65279;', '&NegativeThinSpace;']) {
      const body = `Rice.\n\n${space}\n\nWheat.\n`;
      expect(warned(body), space).toEqual([{ file: 'entries/2014/a.md', line: bodyLineOf(body, 'Rice.') + 2, field: 'body', ...PARAGRAPH }]);
    }
  });

  it('in raw HTML, the line of its start tag; alone in a body; and counted after another element so named', () => {
    const html = 'Rice.\n\n<div>\n<p>Wheat.</p>\n<p>\u200b</p>\n</div>\n';
    expect(warned(html)).toEqual([{ file: 'entries/2014/a.md', line: bodyLineOf(html, '<p>\u200b'), field: 'body', ...PARAGRAPH }]);
    // An editable box's line, a div the repair makes a p: the div's line.
    for (const line of ['<div>\u200b</div>', '<section>&#8203;</section>']) {
      const box = `Rice.\n\n<div>Wheat.</div>\n${line}\n`;
      expect(warned(box), line).toEqual([{ file: 'entries/2014/a.md', line: bodyLineOf(box, line), field: 'body', ...PARAGRAPH }]);
    }
    // A line of its own inside a div that holds other blocks, which the repair makes a paragraph: that line, counted
    // from the block before it (or the div's start tag), as written or after text of its own.
    for (const div of ['<div>\n<p>Wheat.</p>\n\u200b\n<p>Barley.</p>\n</div>\n', '<div><p>Wheat.</p>\n\u200b\n</div>\n', '<div>\nWheat.\n<p>Rye\nand oats.</p>\n\u200b\n</div>\n']) {
      const body = `Rice.\n\n${div}`;
      expect(warned(body), div).toEqual([{ file: 'entries/2014/a.md', line: bodyLineOf(body, '\u200b'), field: 'body', ...PARAGRAPH }]);
    }
    expect(warned('\u200b\n')).toEqual([{ file: 'entries/2014/a.md', line: bodyLineOf('\u200b\n', '\u200b'), field: 'body', ...PARAGRAPH }]);
    const both = 'Rice.\n\n\u200b\n\n## &nbsp;\n\n<p>&#8203;</p>\n';
    expect(warned(both)).toMatchObject([{ line: bodyLineOf(both, '\u200b'), message: `${PARAGRAPH.message}; and 2 more headings or quotations and paragraphs so`, fix: 'delete it' }]);
  });

  it('names no spacer typed on purpose, no paragraph of text, and one inside another dropped as that one', () => {
    // `&nbsp;`, a break, nothing: a spacer an editor sees in the source.
    expect(warned('Rice.\n\n&nbsp;\n\n<p><br></p>\n\n<p></p>\n\nWheat.\n')).toEqual([]);
    // A character of no width beside text, or in a word.
    expect(warned('Rice\u200b.\n\n\u200b Wheat\n\nrice&shy;&zwj;wheat\n')).toEqual([]);
    // In a quotation, which is named.
    const quoted = 'Rice.\n\n> \u200b\n';
    expect(warned(quoted)).toMatchObject([{ line: bodyLineOf(quoted, '> '), message: expect.stringMatching(/^a quotation shows nothing/) }]);
  });

  it('leaves a paragraph emptied by an image of a data: address to the dropped-address warning', () => {
    const body = 'Rice.\n\n![Chart](data:image/png;base64,AAAA)\n';
    expect(warned(body)).toEqual([]);
    expect(bodyWarnings(body, /^an image's address is not/)).toHaveLength(1);
  });
});
