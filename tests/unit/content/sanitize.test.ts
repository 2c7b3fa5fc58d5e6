import { describe, expect, it } from 'vitest';
import { footnoteIds } from '../../../lib/content/footnoteIds.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';

const BASE = 'https://watch.example.org/';
const clean = (html: string) => sanitizeEntryHtml(html, BASE);

describe('sanitizeEntryHtml removes', () => {
  it('script elements and their contents', () => {
    expect(clean('<p>a</p><script>alert(1)</script>')).toBe('<p>a</p>');
  });

  it('style elements and style attributes', () => {
    expect(clean('<style>p{color:red}</style><p style="color:red">a</p>')).toBe('<p>a</p>');
  });

  it('iframes', () => {
    expect(clean('<iframe src="https://evil.example/"></iframe><p>a</p>')).toBe('<p>a</p>');
  });

  it('on* event handlers', () => {
    expect(clean('<p onclick="x()" onmouseover="y()">a</p><img src="https://i.example/a.png" onerror="z()">')).toBe('<p>a</p><img src="https://i.example/a.png" />');
  });

  it('javascript: URLs, in any case and with whitespace tricks', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)']) {
      expect(clean(`<a href="${href}">x</a>`)).toBe('<a>x</a>');
    }
  });

  it('data: URLs on links and images', () => {
    expect(clean('<a href="data:text/html,<script>x</script>">x</a>')).toBe('<a>x</a>');
    expect(clean('<img src="data:image/png;base64,AAAA" alt="x">')).toBe('');
  });
  // WHATWG HTML §13.2.5.43–52: a comment ends at `-->` or `--!>`, and at once in `<!-->` and `<!--->`; what follows is text.
  it('comments, ended where HTML ends them, whichever parser reads the body first', () => {
    expect(clean('<p>a<!-- x --!>b-->c</p>')).toBe('<p>ab--&gt;c</p>');
    expect(clean('<p>a<!-->b-->c</p><p>d<!--->e</p>')).toBe('<p>ab--&gt;c</p><p>de</p>');
    expect(clean('<!-- x --!> <p>p</p> -->')).toBe(' <p>p</p> --&gt;');
    // `--!` then `-` is no end (comment end bang state), nor `-- >`: the comment runs to `-->`.
    expect(clean('<p>a<!-- x --!-> y -- > z -->b</p>')).toBe('<p>ab</p>');
    // Hidden content elsewhere makes parse5 read the body before the sanitiser: the same text is published.
    const body = 'a <!-- x --!> shown --> b';
    expect(renderMarkdown(body, BASE).html).toBe('<p>a  shown --&gt; b</p>\n');
    expect(renderMarkdown(`${body}\n\n<p hidden>h</p>`, BASE).html).toBe('<p>a  shown --&gt; b</p>\n');
  });
});

describe('sanitizeEntryHtml keeps', () => {
  it('ordinary formatting', () => {
    const html = '<p><strong>b</strong> <em>i</em> <code>c</code></p><blockquote><p>q</p></blockquote><ul><li>l</li></ul>';
    expect(clean(html)).toBe(html);
  });

  it('links and images with their attributes', () => {
    expect(clean('<a href="https://a.example/x" title="t">x</a>')).toBe('<a href="https://a.example/x" title="t">x</a>');
    expect(clean('<img src="https://a.example/i.png" alt="A" width="10" height="20">')).toBe('<img src="https://a.example/i.png" alt="A" width="10" height="20" />');
  });
});

