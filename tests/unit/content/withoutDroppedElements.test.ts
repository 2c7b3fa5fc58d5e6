import { describe, expect, it } from 'vitest';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { withoutDroppedElements } from '../../../lib/content/withoutDroppedElements.js';

const BASE = 'https://news.example.com/a';

// Misnested HTML that a browser (WHATWG HTML §13.2) and the sanitiser's own parser end in different places: the
// output, the summary (as publish and as check read it) and the hidden-content warning must all read it as a browser.
describe('what raw HTML hides, where a browser ends it', () => {
  it('a </div> inside a table ends nothing: the paragraph after it is still inside the hidden div', () => {
    // "in table" an end tag div with no div in table scope is ignored (§13.2.6.4.9, §13.2.6.4.7), and the paragraph
    // is fostered before the table, inside the div; the div ends at the </div> after </table>.
    const body = '<div hidden><table>\n\n</div>\n\nHidden in a browser\n\n</table></div>\n\nReal commentary two.\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '\n<p>Real commentary two.</p>\n', firstParagraph: 'Real commentary two.' });
    expect(firstParagraphOf(body)).toBe('Real commentary two.');
    expect(hiddenContent(body)?.message).toContain('<div hidden> the text "Hidden in a browser"');
  });

  it('a hidden formatting element is reopened in each later block, as a browser reopens it (§13.2.4.3)', () => {
    // The b is on the list of active formatting elements after </p>: every character after it, the newlines
    // between the blocks included, goes into a copy of it, hidden as it is.
    const body = '<p><b hidden>x</p>\n\n<p>more</p>\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '', firstParagraph: '' });
    expect(firstParagraphOf(body)).toBe('');
    expect(hiddenContent(body)?.message).toContain('<b hidden> the text "more"');
  });

  it("a raw-text element's end tag in a hidden element's text ends nothing (§13.2.5.3): noembed, noframes, xmp", () => {
    for (const tag of ['noembed', 'noframes', 'xmp']) {
      const body = `<div hidden><${tag}></div>leak</${tag}></div>\n\nVisible.\n`;
      expect(renderMarkdown(body, BASE), tag).toEqual({ html: '\n<p>Visible.</p>\n', firstParagraph: 'Visible.' });
    }
  });

  it('leaves what is shown as the sanitiser alone would: a pre keeps its leading newline', () => {
    const shown = '<pre>\n\n  indented code</pre>\n<p>A <b>bold</b> word &amp; <a href="/x">a link</a>.</p>\n';
    expect(renderMarkdown(shown.replace(' word', ' word<span hidden>x</span>'), BASE)).toEqual(renderMarkdown(shown, BASE));
    expect(withoutDroppedElements('<span hidden>x</span><pre>\n\ny</pre>')).toBe('<pre>\n\ny</pre>');
  });
});
