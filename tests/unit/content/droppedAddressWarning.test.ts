import { describe, expect, it, vi } from 'vitest';
import { droppedAddressWarning } from '../../../lib/content/droppedAddressWarning.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { bodyLineOf, bodyWarnings } from '../../support/bodyWarnings.js';

const CHART = '![Chart](data:image/png;base64,AAAA)';
const lineOf = bodyLineOf;
// The body's warnings of this kind (a heading left empty, say, has its own).
const warned = (body: string) => bodyWarnings(body, /^an? (image|link)'s address is not/);
const IMAGE = {
  message: "an image's address is not an http or https URL (such as data:, or one that cannot be read), so every feed and page drops the image, and its alt text with it",
  fix: 'upload the image to a web host and give its http or https address, or delete it',
};
const LINK = {
  message: "a link's address is not an http, https or mailto URL (such as javascript:, or one that cannot be read), so every feed and page drops the link and shows its text alone",
  fix: 'give the link an http or https address, or delete it',
};

// Every feed and page drops an image whose address is not http(s), and a link's address that is not http(s) or mailto
// (sanitizeEntryHtml): check names the line of the first, as the body is written, and counts the others.
describe('check on the images and links whose address every output drops', () => {
  it('names the first one\'s line and counts the others: a data: image, in Markdown, by reference and in raw HTML; a javascript: or tel: link', () => {
    const body = `Rice.\n\nWheat ${CHART} prices.\n\n![Map][map]\n\n[map]: <data:image/gif;base64,R0lGOD>\n\nSee <a href="javascript:void(0)">the table</a>,\n<img src="java&#115;cript:x" alt="x"> and [call](tel:+82-2-0000).\n`;
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, 'Wheat'), field: 'body', message: `${IMAGE.message}; and 4 more images or links so`, fix: IMAGE.fix }]);
    // The published output holds none of them: the images are gone, the links are their text.
    const { html } = renderMarkdown(body, 'https://watch.example.org/');
    expect(html).not.toMatch(/<img|href=|Chart|Map/);
    const linked = 'Rice.\n\n<p>See\n<a href="javascript:void(0)">the table</a></p>\n';
    expect(warned(linked)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(linked, '<a href'), field: 'body', ...LINK }]);
    // An address no URL parser reads, and an ftp:// address linkify makes a link of.
    const unread = 'Rice.\n\nWheat ![x](https://exa%zzmple.org/c.png).\n';
    expect(warned(unread)).toMatchObject([{ line: lineOf(unread, 'Wheat'), ...IMAGE }]);
    expect(warned('Rice at ftp://ftp.example.org/rice.csv\n')).toMatchObject([LINK]);
  });

  // The line's mark goes into the start tag, not into a tag-like text in its quoted alt (markBlockLines).
  it('names a raw HTML image whose alt holds a tag-like text', () => {
    const body = 'Rice.\n\n<p><img alt="<a>" src="data:image/png;base64,AAAA"></p>\n';
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, '<img'), field: 'body', ...IMAGE }]);
  });

  it('names none that is published, hidden, or in a heading or quotation left empty (that warning names them)', () => {
    expect(warned('[a](https://a.example/) ![b](/b.png) [m](mailto:desk@a.example) <a href="#x">c</a> <img src="data:image/png;base64,AAAA" srcset="https://a.example/c.png 1x" alt="c">\n')).toEqual([]);
    expect(warned(`<div hidden><img src="data:image/png;base64,AAAA"></div>\n\nRice.\n`)).toEqual([]);
    // The sanitiser alone, which judges the inline styles itself where the render has not read them.
    const told: string[] = [];
    sanitizeEntryHtml('<div hidden><img src="data:image/png;base64,AAAA"></div><p style="display:none"><a href="javascript:x">a</a></p><p><a href="tel:1">t</a></p>', 'https://watch.example.org/', undefined, { refused: (tag) => told.push(tag) });
    expect(told).toEqual(['a']);
    expect(warned(`## ${CHART}\n\n> ${CHART}\n\nRice.\n`)).toEqual([]);
    // Markdown leaves a javascript: link as typed: readers see its text, brackets and address.
    expect(warned('Rice [x](javascript:alert(1)).\n')).toEqual([]);
  });

  it('parses no body whose addresses are all http(s) or relative', () => {
    const parse = vi.spyOn(markdown, 'parse');
    try {
      expect(droppedAddressWarning('## Rice\n\n[a](https://a.example/x_(y)) ![b](b.png) <https://c.example/>\n\n[d]: https://d.example/\n\n<a href="https://e.example/?a=1&amp;b=2"><img src=\'/f.png\' srcset="g.png 2x, https://h.example/h.png 3x"></a> Note: ok.\n')).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  // The look is a quick one (markers found by indexOf, most addresses read without a parse: refusedAddress): it must
  // still find every body the render would warn of, which each generated body is rendered to learn.
  it('warns of a body exactly when its render drops an address, over many generated bodies', () => {
    const ADDRESSES = ['https://a.example/x', 'HTTPS://A.example', 'http://xn--p1ai/', 'https://127.1/', 'https://a.example:99999/', '//b.example/', '/c.png', 'd.png', '#n', 'data:image/png;base64,AA', 'javascript:x', 'mailto:a@b.example', 'tel:1', 'ftp://f.example/', 'FtP://f', 'FTP://g.example/', 'java&#115;cript:x', 'a&amp;b', 'https://a.example/?a=1&amp;b=2', 'https://exa%zzmple.org/', '<data:x>', 'x\\:y', ''];
    const FORMS = [(a: string) => `[a](${a})`, (a: string) => `![a](${a})`, (a: string) => `[a]\n\n[a]: ${a}`, (a: string) => `<${a}>`, (a: string) => `<a href="${a}">a</a>`, (a: string) => `<img src='${a}' alt="i">`, (a: string) => `<img srcset="${a} 2x, /e.png">`, (a: string) => `see ${a} now`, (a: string) => `]: ${a}`, (a: string) => `](${a}`, () => 'x]:\n\n'];
    let state = 46;
    const pick = <T>(items: readonly T[]): T => items[((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) >>> 8) % items.length]!;
    const differing: string[] = [];
    let warnedOf = 0;
    // A `]:` with no address before a reference definition's, and ftp: in capitals, then the generated ones.
    const bodies = ['Rice]:\n\n![m][m]\n\n[m]: data:image/png;base64,AA\n', 'Rice at FTP://g.example/rice.csv\n'];
    for (let n = 0; n < 200; n++) bodies.push(`Rice ${pick(FORMS)(pick(ADDRESSES))} and ${pick(FORMS)(pick(ADDRESSES))}.\n`);
    for (const body of bodies) {
      const refused: { tag: string }[] = [];
      renderMarkdown(body, 'https://watch.example.org/', undefined, undefined, refused);
      const warning = droppedAddressWarning(body, 'https://watch.example.org/');
      if ((warning !== undefined) !== (refused.length > 0)) differing.push(body);
      if (warning !== undefined) warnedOf++;
    }
    expect(differing).toEqual([]);
    expect(warnedOf).toBeGreaterThan(40);
    expect(warnedOf).toBeLessThan(180);
  });
});
