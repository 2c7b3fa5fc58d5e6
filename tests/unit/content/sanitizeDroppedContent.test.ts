import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { DROPPED_ELEMENTS, insideDropped } from '../../support/droppedElements.js';

// Each element the sanitiser removes with everything inside it (tests/support/droppedElements.ts).
const BASE = 'https://watch.example.org/';
// A Markdown body's HTML as a browser builds it: a paragraph ends before an xmp or a plaintext (§13.2.6.4.7), and
// a plaintext's text runs to the end of the body.
const MARKDOWN_HTML: Record<string, string> = { xmp: '<p>Before </p> after.\n<p>More.</p>\n', plaintext: '<p>Before </p>' };
const MARKDOWN_SUMMARY: Record<string, string> = { plaintext: 'Before' };
const leaks = (output: string, tag: string) => output.includes(`track.example.com/${tag}`) || output.includes(`${tag}-hidden-words`);

describe('sanitizeEntryHtml drops these elements with their content', () => {
  for (const tag of DROPPED_ELEMENTS) {
    it(`<${tag}>: the pixel and the text inside it, in HTML and in a Markdown body's first paragraph`, () => {
      const html = sanitizeEntryHtml(`<p>Before ${insideDropped(tag)} after.</p>`, BASE);
      expect(leaks(html, tag), html).toBe(false);
      expect(html).toBe('<p>Before  after.</p>');
      // A Markdown body: neither its HTML nor its first paragraph (the default summary) shows the content.
      const body = renderMarkdown(`Before ${insideDropped(tag)} after.\n\nMore.\n`, BASE);
      expect(body.html).toBe(MARKDOWN_HTML[tag] ?? '<p>Before  after.</p>\n<p>More.</p>\n');
      expect(body.firstParagraph).toBe(MARKDOWN_SUMMARY[tag] ?? 'Before after.');
    });
  }

  it('<embed>, which is void: the element and its URL, and the text after it stays', () => {
    const html = sanitizeEntryHtml('<p>Before <embed src="https://track.example.com/embed.swf"> after.</p>', BASE);
    expect(html).toBe('<p>Before  after.</p>');
    expect(renderMarkdown('Before <embed src="https://track.example.com/embed.swf"> after.\n', BASE).firstParagraph).toBe('Before after.');
  });

  it('nested and self-closing: the text after the outermost close, or after `<svg/>`, stays in the first paragraph', () => {
    expect(renderMarkdown('A <svg><svg><title>t</title></svg>x</svg> b <svg/> c\n', BASE).firstParagraph).toBe('A b c');
    expect(renderMarkdown('A <noscript>never closed\n', BASE).firstParagraph).toBe('A');
  });

  it('a hidden HTML element written self-closing is open (only a foreign one, svg, closes so): the body and the summary leave out the rest of the paragraph alike', () => {
    expect(renderMarkdown('Lead <span hidden/> rest.\n\nMore.\n', BASE)).toEqual({ html: '<p>Lead </p>\n<p>More.</p>\n', firstParagraph: 'Lead' });
  });
});

describe('sanitizeEntryHtml keeps a media element\'s fallback, all a feed reader can show', () => {
  for (const tag of ['video', 'audio', 'canvas']) {
    it(`<${tag}>: its download link stays, and after a self-closed <${tag} />, the rest of the commentary`, () => {
      expect(sanitizeEntryHtml(`<p>Before <${tag} src="clip"><a href="https://media.example.com/clip">Download</a></${tag}> after.</p>`, BASE))
        .toBe('<p>Before <a href="https://media.example.com/clip">Download</a> after.</p>');
      // HTML has no self-closing media element: what follows is its fallback, and a browser without it shows it.
      const body = renderMarkdown(`Opening.\n\n<${tag} src="https://media.example.com/clip" controls />\n\nWhat it shows.\n\nOur reading.\n`, BASE);
      expect(body.html).toContain('What it shows.');
      expect(body.html).toContain('Our reading.');
      expect(renderMarkdown(`<${tag} src="clip" /> What it shows.\n`, BASE).firstParagraph).toBe('What it shows.');
    });
  }
});

