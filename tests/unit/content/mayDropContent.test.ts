import { describe, expect, it } from 'vitest';
import { bodyImages } from '../../../lib/content/bodyImages.js';
import { DROPPED_WITH_CONTENT } from '../../../lib/content/htmlElementSets.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { mayDropContent } from '../../../lib/content/mayDropContent.js';
import { mergeTagImages } from '../../../lib/content/mergeTagImages.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const mayDrop = (body: string) => mayDropContent(markdown.parse(body, {}));

// The prefilter that spares a body the browser's parse (withoutDroppedElements, droppedInTokens): it must pass every
// body whose raw HTML has a start tag of an element dropped with its content, and may refuse the rest.
describe('mayDropContent', () => {
  it('passes a start tag of each element dropped by its name, in an HTML block or inline, in any case', () => {
    for (const name of [...DROPPED_WITH_CONTENT, 'dialog']) {
      expect(mayDrop(`<${name}>\n`), name).toBe(true);
      expect(mayDrop(`A <${name.toUpperCase()} x="1"> b\n`), name).toBe(true);
    }
  });

  it('passes a start tag that may hide its element: hidden, a display, or a reference parse5 decodes into either', () => {
    for (const tag of ['<div hidden>', '<span HIDDEN="">', '<div title="a>b" hidden>', "<p style='display:none'>", '<b style=display:none>', '<i style="&#100;isplay:none">', '<div title="x"\nhidden>']) {
      expect(mayDrop(`${tag}\n\nText.\n`), tag).toBe(true);
      expect(mayDrop(`Text ${tag} more.\n`), tag).toBe(true);
    }
  });

  it('passes a start tag whose style may hide with a newsletter idiom (opacity, overflow beside a zero size, font-size), and no other style', () => {
    for (const tag of ['<span style="opacity:0">', '<div style="max-height:0;overflow:hidden">', '<div style="width:0;height:0;OVERFLOW:hidden">', '<div style="font-size:0;line-height:0">', '<div style="font:0/0 a">', '<div style="font/**/:0/0 a">', '<span style="visibility:hidden">']) {
      expect(mayDrop(`${tag}\n\nText.\n`), tag).toBe(true);
      expect(mayDrop(`Text ${tag} more.\n`), tag).toBe(true);
    }
    // And refuses a style that names no property read: a size without overflow, a font but not its size, mso-hide alone.
    for (const tag of ['<div style="max-height:0;width:600px">', '<span style="font-family:Arial;color:#333">', '<td width="0" height="0">', '<div style="mso-hide:all">']) {
      expect(mayDrop(`${tag}\n\nText.\n`), tag).toBe(false);
    }
  });

  it('refuses raw HTML with neither, prose naming them, and tags in code', () => {
    expect(mayDrop('<div class="note">\n\n<p>A <b>bold</b> <a href="/x">link</a>.</p>\n\n</div>\n<table><tr><td>1</td></tr></table>\n')).toBe(false);
    expect(mayDrop('The hidden cost of display ads, a <scripts> or <svgs> tag.\n')).toBe(false);
    expect(mayDrop('Write `<div hidden>` or\n\n    <script>x</script>\n')).toBe(false);
    expect(mayDrop('A [link](https://a.example/?x=1&y=2 "hidden") in Markdown.\n')).toBe(false);
  });
});

// A browser reads an image start tag as an img (WHATWG HTML §13.2.6.4.7), which the sanitiser's parser does not.
describe('an image start tag', () => {
  const BASE = 'https://watch.example.org/';

  it('is read from the browser\'s tree, so it is published as the img it is, with the text after it', () => {
    expect(mayDrop('A <IMAGE src="a.png"> b\n')).toBe(true);
    expect(renderMarkdown('A <image src="img/a.png" alt="Logo" width="20" height="10"> and <b>more</b>.\n', BASE).html).toBe('<p>A <img src="https://watch.example.org/img/a.png" alt="Logo" width="20" height="10" /> and <b>more</b>.</p>\n');
    expect(renderMarkdown('A <image src="https://x.example/a.png?u=*|ID|*" alt="Logo"/></image> b\n', BASE).html).toBe('<p>A Logo b</p>\n');
  });

  it('is an image to check: its address is read, and its merge tag named', () => {
    expect(bodyImages('A <image src="img/a.png" alt="Logo"> b\n')).toEqual([{ address: 'img/a.png' }]);
    expect(mergeTagImages('A <image src="https://x.example/a.png?u=*|ID|*" alt="Logo"> b\n')?.message).toContain('"https://x.example/a.png?u=*|ID|*" (the tag "*|ID|*", published as its alt text "Logo")');
  });
});
