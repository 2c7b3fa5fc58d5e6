import { describe, expect, it, vi } from 'vitest';
import { UNASSIGNED_C1_REFERENCE } from '../../../lib/content/controlReference.js';
import { controlReferenceWarning } from '../../../lib/content/controlReferenceWarning.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { bodyLineOf } from '../../support/bodyWarnings.js';
import { entry, entryText } from '../../support/content.js';

const BASE = 'https://watch.example.org/';
// The file's line (1-based) of the first line of `body` that holds `text`, as the entry file is written.
const lineOf = bodyLineOf;
const warned = (body: string) => parseEntry(entryText(entry({}), body), 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings.filter((w) => w.field === 'body');

// HTML reads a reference to U+0000 as U+FFFD (WHATWG HTML §13.2.5.80), as CommonMark does: it stands for a control
// character, which no output holds.
describe('a reference to U+0000 in a body', () => {
  it('is dropped from the text and the raw HTML, in each form; a reference to another character is kept', () => {
    expect(renderMarkdown('Rice&#0; and &#x00;wheat &#146;', BASE).html).toBe('<p>Rice and wheat \u2019</p>\n');
    expect(renderMarkdown('<p>Rice&#0; and &#X000 wheat &#010;</p>', BASE).html).toBe('<p>Rice and  wheat \n</p>');
    expect(renderMarkdown('[Rice](/a)<a href="/b?q=&#0;">&#0;wheat</a>', BASE).html).toBe('<p><a href="https://watch.example.org/a">Rice</a><a href="https://watch.example.org/b?q=">wheat</a></p>\n');
    // In code it is shown as typed.
    expect(renderMarkdown('`&#0;`', BASE).html).toBe('<p><code>&amp;#0;</code></p>\n');
  });

  it('is named by check with the fix, in text or raw HTML; not in code', () => {
    const named = (reference: string) => ({
      field: 'body',
      message: `holds "${reference}", a reference to U+0000, a control character: HTML reads it as U+FFFD (\uFFFD), and every feed and page drops it`,
      fix: `delete ${reference}`,
    });
    expect(warned('Rice&#0; prices.\n')).toEqual([{ file: 'entries/2014/a.md', line: lineOf('Rice&#0; prices.\n', 'Rice&#0;'), ...named('&#0;') }]);
    expect(warned('<p>Rice&#x0000; prices.</p>\n')).toMatchObject([named('&#x0000;')]);
    expect(warned('Write `&#0;` in code.\n\n    &#0;\n')).toEqual([]);
    expect(warned('Rice &#10; &#13; &#9; prices.\n')).toEqual([]);
  });
});

// CommonMark reads a reference to another C0 control (but tab, LF and CR) or DEL in text as U+FFFD too, and keeps one
// in a link's address as typed; HTML reads it as the control character, which no output holds (XML 1.0 §2.2).
describe('a reference to a control character in a body', () => {
  it('is dropped from the text, the raw HTML and the address and title of a link or image, with its semicolon or in HTML without; tab, LF and CR stay', () => {
    expect(renderMarkdown('Rice&#1; and &#x1B;wheat&#31;, &#127;&#12;barley &#9;&#13;&#10;', BASE).html).toBe('<p>Rice and wheat, barley \t\r\n</p>\n');
    expect(renderMarkdown('<p>Rice&#01 and &#x7f;wheat</p>', BASE).html).toBe('<p>Rice and wheat</p>');
    expect(renderMarkdown('[Rice](https://e.example/a&#0;b) ![w](/i&#x1f;.png) [x][r]\n\n[r]: /c&#2;d\n', BASE).html).toBe(
      '<p><a href="https://e.example/ab">Rice</a> <img src="https://watch.example.org/i.png" alt="w" /> <a href="https://watch.example.org/cd">x</a></p>\n',
    );
    expect(renderMarkdown('[Rice](/a "Rice&#1; prices") ![w](/i.png "A&#x1b;")\n', BASE).html).toBe('<p><a href="https://watch.example.org/a" title="Rice prices">Rice</a> <img src="https://watch.example.org/i.png" alt="w" title="A" /></p>\n');
    // An autolink shows its address as typed and links it so; Markdown reads no reference without its semicolon.
    expect(renderMarkdown('<https://e.example/a&#1;b> and &#1 typed\n', BASE).html).toBe('<p><a href="https://e.example/a&amp;#1;b">https://e.example/a&amp;#1;b</a> and &amp;#1 typed</p>\n');
  });

  it('is named by check with its code point and the fix, the first of several with their count; not where it is shown as typed', () => {
    expect(warned('Rice&#1; prices.\n')).toEqual([
      { file: 'entries/2014/a.md', line: lineOf('Rice&#1; prices.\n', 'Rice&#1;'), field: 'body', message: 'holds "&#1;", a reference to U+0001, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it', fix: 'delete &#1;' },
    ]);
    expect(warned('<p>Rice&#x1b prices &#127;.</p>\n')).toMatchObject([{ message: 'holds "&#x1b", a reference to U+001B, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it; and 1 more such reference', fix: 'delete &#x1b and the others' }]);
    expect(warned('[Rice](https://e.example/a&#0;b)\n')).toMatchObject([{ message: 'holds "&#0;", a reference to U+0000, a control character: HTML reads it as U+FFFD (\uFFFD), and every feed and page drops it' }]);
    expect(warned('Write `&#1;`, <https://e.example/a&#0;b> and &#0 as typed.\n')).toEqual([]);
  });

  // The sanitiser drops a comment whole, and the unassigned-byte rule already left comments alone.
  it('is not named inside a raw HTML comment, which no reader sees; after where HTML ends one early, it is text, dropped and named', () => {
    expect(warned('Rice <!-- &#1; --> prices.\n\n<!--\n&#x1B; and &#0;\n-->\n')).toEqual([]);
    // HTML ends a comment at `<!-->`, `<!--->` and `--!>` (WHATWG HTML §13.2.5.43–52): what follows is text.
    for (const [comment, rest] of [['<!-->', ''], ['<!--->', ''], ['<!-- note --!>', ' -->']]) {
      for (const reference of ['&#1;', '&#129;']) {
        const body = `${comment}${reference}${rest}\n\nRice.\n`;
        expect(controlReferenceWarning(body)?.message, body).toMatch(new RegExp(`^holds "${reference}", a reference to U\\+00(01|81), a control character`));
        expect(renderMarkdown(body, BASE).html, body).toBe(renderMarkdown(`${comment}${rest}\n\nRice.\n`, BASE).html);
      }
    }
  });
});

// Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D unassigned: a reference to one stands for a control character,
// any other C1 reference for a character (windows1252Reference).
describe("check's look for a reference to an unassigned C1 byte", () => {
  const UNASSIGNED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
  // Every way to write a reference to `code`: decimal or hexadecimal (x or X, digits in either case), none to two leading zeros.
  const spellings = (code: number) =>
    ['', '0', '00'].flatMap((zeros) => [`&#${zeros}${code};`, ...['x', 'X'].flatMap((x) => [`&#${x}${zeros}${code.toString(16)};`, `&#${x}${zeros}${code.toString(16).toUpperCase()};`])]);

  it('finds every spelling of the five, and none of the 27 assigned ones', () => {
    for (const code of UNASSIGNED) for (const reference of spellings(code)) expect(`a${reference}b`.match(UNASSIGNED_C1_REFERENCE), reference).toEqual([reference]);
    for (let code = 0x80; code <= 0x9f; code++) if (!UNASSIGNED.includes(code)) for (const reference of spellings(code)) expect(`a${reference}b`.match(UNASSIGNED_C1_REFERENCE), reference).toBeNull();
    // A longer number is another reference: &#1290; is U+050A, &#x810; U+0810.
    expect('&#1290; &#x810; &#x0081a;'.match(UNASSIGNED_C1_REFERENCE)).toBeNull();
  });

  it('names each spelling of the five in a link address, and parses no body whose references are all assigned ones', () => {
    for (const code of UNASSIGNED) {
      for (const reference of spellings(code)) expect(controlReferenceWarning(`[r](https://x.example/a${reference}b)\n`)?.message, reference).toContain(`"${reference}"`);
    }
    const parse = vi.spyOn(markdown, 'parse');
    try {
      expect(controlReferenceWarning('It&#146;s [a deal](https://x.example/what&#x92;s "&#150;") &#128;&#0159;\n')).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});

// In text too, a reference to one of the five stands for a C1 control character, which no output holds: CommonMark
// writes U+FFFD for it and HTML the control character. Dropped, as in an address, and named.
describe('a reference to an unassigned C1 byte in a body\'s text', () => {
  it('is dropped from the Markdown text, the raw HTML text and the summary, in each spelling; an assigned one is its character', () => {
    for (const reference of ['&#129;', '&#x8D;', '&#x8f;', '&#0144;', '&#157;']) {
      expect(renderMarkdown(`Rice${reference} prices &#146;`, BASE), reference).toEqual({ html: '<p>Rice prices \u2019</p>\n', firstParagraph: 'Rice prices \u2019' });
    }
    // HTML reads one without its semicolon too.
    expect(renderMarkdown('<p>Rice&#x9d prices &#129;</p>\n\n> Wheat&#x81;\n', BASE).html).toBe('<p>Rice prices </p>\n<blockquote>\n<p>Wheat</p>\n</blockquote>\n');
    // In code and escaped, shown as typed.
    expect(renderMarkdown('`&#129;` \\&#129;', BASE).html).toBe('<p><code>&amp;#129;</code> &amp;#129;</p>\n');
  });

  it('is named by check with its line, the reference and the fix; not in code, a comment or escaped', () => {
    const body = 'Rice prices.\n\n`&#129;` in code, <!-- &#129; --> in a comment.\n\n- Wheat\n- Barley &#x9D; and &#129;\n';
    expect(warned(body)).toEqual([
      {
        file: 'entries/2014/a.md',
        line: lineOf(body, 'Barley'),
        field: 'body',
        message: 'holds "&#x9D;", a reference to U+009D, a control character (Windows-1252 has no character for it): every feed and page drops it; and 1 more such reference',
        fix: 'delete &#x9D; and the others',
      },
    ]);
    expect(warned('<p>Rice &#144 prices.</p>\n')).toMatchObject([{ line: lineOf('<p>Rice &#144 prices.</p>\n', 'Rice'), message: expect.stringMatching(/^holds "&#144", a reference to U\+0090, /), fix: 'delete &#144' }]);
    expect(warned('`&#129;`, \\&#129; and <!-- &#x81; --> as typed.\n')).toEqual([]);
  });

  it('gives the line of a reference in a link address defined apart from its text', () => {
    const body = '[r]: https://x.example/a&#2;b\n\nRice\nand [wheat][r].\n';
    expect(warned(body)).toMatchObject([{ line: lineOf(body, '[r]:'), fix: 'delete &#2;' }]);
  });

  it('names a reference in a definition once, however many links use it; one in each of two definitions is counted', () => {
    const once = 'See [wheat][r], then [rice][r] and [barley][r].\n\n[r]: https://x.example/a&#2;b\n';
    expect(warned(once)).toMatchObject([{ line: lineOf(once, '[r]:'), message: 'holds "&#2;", a reference to U+0002, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it', fix: 'delete &#2;' }]);
    // Still dropped from every use.
    expect(renderMarkdown(once, BASE).html).toBe('<p>See <a href="https://x.example/ab">wheat</a>, then <a href="https://x.example/ab">rice</a> and <a href="https://x.example/ab">barley</a>.</p>\n');
    const two = 'See [wheat][r] and [rice][s], [wheat][r] again.\n\n[r]: https://x.example/a&#2;b\n[s]: https://x.example/c&#3;d\n';
    expect(warned(two)).toMatchObject([{ message: expect.stringMatching(/^holds "&#2;", .*; and 1 more such reference$/), fix: 'delete &#2; and the others' }]);
  });

  it('counts a link typed with its own address apart from a definition that holds the same address, before it or after', () => {
    const after = 'See [wheat][r].\n\n[r]: https://x.example/a&#2;b\n\nAlso [rice](https://x.example/a&#2;b).\n';
    expect(warned(after)).toMatchObject([{ line: lineOf(after, '[r]:'), message: expect.stringMatching(/; and 1 more such reference$/) }]);
    const before = 'Also [rice](https://x.example/a&#2;b).\n\nSee [wheat][r].\n\n[r]: https://x.example/a&#2;b\n';
    expect(warned(before)).toMatchObject([{ line: lineOf(before, 'Also'), message: expect.stringMatching(/; and 1 more such reference$/) }]);
  });
});

// A dropped reference may leave an address of a scheme the sanitiser refuses (only http, https and mailto on a link,
// http and https on an image): the link is then published as its text, the image dropped with its alt.
describe('a control reference whose drop leaves an address the sanitiser refuses', () => {
  const LINK_LOST = 'without it a link\'s address reads "javascript:alert(1)", which every feed and page refuses: the link is published as its text alone';

  it('is named with the address it leaves and what the link or image loses, in Markdown and in raw HTML', () => {
    const markdownLink = '[x](java&#129;script:alert(1))\n';
    expect(renderMarkdown(markdownLink, BASE).html).toBe('<p><a>x</a></p>\n');
    expect(controlReferenceWarning(markdownLink)).toEqual({
      line: 0,
      message: `holds "&#129;", a reference to U+0081, a control character (Windows-1252 has no character for it): every feed and page drops it; ${LINK_LOST}`,
      fix: 'delete &#129;, and write the address meant',
    });
    const rawLink = '<p><a href="java&#1;script:alert(1)">x</a></p>\n';
    expect(renderMarkdown(rawLink, BASE).html).toBe('<p><a>x</a></p>\n');
    expect(controlReferenceWarning(rawLink)?.message).toBe(`holds "&#1;", a reference to U+0001, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it; ${LINK_LOST}`);
    const image = 'A ![chart](da&#x8d;ta:image/png;base64,AA) and <img src="java&#x81;script:x" alt="B">\n';
    expect(renderMarkdown(image, BASE).html).toBe('<p>A  and </p>\n');
    expect(controlReferenceWarning(image)).toEqual({
      line: 0,
      message:
        'holds "&#x8d;", a reference to U+008D, a control character (Windows-1252 has no character for it): every feed and page drops it; and 1 more such reference; without them an image\'s address reads "data:image/png;base64,AA", which every feed and page refuses: the image is dropped with its alt text',
      fix: 'delete &#x8d; and the others, and write the address meant',
    });
  });

  it('is named as before where the address keeps its scheme or was refused anyway', () => {
    const plain = 'holds "&#129;", a reference to U+0081, a control character (Windows-1252 has no character for it): every feed and page drops it';
    expect(controlReferenceWarning('[x](https://x.example/a&#129;b) <a href="mai&#129;lto:a@x.example">m</a>\n')).toEqual({ line: 0, message: `${plain}; and 1 more such reference`, fix: 'delete &#129; and the others' });
    expect(controlReferenceWarning('<a href="javascript:&#129;alert(1)">x</a>\n')).toEqual({ line: 0, message: plain, fix: 'delete &#129;' });
  });
});
