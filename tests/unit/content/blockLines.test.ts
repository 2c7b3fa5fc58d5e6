import { describe, expect, it } from 'vitest';
import { LINE_ATTRIBUTE, markBlockLines } from '../../../lib/content/blockLines.js';
import { markdown } from '../../../lib/content/markdownParser.js';

// The raw HTML of a body as markBlockLines leaves it, its parts joined.
const markedHtml = (body: string) => {
  const tokens = markdown.parse(body, {});
  markBlockLines(tokens);
  return tokens.flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type === 'html_block' || token.type === 'html_inline').map((token) => token.content).join('');
};
const at = (line: number) => ` ${LINE_ATTRIBUTE}="${line}"`;

// WHATWG HTML §13.2.5: a `<` inside a quoted attribute value, a comment or raw text begins no tag.
describe('markBlockLines in raw HTML', () => {
  it('marks each start tag of a heading, quotation, paragraph, div, link and image with its line, not a tag-like text in a quoted attribute value', () => {
    expect(markedHtml('Rice.\n\n<p><img alt="<a>" src="data:x"></p>\n')).toBe(`<p${at(2)}><img${at(2)} alt="<a>" src="data:x"></p>\n`);
    expect(markedHtml('Rice.\n\nWheat <img alt=\'<h2>\' src="data:x"> and\n<a title = "<img x>" href="/y">y</a>\n')).toBe(`<img${at(2)} alt='<h2>' src="data:x"><a${at(3)} title = "<img x>" href="/y"></a>`);
    // A value's `>` does not end the tag; one unquoted ends at white space; a quote inside a name opens no value.
    expect(markedHtml('<div title="a>b" x=<a y"<a>\n<h2 z="1">x</h2></div>\n')).toBe(`<div${at(0)} title="a>b" x=<a y"<a>\n<h2${at(1)} z="1">x</h2></div>\n`);
  });

  it('marks no tag-like text in a comment, where HTML ends it, or in an element of raw text', () => {
    expect(markedHtml('<div><!-- <a href="/x"> --!> <a href="/y">y</a>\n<textarea><img src="z"></textarea><blockquote>q</blockquote></div>\n')).toBe(
      `<div${at(0)}><!-- <a href="/x"> --!> <a${at(0)} href="/y">y</a>\n<textarea><img src="z"></textarea><blockquote${at(1)}>q</blockquote></div>\n`,
    );
  });
});
