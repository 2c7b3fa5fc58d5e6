import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { trackingPixel } from '../../../lib/content/trackingPixel.js';

const BASE = 'https://news.example.com/a';
const PIXEL = '<img src="https://track.example/p.gif" width="1" height="1" alt="">';

describe('trackingPixel', () => {
  it('is an img whose width and height are both at most one pixel, read as HTML reads a dimension (§2.3.4.4)', () => {
    for (const [width, height] of [['1', '1'], ['0', '0'], ['1', '0'], ['1px', ' 1'], ['0.5', '1.0'], ['01', '1 px']]) expect(trackingPixel({ width, height }), `${width}×${height}`).toBe(true);
  });

  it('is not an image with either missing, larger, a percentage or not a number', () => {
    for (const attributes of [{ width: '1' }, { height: '1' }, { width: '1', height: '2' }, { width: '1.5', height: '1' }, { width: '1%', height: '1' }, { width: '', height: '1' }, { width: 'x', height: '1' }, {}]) {
      expect(trackingPixel(attributes), JSON.stringify(attributes)).toBe(false);
    }
  });
});

describe('a tracking pixel in a body', () => {
  it('is dropped from the output, also of 0×0 and inside a picture (its block leaves its newline), and the words around it stay', () => {
    expect(sanitizeEntryHtml(`<p>A ${PIXEL} b</p>`, BASE)).toBe('<p>A  b</p>');
    expect(sanitizeEntryHtml('<p>A <img src="https://track.example/z.gif" width="0" height="0"> b</p>', BASE)).toBe('<p>A  b</p>');
    expect(renderMarkdown(`Story.\n\n<picture><source srcset="https://track.example/p.webp">${PIXEL}</picture>\n`, BASE).html).toBe('<p>Story.</p>\n\n');
  });

  it('keeps an image that is larger, or gives one dimension alone', () => {
    expect(sanitizeEntryHtml('<p><img src="https://img.example/rule.png" width="600" height="1" alt=""></p>', BASE)).toBe('<p><img src="https://img.example/rule.png" width="600" height="1" alt="" /></p>');
    expect(sanitizeEntryHtml('<p><img src="https://img.example/a.png" width="1" alt="a"></p>', BASE)).toBe('<p><img src="https://img.example/a.png" width="1" alt="a" /></p>');
  });

  it('is named by the hidden-content warning with its image', () => {
    expect(hiddenContent(`Story.\n\n${PIXEL}\n`)?.message).toContain(`${PIXEL} the image "https://track.example/p.gif"`);
    expect(hiddenContent('Story.\n\n<img src="https://img.example/chart.png" width="600" height="400" alt="Chart">\n')).toBeUndefined();
  });
});