describe('sanitizeEntryHtml drops what a browser shows as nothing', () => {
  it('an inline element left with no text (its only text hidden), keeping one that holds an image, a break or a space', () => {
    // The hidden span goes first (withoutDroppedElements), leaving the link around nothing: an empty link.
    expect(renderMarkdown('<p>Read <a href="/x"><span style="display:none">more</span></a>on rice.</p>', BASE).html).toBe('<p>Read on rice.</p>');
    expect(clean('<p>a<b><i></i></b>b<span lang="fr"></span>c</p>')).toBe('<p>abc</p>');
    expect(clean('<p><a href="/x"><img src="/i.png" alt="I"></a><b><br></b><em> </em></p>')).toBe('<p><a href="https://watch.example.org/x"><img src="https://watch.example.org/i.png" alt="I" /></a><b><br /></b><em> </em></p>');
    // An image shown as its alt text is text.
    expect(clean('<a href="/x"><img alt="Chart"></a>')).toBe('<a href="https://watch.example.org/x">Chart</a>');
    // A footnote's target keeps its id, which a link points to.
    const notes = footnoteIds('a');
    expect(sanitizeEntryHtml('<a id="fnref-a-1"></a>', BASE, notes)).toBe('<a id="fnref-a-1"></a>');
  });

  it('an element left with nothing but what its own hiding style or a tracking pixel dropped: the hidden part gives it no text and no image', () => {
    // The sanitiser reads the inline style itself where withoutDroppedElements has not (hidingRead false).
    expect(clean('<p>a</p><p><span style="display:none"><span>Secret</span></span></p><p><b hidden><img src="/i.png" alt="I"></b></p><p><img src="https://t.example/p.gif" width="1" height="1"></p><p>b</p>')).toBe('<p>a</p><p>b</p>');
    expect(clean('<p>a<a href="/x"><span style="display: none"><span>more</span></span></a></p>')).toBe('<p>a</p>');
  });

  it('an element left with nothing but an image the sanitiser drops for its address (data:): it gives its parent nothing, as a hidden one', () => {
    // markdown-it lets a data:image address through; the sanitiser drops the image with its alt, so the paragraph,
    // or the link around it, holds nothing a reader sees. The summary reads on to the next paragraph.
    const chart = '![Chart](data:image/png;base64,AAAA)';
    expect(renderMarkdown(chart, BASE)).toEqual({ html: '\n', firstParagraph: '' });
    expect(renderMarkdown(`Rice.\n\n${chart}\n\n[${chart}](https://a.example/)\n\nWheat.`, BASE)).toEqual({ html: '<p>Rice.</p>\n\n\n<p>Wheat.</p>\n', firstParagraph: 'Rice.' });
    expect(renderMarkdown(`${chart}\n\nWheat.`, BASE).firstParagraph).toBe('Wheat.');
    expect(clean('<p><img src="data:image/png;base64,AAAA" alt="x"></p><p><a href="/x"><img src="javascript:x()" alt="y"></a></p>')).toBe('');
    // Beside what shows, the parent stays: an image published, text.
    expect(renderMarkdown(`${chart} ![B](https://i.example/b.png)`, BASE).html).toBe('<p> <img src="https://i.example/b.png" alt="B" /></p>\n');
    expect(clean('<p><b><img src="data:image/png;base64,AAAA" alt="x"></b>a</p>')).toBe('<p>a</p>');
  });

  it('a heading or a quotation left with nothing a reader sees (a bare #, an image dropped for its address, hidden content, white space): dropped, as the Nu checker warns of an empty heading', () => {
    const chart = '![Chart](data:image/png;base64,AAAA)';
    // What is left where each block was is the line break after it.
    expect(renderMarkdown(`Rice.\n\n## ${chart}\n\n#\n\n### &nbsp;\n\n> ${chart}\n\n> > ${chart}\n>\n> > &#1;\n\nWheat.`, BASE)).toEqual({ html: '<p>Rice.</p>\n\n\n\n\n\n<p>Wheat.</p>\n', firstParagraph: 'Rice.' });
    expect(renderMarkdown(`## ${chart}\n\n> ${chart}\n\nWheat.`, BASE).firstParagraph).toBe('Wheat.');
    expect(renderMarkdown('<h2><span hidden>Preheader</span></h2><h3 style="display:none">x</h3><h4>&nbsp;<br></h4><blockquote><p><span style="display:none">x</span></p></blockquote><p>a</p>', BASE).html).toBe('<p>a</p>');
    expect(clean('<h1> </h1><h2><img src="data:image/png;base64,AAAA" alt="x"></h2><blockquote>\n<p><br></p>\n</blockquote><p>a</p>')).toBe('<p>a</p>');
    // Beside what shows, each stays: a published image, a rule. A quotation of an empty list item goes with its list.
    expect(renderMarkdown(`## ${chart} ![B](https://i.example/b.png)\n\n> -\n\n> ***`, BASE).html).toBe('<h2> <img src="https://i.example/b.png" alt="B" /></h2>\n\n<blockquote>\n<hr />\n</blockquote>\n');
  });

  it('a list whose items all go, and a figure, caption or definition list left with nothing a reader sees: each a blank gap', () => {
    const chart = '<img src="data:image/png;base64,AAAA" alt="Chart">';
    expect(renderMarkdown('Rice.\n\n<ul><li hidden>x</li><li style="display:none">y</li></ul>\n<ol>\n<li hidden>z</li>\n</ol>\n\nWheat.', BASE).html).toBe('<p>Rice.</p>\n\n\n<p>Wheat.</p>\n');
    expect(clean(`<figure>${chart}</figure><figure>${chart}<figcaption><span hidden>x</span></figcaption></figure><figure>\n<blockquote><p>${chart}</p></blockquote>\n</figure><p>a</p>`)).toBe('<p>a</p>');
    expect(clean(`<table><caption>${chart}</caption><tr><td>x</td></tr></table><dl><dt hidden>x</dt><dd hidden>y</dd></dl>`)).toBe('<table><tr><td>x</td></tr></table>');
    expect(clean('<figure><img src="https://i.example/a.png" alt="A"><figcaption>&nbsp;</figcaption></figure>')).toBe('<figure><img src="https://i.example/a.png" alt="A" /></figure>');
    // A list whose only item its image left empty goes with it. What shows keeps each: a caption's text, a definition.
    expect(clean(`<ul><li>${chart}</li></ul><figure><figcaption>Caption</figcaption></figure><dl><dt></dt><dd>x</dd></dl>`)).toBe('<figure><figcaption>Caption</figcaption></figure><dl><dt></dt><dd>x</dd></dl>');
    // A list of a break alone: the repair makes the break an item, a bullet with nothing after it, which goes with its list.
    expect(renderMarkdown('<ul><br></ul>', BASE).html).toBe('');
  });

  it('a heading dropped as empty: the ones after it are levelled against the heading kept before it, so that none skips a level', () => {
    const chart = '![Chart](data:image/png;base64,AAAA)';
    // Markdown: # A, ### (dropped), #### C, ##### D, ## E are h2, h3, h4, h5, h2 before the drop; after it, C is one below A.
    expect(renderMarkdown(`# A\n\n### ${chart}\n\n#### C\n\n##### D\n\n## E`, BASE).html).toBe('<h2>A</h2>\n\n<h3>C</h3>\n<h4>D</h4>\n<h2>E</h2>\n');
    // A first heading dropped: the next is the first, h2.
    expect(renderMarkdown('##\n\n### C', BASE).html).toBe('\n<h2>C</h2>\n');
    // One of characters of no width alone (zero width space, non-joiner, joiner, word joiner) shows nothing either.
    expect(renderMarkdown('# A\n\n### \u200b\n\n#### C\n\n### \u200c\u200d\u2060\n\n##### D', BASE).html).toBe('<h2>A</h2>\n\n<h3>C</h3>\n\n<h4>D</h4>\n');
    expect(renderMarkdown('<h1>A</h1><h3>&#8203;</h3><h4>C</h4>', BASE).html).toBe('<h2>A</h2><h3>C</h3>');
    // Raw HTML: levelled by the repair after the first pass drops the empty one.
    expect(renderMarkdown('<h1>A</h1><h3><img src="data:image/png;base64,AAAA" alt=""></h3><h4>C</h4><h5>D</h5><h3>E</h3>', BASE).html).toBe('<h2>A</h2><h3>C</h3><h4>D</h4><h3>E</h3>');
    // The sanitiser alone, on headings levelled as the repair gives them.
    expect(sanitizeEntryHtml('<h2>A</h2><h3> </h3><h4>C</h4><h3>D</h3>', BASE, undefined, { relevel: true })).toBe('<h2>A</h2><h3>C</h3><h3>D</h3>');
    expect(clean('<h2>A</h2><h3> </h3><h4>C</h4>')).toBe('<h2>A</h2><h4>C</h4>');
  });

  it('a code block of nothing, white space or a zero width space: a blank box', () => {
    expect(renderMarkdown('Rice.\n\n```\n```\n\n~~~js\n\n\n~~~\n\n```\n\u200b\n```\n\nWheat.', BASE).html).toBe('<p>Rice.</p>\n\n\n\n<p>Wheat.</p>\n');
    expect(clean('<p>a</p><pre></pre><pre>  \n</pre><pre><code></code></pre><pre><span hidden>x</span></pre><pre><br></pre>')).toBe('<p>a</p>');
    // Code shows, and so does an image in it.
    expect(clean('<pre>\n  x</pre><pre><img src="/i.png" alt="I"></pre>')).toBe('<pre>\n  x</pre><pre><img src="https://watch.example.org/i.png" alt="I" /></pre>');
  });

  it('a paragraph of white space or no-break spaces alone and a table with no cell', () => {
    expect(clean('<p>a</p><p> </p><p>&nbsp;\u3000</p><p>\u200b\u2060</p><table><tbody></tbody></table><table><tr></tr></table><p>b</p>')).toBe('<p>a</p><p>b</p>');
    // A span is unwrapped, its text kept.
    expect(clean('<p><span>Shown</span></p>')).toBe('<p>Shown</p>');
    expect(renderMarkdown('Rice.\n\n&nbsp;\n\nWheat.', BASE).html).toBe('<p>Rice.</p>\n\n<p>Wheat.</p>\n');
  });

  it('a paragraph of line breaks or of spans of white space, and a table of blank cells: each a blank gap in Chromium', () => {
    // `<p><br></p>` and `<p><span>&nbsp;</span></p>` draw the blank line `<p>&nbsp;</p>` draws; a table of empty
    // cells, of `&nbsp;` or of breaks, a blank box.
    expect(clean('<p>a</p><p><br></p><p><span>&nbsp;</span></p><p><br><br> </p><p><b><span> </span><br></b></p><p>b</p>')).toBe('<p>a</p><p>b</p>');
    expect(clean('<p>a</p><table><tr><td></td><td>&nbsp;</td></tr><tr><th><br></th></tr></table><table><tbody><tr><td><span> </span></td></tr></tbody></table>')).toBe('<p>a</p>');
    expect(renderMarkdown('Rice.\n\n<p><span>&nbsp;</span></p>\n<p><br></p>\n<table><tr><td></td><td></td></tr></table>\n\nWheat.', BASE).html).toBe('<p>Rice.</p>\n\n\n\n<p>Wheat.</p>\n');
  });

  it('a line break alone between blocks, as a Markdown body writes `<br>` on a line of its own: a blank line in Chromium', () => {
    // Each such break is an anonymous block of one empty line; the white space around it stays as written.
    expect(renderMarkdown('Rice.\n\n<br>\n\nWheat.', BASE).html).toBe('<p>Rice.</p>\n\n<p>Wheat.</p>\n');
    expect(renderMarkdown('<br>\n<br>\n\nRice.\n\n<br>', BASE).html).toBe('\n\n<p>Rice.</p>\n');
    expect(renderMarkdown('> Rice.\n>\n> <br>\n>\n> Wheat.\n\n- a\n\n  <br>\n\n  b', BASE).html).toBe('<blockquote>\n<p>Rice.</p>\n\n<p>Wheat.</p>\n</blockquote>\n<ul>\n<li>\n<p>a</p>\n\n<p>b</p>\n</li>\n</ul>\n');
    expect(renderMarkdown('<table><tr><td><p>a</p><br><p>b</p></td></tr></table>', BASE).html).toBe('<table><tbody><tr><td><p>a</p><p>b</p></td></tr></tbody></table>');
  });

  it('but keeps a break beside text or an image between blocks, and one where its parent holds no block (a cell of a break keeps its row a line high)', () => {
    expect(renderMarkdown('<p>a</p>text<br><p>b</p><br>text<p>c</p><img src="/i.png" alt="I"><br><p>d</p>', BASE).html).toBe('<p>a</p>text<br /><p>b</p><br />text<p>c</p><img src="https://watch.example.org/i.png" alt="I" /><br /><p>d</p>');
    expect(renderMarkdown('<table><tr><td>a</td></tr><tr><td><br></td></tr></table>', BASE).html).toBe('<table><tbody><tr><td>a</td></tr><tr><td><br /></td></tr></tbody></table>');
  });

  it('a list item with nothing after its bullet or number: a bullet alone, a number counted for nothing', () => {
    // Empty, of white space, a break, a zero width space, or of what the sanitiser drops; a numbered list's later items
    // keep their numbers (listNumbering). One holding a rule or an image shows.
    expect(clean('<ul><li></li><li>a</li><li> <br></li></ul><ol><li>one</li><li>\u200b</li><li>three</li><li><img src="data:image/png;base64,AAAA" alt="x"></li></ol>')).toBe('<ul><li>a</li></ul><ol><li>one</li><li value="3">three</li></ol>');
    expect(renderMarkdown('- a\n-\n- ![x](data:image/png;base64,AAAA)\n- ***\n- ![b](https://i.example/b.png)\n', BASE).html).toBe('<ul>\n<li>a</li>\n\n\n<li>\n<hr />\n</li>\n<li><img src="https://i.example/b.png" alt="b" /></li>\n</ul>\n');
    // A list left without items goes; in a table's cell, so does a table of cells left blank.
    expect(clean('<p>a</p><ul><li></li></ul><table><tr><td><ol><li></li><li></li></ol></td></tr></table>')).toBe('<p>a</p>');
  });

  it('but keeps what shows: a break after text, an image, a row of blank cells in a table of text', () => {
    expect(clean('<p>a<br></p><p><img src="/i.png" alt="I"><br></p>')).toBe('<p>a<br /></p><p><img src="https://watch.example.org/i.png" alt="I" /><br /></p>');
    expect(clean('<table><tr><td>a</td><td></td></tr><tr><td></td><td></td></tr></table><table><caption>C</caption><tr><td></td></tr></table>')).toBe('<table><tr><td>a</td><td></td></tr><tr><td></td><td></td></tr></table><table><caption>C</caption><tr><td></td></tr></table>');
    // A span's text is its parent's: a link around a space keeps it, which parts two words; unwrapped, so is its text.
    expect(clean('<p>w<a href="/x"><span> </span></a>w <b><span>Hi</span></b><i><span><img src="/i.png" alt="I"></span></i></p>')).toBe('<p>w<a href="https://watch.example.org/x"> </a>w <b>Hi</b><i><img src="https://watch.example.org/i.png" alt="I" /></i></p>');
  });
});

