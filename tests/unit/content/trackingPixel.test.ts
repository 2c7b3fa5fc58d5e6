import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { htmlStandInText } from '../../../lib/content/htmlParagraphText.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { customPropertiesPassedDown, NO_CUSTOM_PROPERTIES } from '../../../lib/content/styleHides.js';
import { trackingPixel } from '../../../lib/content/trackingPixel.js';

const BASE = 'https://news.example.com/a';
const PIXEL = '<img src="https://track.example/p.gif" width="1" height="1" alt="">';

describe('trackingPixel', () => {
  it('is an img whose width and height are both at most one pixel, read as HTML reads a dimension (§2.3.4.4)', () => {
    for (const [width, height] of [['1', '1'], ['0', '0'], ['1', '0'], ['1px', ' 1'], ['0.5', '1.0'], ['01', '1 px']]) expect(trackingPixel({ width, height }), `${width}×${height}`).toBe(true);
  });

  it('is an img with one side at most one pixel and the other left to follow it (missing, empty, not a number)', () => {
    for (const attributes of [{ width: '1' }, { height: '1' }, { width: '', height: '1' }, { width: 'x', height: '0' }]) {
      expect(trackingPixel(attributes), JSON.stringify(attributes)).toBe(true);
    }
  });

  it('is not an image with a side larger than a pixel, a percentage, or no size at all', () => {
    for (const attributes of [{ width: '1', height: '2' }, { width: '1.5', height: '1' }, { width: '1%', height: '1' }, { width: '600', height: '1' }, { width: '2' }, { width: 'x' }, {}]) {
      expect(trackingPixel(attributes), JSON.stringify(attributes)).toBe(false);
    }
  });

  it('reads the inline style, which wins over the attributes: a size in px (or 0) of at most one pixel, the last valid or !important one', () => {
    for (const style of ['width:1px;height:1px;border:0', 'WIDTH: 0.5PX; height: 0', 'width:1px', 'height:1px; width:auto', 'w\\69dth: 1px; height: 1px', 'width:1px; height:1px !important; height:300px', 'width:1px; height:1px; height:-5px']) {
      expect(trackingPixel({ style }), style).toBe(true);
    }
    expect(trackingPixel({ width: '600', height: '400', style: 'width:1px; height:1px' })).toBe(true);
    expect(trackingPixel({ width: '1', height: '1', style: 'width:600px; height:400px' })).toBe(false);
  });

  it('is not an image the style sizes larger, or in %, em or calc(), which it does not read', () => {
    for (const style of ['width:1.5px; height:1px', 'width:1px; height:2px', 'width:1%; height:1px', 'width:1em; height:1px', 'width:calc(1px); height:1px', 'width:1px; height:1px; width:2px', 'color:red', 'width:auto']) {
      expect(trackingPixel({ style }), style).toBe(false);
    }
    expect(trackingPixel({ width: '1', height: '1', style: 'height: 10%' })).toBe(false);
  });

  it('drops a declaration with a hack\'s !ie, as a browser does, so the attribute or an earlier width applies', () => {
    expect(trackingPixel({ width: '1', height: '1', style: 'width:40px !ie' })).toBe(true);
    expect(trackingPixel({ width: '40', height: '1', style: 'width: 1px; width: 40px !ie' })).toBe(true);
    expect(trackingPixel({ width: '40', height: '1', style: 'width:1px !ie' })).toBe(false);
  });

  it('reads a width through var() the HTML does not settle as a length it does not read, over the attribute: such an image is kept', () => {
    expect(trackingPixel({ width: '1', height: '1', style: '--w:40px; width:var(--w)' })).toBe(false);
    expect(trackingPixel({ width: '1', height: '1', style: 'width:var(--unset)' })).toBe(false);
    // A property the body does not set may be set by the page around it: its fallback is not taken for certain.
    expect(trackingPixel({ width: '40', height: '1', style: 'width:var(--unset, 1px)' })).toBe(false);
    expect(trackingPixel({ width: '1', height: '1', style: '--w:env(safe-area-inset-left); width:var(--w)' })).toBe(false);
    // Unbalanced, so dropped: the attributes apply.
    expect(trackingPixel({ width: '1', height: '1', style: 'width:var(--a,})' })).toBe(true);
  });
});

