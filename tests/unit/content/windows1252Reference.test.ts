import { describe, expect, it } from 'vitest';
import { controlReferenceWarning } from '../../../lib/content/controlReferenceWarning.js';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { windows1252Reference } from '../../../lib/content/windows1252Reference.js';

const BASE = 'https://watch.example.org/';

// HTML Standard §13.2.5.80's table: a reference to 0x80–0x9F is the Windows-1252 character of that byte. The
// expected characters are Windows-1252's, written out by hand: 0x80 €, 0x92 ’, 0x96 –, 0x9F Ÿ.
describe('windows1252Reference', () => {
  it('gives the Windows-1252 character for 0x80–0x9F, and nothing for the five unassigned bytes or outside the range', () => {
    expect([0x80, 0x92, 0x96, 0x9f].map(windows1252Reference)).toEqual(['\u20ac', '\u2019', '\u2013', '\u0178']);
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x7f, 0xa0, 0x2019].map(windows1252Reference)).toEqual(Array(8).fill(undefined));
  });

  it('is what a reference in Markdown text, link text and image text reads as, as in raw HTML, where CommonMark gave U+FFFD (an unassigned byte\'s is dropped)', () => {
    const body = 'It&#146;s a deal &#150; [&#x93;quoted&#x94;](https://x.example/a) ![&#128;5](https://x.example/p.png) &#129;\n\n<p>It&#146;s</p>\n';
    expect(renderMarkdown(body, BASE).html).toBe('<p>It\u2019s a deal \u2013 <a href="https://x.example/a">\u201Cquoted\u201D</a> <img src="https://x.example/p.png" alt="\u20ac5" /> </p>\n<p>It\u2019s</p>\n');
    expect(firstParagraphOf('It&#146;s a deal &#150; they said.\n')).toBe('It\u2019s a deal \u2013 they said.');
  });

  it('is what one reads as in a link\'s or image\'s address (percent-encoded, as markdown-it encodes ’ there) and title, where it stayed as typed and its # began a fragment', () => {
    const body = '[r](https://x.example/a&#146;b "It&#x92;s") ![i](https://x.example/p&#150;1.png "&#147;Q&#148;")\n\n[s]\n\n[s]: https://x.example/c&#128; "&#133;"\n';
    expect(renderMarkdown(body, BASE).html).toBe('<p><a href="https://x.example/a%E2%80%99b" title="It\u2019s">r</a> <img src="https://x.example/p%E2%80%931.png" alt="i" title="\u201CQ\u201D" /></p>\n<p><a href="https://x.example/c%E2%82%AC" title="\u2026">s</a></p>\n');
    // An unassigned byte stands for a control character: dropped and named, as a reference to U+0001 there is.
    const unassigned = '[r](https://x.example/a&#129;b "T&#x9D;t")\n';
    expect(renderMarkdown(unassigned, BASE).html).toBe('<p><a href="https://x.example/ab" title="Tt">r</a></p>\n');
    expect(controlReferenceWarning(unassigned)).toEqual({
      line: 0,
      message: 'holds "&#129;", a reference to U+0081, a control character (Windows-1252 has no character for it): every feed and page drops it; and 1 more such reference',
      fix: 'delete &#129; and the others',
    });
    // Without its semicolon, markdown-it's reading as in text: as typed.
    expect(renderMarkdown('[r](https://x.example/a&#146b)\n', BASE).html).toBe('<p><a href="https://x.example/a&amp;#146b">r</a></p>\n');
  });

  it('to an unassigned byte in a raw HTML attribute is dropped and named, as in a Markdown address, where it was published percent-encoded; not in a comment', () => {
    const body = '<a href="https://x.example/a&#129;b" title=T&#x9d>r</a> <img src="https://x.example/p&#0143;.png" alt="i"><!-- <a href="&#144;"> -->\n';
    expect(renderMarkdown(body, BASE).html).toBe('<p><a href="https://x.example/ab" title="T">r</a> <img src="https://x.example/p.png" alt="i" /></p>\n');
    expect(controlReferenceWarning(body)).toEqual({
      line: 0,
      message: 'holds "&#129;", a reference to U+0081, a control character (Windows-1252 has no character for it): every feed and page drops it; and 2 more such references',
      fix: 'delete &#129; and the others',
    });
    expect(controlReferenceWarning('<p><a href="https://x.example/">r</a></p><!-- <a href="&#144;"> -->\n')).toBeUndefined();
  });
});