describe('relative URLs', () => {
  it('become absolute against the site url', () => {
    expect(clean('<a href="/tags/trade/">t</a>')).toBe('<a href="https://watch.example.org/tags/trade/">t</a>');
    expect(clean('<img src="images/a.png" alt="a">')).toBe('<img src="https://watch.example.org/images/a.png" alt="a" />');
  });

  it('a link to a place in the commentary keeps its text, not the link: no id is kept for it to reach', () => {
    expect(clean('<p>Exports fell.<sup><a href="#fn1" id="ref1">1</a></sup></p><ol><li id="fn1">Customs data.</li></ol>')).toBe('<p>Exports fell.<sup><a>1</a></sup></p><ol><li>Customs data.</li></ol>');
    expect(renderMarkdown('See [the notes](#notes) and [the archive](/digests/#2014).', BASE).html).toBe('<p>See <a>the notes</a> and <a href="https://watch.example.org/digests/#2014">the archive</a>.</p>\n');
  });

  it('in Markdown too', () => {
    expect(renderMarkdown('See [the archive](/digests/) and ![map](map.png).', BASE).html).toBe(
      '<p>See <a href="https://watch.example.org/digests/">the archive</a> and <img src="https://watch.example.org/map.png" alt="map" />.</p>\n',
    );
  });
});