describe('trackingPixel in a picture', () => {
  const img = { src: 'https://img.example/big.jpg', width: '1', height: '1' };

  it('is not an img a source of its picture sizes larger, which a browser draws at the source\'s width and height (§4.8.4.4)', () => {
    expect(trackingPixel(img, [{ srcset: 'https://img.example/big.webp', width: '600', height: '400' }])).toBe(false);
    expect(trackingPixel(img, [{ srcset: 'https://img.example/big.webp', width: '600' }])).toBe(false);
    // A source with a media query may be the one selected.
    expect(trackingPixel(img, [{ srcset: 'https://img.example/big.webp', media: '(min-width: 40em)', width: '600', height: '400' }])).toBe(false);
  });

  it('is an img drawn 1×1 whichever source is selected: one without a size, without a srcset, after one always selected, or the img\'s style', () => {
    expect(trackingPixel(img, [{ srcset: 'https://track.example/p.webp' }])).toBe(true);
    expect(trackingPixel(img, [{ width: '600', height: '400' }])).toBe(true);
    expect(trackingPixel(img, [{ srcset: 'https://track.example/p.webp', width: '1', height: '1' }, { srcset: 'https://img.example/big.webp', width: '600', height: '400' }])).toBe(true);
    expect(trackingPixel({ ...img, style: 'width:1px; height:1px' }, [{ srcset: 'https://img.example/big.webp', width: '600', height: '400' }])).toBe(true);
  });
});

describe('a tracking pixel in a body', () => {
  it('is dropped from the output, also of 0×0 and inside a picture (its block leaves its newline), and the words around it stay', () => {
    expect(sanitizeEntryHtml(`<p>A ${PIXEL} b</p>`, BASE)).toBe('<p>A  b</p>');
    expect(sanitizeEntryHtml('<p>A <img src="https://track.example/z.gif" width="0" height="0"> b</p>', BASE)).toBe('<p>A  b</p>');
    expect(renderMarkdown(`Story.\n\n<picture><source srcset="https://track.example/p.webp">${PIXEL}</picture>\n`, BASE).html).toBe('<p>Story.</p>\n\n');
  });

  it('is dropped when its style sizes it, or one dimension alone is at most a pixel, and the hidden-content warning names it', () => {
    const styled = '<img src="https://track.example/px.gif" style="width:1px;height:1px;border:0" alt="">';
    expect(sanitizeEntryHtml(`<p>A ${styled} b</p>`, BASE)).toBe('<p>A  b</p>');
    expect(sanitizeEntryHtml('<p>A <img src="https://track.example/w.gif" width="1"> b</p>', BASE)).toBe('<p>A  b</p>');
    expect(hiddenContent(`Story.\n\n${styled}\n`)?.message).toContain('the image "https://track.example/px.gif"');
  });

  it('keeps an img in a picture whose source sizes it larger, without the 1×1 of its fallback, and no warning or summary passes it over', () => {
    const picture = '<picture><source srcset="https://img.example/big.webp" width="600" height="400"><img src="https://img.example/big.jpg" width="1" height="1" alt="Harbour chart"></picture>';
    expect(renderMarkdown(`Story.\n\n${picture}\n`, BASE).html).toBe('<p>Story.</p>\n<p><img src="https://img.example/big.webp" alt="Harbour chart" /></p>\n');
    expect(hiddenContent(`Story.\n\n${picture}\n`)).toBeUndefined();
    expect(htmlStandInText(picture)).toBe('Harbour chart');
  });

  it('publishes a kept image at the size its style draws it (40×1), which a second reading keeps', () => {
    const line = '<img src="https://img.example/line.png" width="1" height="1" style="width:40px" alt="">';
    expect(renderMarkdown(`Story.\n\n<p>A ${line} b</p>\n`, BASE).html).toBe('<p>Story.</p>\n<p>A <img src="https://img.example/line.png" width="40" height="1" alt="" /> b</p>\n');
  });

  it('keeps an image that is larger in one direction (a rule)', () => {
    expect(sanitizeEntryHtml('<p><img src="https://img.example/rule.png" width="600" height="1" alt=""></p>', BASE)).toBe('<p><img src="https://img.example/rule.png" width="600" height="1" alt="" /></p>');
  });

  it('is named by the hidden-content warning with its image', () => {
    expect(hiddenContent(`Story.\n\n${PIXEL}\n`)?.message).toContain(`${PIXEL} the image "https://track.example/p.gif"`);
    expect(hiddenContent('Story.\n\n<img src="https://img.example/chart.png" width="600" height="400" alt="Chart">\n')).toBeUndefined();
  });
});

