import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';

describe('hiddenText: the text a kept element\'s styles hide', () => {
  // Each checked in Chromium: the text the element holds outside the descendant that shows its own again is not drawn.
  it('leaves out an element\'s own text where a descendant shows its own again, in the body, the summary and check', () => {
    const cases = [
      ['<div style="visibility:hidden">Gone <b>also</b> <span style="visibility:visible">Kept <i>here</i></span> gone</div>\n\nThe story.\n', 'Gone also gone'],
      ['<div style="font-size:0">Gone <span style="font-size:14px">Kept <i>here</i></span> gone</div>\n\nThe story.\n', 'Gone gone'],
      ['<div style="font-size:0">Gone <span style="font:14px serif">Kept <i>here</i></span></div>\n\nThe story.\n', 'Gone'],
      ['<div style="font:0/0 a">Gone <font size="2">Kept <i>here</i></font></div>\n\nThe story.\n', 'Gone'],
      ['<style>.pre{font-size:0} .pre .c{font-size:14px}</style><div class="pre">Gone <span class="c">Kept <i>here</i></span></div>\n\nThe story.\n', 'Gone'],
      // A Markdown paragraph inside the element and inline HTML in one are the element's text too.
      ['<div style="font-size:0">\n\nGone *also*\n\n<span style="font-size:14px">Kept <i>here</i></span></div>\n\nThe story.\n', 'Gone also'],
      ['<span style="visibility:hidden">Gone <span style="visibility:visible">Kept <i>here</i></span> gone</span>\n\nThe story.\n', 'Gone gone'],
    ] as const;
    for (const [body, gone] of cases) {
      const { html, firstParagraph } = renderMarkdown(body, BASE);
      expect(html, body).not.toMatch(/Gone|gone|also/);
      expect(html, body).toContain('Kept <i>here</i>');
      expect(firstParagraph, body).toBe('Kept here');
      expect(hiddenContent(body)?.message, body).toContain(` the text "${gone}"`);
    }
  });

  it('keeps the text of an element a rule not read may show again, as it keeps the element', () => {
    for (const body of [
      '<style>.pre{font-size:0} @media (min-width:480px){.pre{font-size:14px}}</style><div class="pre">Kept <span style="font-size:14px">here</span></div>\n',
      '<style>.pre{visibility:hidden} a:hover .pre{visibility:visible}</style><a href="https://watch.example.org/"><span class="pre">Kept <span style="visibility:visible">here</span></span></a>\n',
    ]) {
      expect(renderMarkdown(body, BASE).html, body).toContain('Kept');
      expect(hiddenContent(body), body).toBeUndefined();
    }
  });
});