describe('renderMarkdown', () => {
  it('sanitises raw HTML inside Markdown', () => {
    expect(renderMarkdown('Hello <script>alert(1)</script> **world**', BASE).html).toBe('<p>Hello  <strong>world</strong></p>\n');
  });

  it('gives the first paragraph as plain text for the default summary', () => {
    const body = '# Heading\n\nFirst *paragraph* with `code`\nand a [link](https://a.example/) & more.\n\nSecond.';
    expect(renderMarkdown(body, BASE).firstParagraph).toBe('First paragraph with code and a link & more.');
  });
});

describe('sanitizeEntryHtml writes each link and image URL as an RFC 3986 URI the Nu checker accepts', () => {
  it('percent-encodes | ^ [ ] and a bare %, and a second # (WHATWG URL leaves them as typed)', () => {
    expect(clean('<a href="https://a.example/a|b[c]^d">x</a>')).toBe('<a href="https://a.example/a%7Cb%5Bc%5D%5Ed">x</a>');
    expect(clean('<a href="https://a.example/a%zz?q=%">x</a>')).toBe('<a href="https://a.example/a%25zz?q=%25">x</a>');
    expect(clean('<a href="https://a.example/#a#b">x</a>')).toBe('<a href="https://a.example/#a%23b">x</a>');
    expect(clean('<img src="https://a.example/a|b.png" alt="" />')).toBe('<img src="https://a.example/a%7Cb.png" alt="" />');
  });

  it('drops a user name and password, which HTML does not allow in a URL and would publish', () => {
    expect(clean('<a href="https://user:secret@a.example/p">x</a>')).toBe('<a href="https://a.example/p">x</a>');
    expect(clean('<img src="https://user@a.example/i.png" alt="" />')).toBe('<img src="https://a.example/i.png" alt="" />');
  });

  it('a mailto: URL too, and a relative link once made absolute', () => {
    expect(clean('<a href="mailto:desk@a.example?subject=50%off">x</a>')).toBe('<a href="mailto:desk@a.example?subject=50%25off">x</a>');
    expect(clean('<a href="/about|us">x</a>')).toBe('<a href="https://watch.example.org/about%7Cus">x</a>');
  });

  it('keeps a URL that is already valid as the WHATWG parser writes it, and still drops a scheme it refuses', () => {
    expect(clean('<a href="https://a.example/a?b=1&amp;c=%20#top">x</a>')).toBe('<a href="https://a.example/a?b=1&amp;c=%20#top">x</a>');
    expect(clean('<a href="javascript:alert(1)|x">x</a>')).toBe('<a>x</a>');
  });
});