describe('an img a <style> element\'s rule sizes', () => {
  const body = (rules: string, img: string) => `Story.\n\n<style>${rules}</style>\n\n<p>A ${img} b</p>\n`;

  it('reads the rules with the inline style in cascade order: a rule over the attributes, the inline style over a rule, !important over both', () => {
    expect(trackingPixel({}, [], ['width:1px; height:1px', undefined])).toBe(true);
    expect(trackingPixel({ width: '1', height: '1' }, [], ['width:40px'])).toBe(false);
    expect(trackingPixel({ width: '1', height: '1' }, [], ['width:40px', 'width:1px'])).toBe(true);
    expect(trackingPixel({ width: '1', height: '1' }, [], ['width:40px !important', 'width:1px'])).toBe(false);
  });

  it('is a tracking pixel where the rule draws it 1×1: dropped, and the hidden-content warning names it', () => {
    const pixel = body('img.t{width:1px;height:1px}', '<img class="t" src="https://track.example/p.gif" alt="">');
    expect(renderMarkdown(pixel, BASE).html).toBe('<p>Story.</p>\n\n<p>A  b</p>\n');
    expect(hiddenContent(pixel)?.message).toContain('<img class="t" src="https://track.example/p.gif" alt=""> the image "https://track.example/p.gif"');
    // The inline style wins over a rule that is not !important.
    expect(renderMarkdown(body('img.t{width:40px}', '<img class="t" src="https://track.example/p.gif" width="1" height="1" style="width:1px" alt="">'), BASE).html).toBe('<p>Story.</p>\n\n<p>A  b</p>\n');
  });

  it('is kept and published at the size the rule draws it where the rule sizes a 1×1 img larger, with no warning', () => {
    const line = body('img.wide{width:40px !important}', '<img class="wide" src="https://img.example/line.png" width="1" height="1" style="width:1px" alt="">');
    expect(renderMarkdown(line, BASE).html).toBe('<p>Story.</p>\n\n<p>A <img src="https://img.example/line.png" width="40" height="1" alt="" /> b</p>\n');
    expect(hiddenContent(line)).toBeUndefined();
  });

  it('has its size written only once every element is judged: a rule matching on the img\'s style still hides what follows it', () => {
    const html = renderMarkdown(body('img[style] + span{display:none}', '<img style="width:40px" src="https://img.example/line.png" alt=""><span>HIDDEN</span>'), BASE).html;
    expect(html).toBe('<p>Story.</p>\n\n<p>A <img src="https://img.example/line.png" alt="" width="40" /> b</p>\n');
  });

  it('is kept at its own size where a rule not read (a media query\'s) may size it otherwise; an img its attributes draw 1×1 is still dropped', () => {
    const chart = body('img.t{width:1px;height:1px} @media (min-width:600px){img.t{width:300px;height:200px}}', '<img class="t" src="https://img.example/chart.png" alt="Chart">');
    expect(renderMarkdown(chart, BASE).html).toBe('<p>Story.</p>\n\n<p>A <img src="https://img.example/chart.png" alt="Chart" /> b</p>\n');
    expect(hiddenContent(chart)).toBeUndefined();
    const pixel = body('@media (max-width:600px){img{width:100% !important}}', PIXEL);
    expect(renderMarkdown(pixel, BASE).html).toBe('<p>Story.</p>\n\n<p>A  b</p>\n');
  });
});

describe('an img sized through var()', () => {
  it('takes the custom property its own style sets, or one an ancestor sets (CSS Variables §3)', () => {
    expect(trackingPixel({ width: '1', height: '1', style: '--w:1px; width:var(--w)' })).toBe(true);
    expect(trackingPixel({ width: '40', height: '1', style: '--w:1px; width:var(--w, 40px)' })).toBe(true);
    const inherited = customPropertiesPassedDown('--s: 0.5px', NO_CUSTOM_PROPERTIES);
    expect(trackingPixel({ style: 'width:var(--s); height:var(--s)' }, [], undefined, inherited)).toBe(true);
    expect(trackingPixel({ style: 'width:var(--s); height:var(--s)' }, [], undefined, NO_CUSTOM_PROPERTIES)).toBe(false);
  });

  it('is dropped where that draws it 1×1, set in its style, an ancestor\'s or a <style> rule\'s, and check names it', () => {
    const own = `<p>A <img src="https://track.example/v.gif" width="1" height="1" style="--w:1px;width:var(--w)" alt=""> b</p>\n`;
    expect(renderMarkdown(own, BASE).html).toBe('<p>A  b</p>\n');
    expect(hiddenContent(own)?.message).toContain('the image "https://track.example/v.gif"');
    const img = '<img src="https://track.example/v.gif" style="width:var(--s);height:var(--s)" alt="">';
    expect(renderMarkdown(`<div style="--s:1px"><p>A ${img} b</p></div>\n`, BASE).html).toBe('<p>A  b</p>\n');
    expect(renderMarkdown(`<style>.wrap{--s:1px}</style>\n\n<div class="wrap"><p>A ${img} b</p></div>\n`, BASE).html).toBe('\n<p>A  b</p>\n');
  });

  it('is published at the size that draws it where it is larger', () => {
    const line = '<p>A <img src="https://img.example/line.png" width="1" height="1" style="--w:40px;width:var(--w)" alt=""> b</p>\n';
    expect(renderMarkdown(line, BASE).html).toBe('<p>A <img src="https://img.example/line.png" width="40" height="1" alt="" /> b</p>\n');
  });
});