describe('sanitizeEntryHtml drops an element its attributes hide, with its content', () => {
  // Each start tag hides its element from a reader: a newsletter's preheader, a tracking pixel, a closed dialog.
  const HIDING = [
    '<div style="display:none;max-height:0;overflow:hidden">',
    '<span style="DISPLAY : None !important">',
    '<em style="display:block; DISPLAY:none">',
    '<strong style="display:none !important; display:inline">',
    '<div hidden>',
    '<span hidden="hidden">',
    '<dialog>',
    '<a href="https://track.example.com/click" style="display: /* a comment */ none">',
    // CSS drops a declaration with an invalid value, so the earlier none applies; escapes are decoded.
    '<span style="display:none; display: blok">',
    '<span style="d\\69splay: n\\6f ne">',
    '<span style="\\64 isplay:none">',
    // A newsletter's preheader idioms, each drawing nothing in Chromium: opacity 0, a block of no height or width
    // whose overflow is not visible.
    '<span style="opacity:0">',
    '<div style="max-height:0;overflow:hidden">',
    '<p style="width:0;height:0;overflow:hidden">',
  ];
  for (const start of HIDING) {
    const name = /^<([a-z]+)/.exec(start)![1]!;
    it(`${start}: the pixel and the text inside it, in HTML and in a Markdown body's first paragraph`, () => {
      const hidden = `${start}<img src="https://track.example.com/pixel.gif" alt="">hidden-words</${name}>`;
      expect(sanitizeEntryHtml(`Before ${hidden} after.`, BASE)).toBe('Before  after.');
      // A div ends the paragraph it is written in (as a browser parses it), so only what is dropped is asserted.
      const body = renderMarkdown(`Before ${hidden} after.\n\nMore.\n`, BASE);
      expect(leaks(body.html, 'pixel') || body.html.includes('hidden-words'), body.html).toBe(false);
      expect(body.html).toContain('after.');
      expect(body.firstParagraph).toBe('Before after.');
    });
  }

  it('a hidden image alone, and one of the same name nested in a hidden element', () => {
    expect(sanitizeEntryHtml('<p>A <img src="https://track.example.com/open.gif" width="1" height="1" style="display:none" alt=""> b</p>', BASE)).toBe('<p>A  b</p>');
    expect(renderMarkdown('A <span hidden>x <span>y</span> z</span> b\n', BASE)).toEqual({ html: '<p>A  b</p>\n', firstParagraph: 'A b' });
  });

  it('a raw HTML block hidden as a preheader is not the summary: the paragraph after it is', () => {
    const body = renderMarkdown('<div style="display:none">PREHEADER text</div>\n\nThe story.\n', BASE);
    // The HTML block's line ending stays.
    expect(body.html).toBe('\n<p>The story.</p>\n');
    expect(body.firstParagraph).toBe('The story.');
  });

  it('Markdown paragraphs inside a hidden element an HTML block opens are not the summary, until it closes', () => {
    const preheader = '<div style="display:none">\n\nPreheader: 20% off\n\n# Offer\n\n</div>\n\nThe port reopened.\n';
    const body = renderMarkdown(preheader, BASE);
    expect(body.html).not.toContain('Preheader');
    expect(body.firstParagraph).toBe('The port reopened.');
    // Closed in a block that goes on, or in a paragraph; an svg that `/>` closes hides nothing after it.
    expect(renderMarkdown('<noscript>\n\nPixel text\n\n</noscript>\n<p>After it.</p>\n', BASE).firstParagraph).toBe('After it.');
    expect(renderMarkdown('<div hidden>\n\n*Hidden* text</div> shown text.\n\nMore.\n', BASE).firstParagraph).toBe('shown text.');
    expect(renderMarkdown('<svg/>\n\nThe port reopened.\n', BASE).firstParagraph).toBe('The port reopened.');
  });

  it('reads a var() in a style through the custom properties its ancestors set, as a browser does', () => {
    // In the body, and in the summary, read from the tree a browser builds.
    const body = renderMarkdown('<div style="--h:none"><p style="display:var(--h)">Hidden by the parent</p><p>The story.</p></div>\n', BASE);
    expect(body.html).not.toContain('Hidden');
    expect(body.firstParagraph).toBe('The story.');
    // The sanitiser on its own, as its own parser reads the HTML; an ancestor's value wins over a fallback.
    expect(sanitizeEntryHtml('<div style="--h:none"><p>A <span style="display:var(--h)">hidden</span> b</p></div>', BASE)).toBe('<div><p>A  b</p></div>');
    expect(sanitizeEntryHtml('<div style="--h:block"><p>A <span style="display:var(--h, none)">shown</span> b</p></div>', BASE)).toBe('<div><p>A shown b</p></div>');
    expect(renderMarkdown('<div style="--h:block"><p style="display:var(--h, none)">Shown</p></div>\n', BASE).firstParagraph).toBe('Shown');
  });

  it('keeps what a browser shows: a display other than none declared last, visibility:hidden (a child may be visible), hidden="until-found" (found by searching the page)', () => {
    expect(sanitizeEntryHtml('<p><span style="display:none; display:block">Shown</span></p>', BASE)).toBe('<p>Shown</p>');
    expect(sanitizeEntryHtml('<p><span hidden="Until-Found">Found</span></p>', BASE)).toBe('<p>Found</p>');
    // The hidden element's own text is not drawn (checked in Chromium), its visible child's is.
    const body = renderMarkdown('A <em style="visibility:hidden">b <strong style="visibility:visible">c</strong></em> d\n', BASE);
    expect(body.html).toContain('<strong>c</strong>');
    expect(body.firstParagraph).toBe('A c d');
  });

  it('keeps a hidden element whose own style sets a display, which wins over the browser\'s [hidden] rule, in the body, the summary and check alike', () => {
    const body = renderMarkdown('<div hidden style="display:block">Shown</div>\n\n<p hidden style="display:flex">Also shown.</p>\n\n<p hidden style="display:none; display:revert">Hidden.</p>\n', BASE);
    // The hidden block's line ending stays.
    expect(body.html).toBe('<p>Shown</p>\n<p>Also shown.</p>\n\n');
    expect(body.firstParagraph).toBe('Shown');
    expect(hiddenContent('<p hidden style="display:flex">Shown.</p>\n')).toBeUndefined();
    expect(hiddenContent('<p hidden style="display:revert">Hidden.</p>\n')?.message).toContain('Hidden.');
  });

  it('keeps what only looks hidden: an open dialog, display:block, a word "hidden" in a title', () => {
    expect(sanitizeEntryHtml('<p><dialog open>Shown</dialog> <span style="display:block">Block</span> <abbr title="hidden">H</abbr></p>', BASE)).toBe('<p>Shown Block <abbr title="hidden">H</abbr></p>');
    expect(renderMarkdown('A <dialog open>shown</dialog> and <span style="display: inline-block">kept</span>\n', BASE).firstParagraph).toBe('A shown and kept');
  });
});