describe('sanitizeEntryHtml keeps the language and direction of a part (WCAG 3.1.2)', () => {
  it('keeps lang as its canonical registered tag, and dir when it is ltr, rtl or auto', () => {
    // A phrase in another language is an <i lang> (HTML §4.5.22), or a <span lang> (below).
    expect(clean('<p lang="ko">편집자 논평</p><p>English with a <i lang="KO" dir="ltr">한국어</i> word.</p>')).toBe('<p lang="ko">편집자 논평</p><p>English with a <i lang="ko" dir="ltr">한국어</i> word.</p>');
    expect(clean('<blockquote dir="rtl" lang="ar-eg">نص</blockquote>')).toBe('<blockquote dir="rtl" lang="ar-EG">نص</blockquote>');
  });

  it("writes a grandfathered tag or an extended language subtag as the registry's Preferred-Value (RFC 5646 §4.5)", () => {
    // i-klingon: Preferred-Value tlh; zh-yue: the extlang yue (Prefix zh), itself a language, with its region kept.
    expect(clean('<p lang="i-klingon">Qapla</p><p lang="zh-yue">廣東話</p><p lang="ZH-YUE-hk">香港</p>')).toBe('<p lang="tlh">Qapla</p><p lang="yue">廣東話</p><p lang="yue-HK">香港</p>');
    // yue written so is the same registered language; i-default has no Preferred-Value, and fr-eng is no registered pair.
    expect(clean('<p lang="yue">a</p><p lang="i-default">b</p><p lang="fr-eng">c</p>')).toBe('<p lang="yue">a</p><p>b</p><p>c</p>');
  });

  it('drops a lang that names no registered language and a dir of another value, which validators refuse', () => {
    expect(clean('<p lang="english" dir="sideways">a</p><p lang="zz">b</p><p lang="">c</p>')).toBe('<p>a</p><p>b</p><p>c</p>');
  });

  it('leaves text that reads like the attribute as text', () => {
    expect(clean('<p>Write lang="english" in HTML.</p>')).toBe('<p>Write lang="english" in HTML.</p>');
  });

  it('keeps a span only with a lang it keeps or a dir of ltr, rtl or auto, and a bdi always; any other span is unwrapped', () => {
    expect(clean('<p>The term <span lang="KO">장마당</span> means market.</p>')).toBe('<p>The term <span lang="ko">장마당</span> means market.</p>');
    expect(clean('<p dir="rtl" lang="ar">مرحبا <bdi lang="ar">اسم</bdi> <span dir="LTR">ABC-123</span> <bdi>x</bdi></p>')).toBe('<p dir="rtl" lang="ar">مرحبا <bdi lang="ar">اسم</bdi> <span dir="ltr">ABC-123</span> <bdi>x</bdi></p>');
    // Nested, so each close must end its own span; a hidden span goes with its content.
    expect(clean('<p><span>a <span lang="zz">b</span> <span lang="fr">c <span class="x">d</span></span></span> <span hidden>e</span> <abbr title="t">f</abbr></p>')).toBe('<p>a b <span lang="fr">c d</span>  <abbr title="t">f</abbr></p>');
  });

  it('in a body, a div of another language gives its lang and dir to the blocks it makes way for (a div is never published)', () => {
    expect(renderMarkdown('<div lang="ko" dir="ltr"><p>장마당</p><p lang="en">Market</p>시장</div>\n', BASE).html).toBe('<p lang="ko" dir="ltr">장마당</p><p lang="en" dir="ltr">Market</p><p lang="ko" dir="ltr">시장</p>\n');
    expect(renderMarkdown('<div lang="ko">장마당</div>\n', BASE).html).toBe('<p lang="ko">장마당</p>\n');
  });
});
