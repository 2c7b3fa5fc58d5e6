import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { entry, entryText } from '../../support/content.js';

const BASE = 'https://watch.example.org/';
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
    expect(warned('Rice&#0; prices.\n')).toEqual([{ file: 'entries/2014/a.md', ...named('&#0;') }]);
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
      { file: 'entries/2014/a.md', field: 'body', message: 'holds "&#1;", a reference to U+0001, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it', fix: 'delete &#1;' },
    ]);
    expect(warned('<p>Rice&#x1b prices &#127;.</p>\n')).toMatchObject([{ message: 'holds "&#x1b", a reference to U+001B, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it; and 1 more such reference', fix: 'delete &#x1b and the others' }]);
    expect(warned('[Rice](https://e.example/a&#0;b)\n')).toMatchObject([{ message: 'holds "&#0;", a reference to U+0000, a control character: HTML reads it as U+FFFD (\uFFFD), and every feed and page drops it' }]);
    expect(warned('Write `&#1;`, <https://e.example/a&#0;b> and &#0 as typed.\n')).toEqual([]);
  });
});
