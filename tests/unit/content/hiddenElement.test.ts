import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';

// visibility:hidden and font-size:0 hide an element's text, but a descendant's own value shows its part again (each
// checked in Chromium): such an element is dropped only where nothing inside it may.
describe('hiddenElement: text hidden by an inherited property', () => {
  it('drops a preheader at visibility:hidden or font-size:0 (with or without line-height:0), in the body, the summary and check', () => {
    for (const style of ['visibility:hidden', 'font-size:0', 'font-size:0;line-height:0', 'font-size:0px; visibility:hidden']) {
      const body = `<div style="${style}">PREHEADER <b>words</b></div>\n\nThe story.\n`;
      expect(renderMarkdown(body, BASE), style).toEqual({ html: '\n<p>The story.</p>\n', firstParagraph: 'The story.' });
      expect(hiddenContent(body)?.message, style).toContain(`<div style="${style}"> the text "PREHEADER words"`);
    }
  });

  it('keeps it whole where a descendant may show its text again, or an image keeps its own size', () => {
    for (const body of [
      '<div style="visibility:hidden">Kept <span style="visibility:visible">shown</span></div>\n',
      '<div style="font-size:0">Kept <span style="font-size:14px">shown</span></div>\n',
      '<div style="font-size:0">Kept <span style="font:14px serif">shown</span></div>\n',
      '<div style="font-size:0"><img src="https://watch.example.org/chart.png" alt="Kept"></div>\n',
      '<table><tr><td style="font-size:0"><font face="Arial" size="2">Kept</font></td></tr></table>\n',
    ]) {
      expect(renderMarkdown(body, BASE).html, body).toContain('Kept');
      expect(hiddenContent(body), body).toBeUndefined();
    }
    // A descendant's style on visibility does not show what a zero font size hides, nor the other way round.
    expect(renderMarkdown('<div style="font-size:0">Gone <span style="visibility:visible">too</span></div>\n\nThe story.\n', BASE).firstParagraph).toBe('The story.');
  });
});
