import { describe, expect, it } from 'vitest';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { htmlStandInText } from '../../../lib/content/htmlParagraphText.js';
import { altShownAsText, imageSource } from '../../../lib/content/imageSource.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://news.example.com/a';

describe('imageSource', () => {
  it('is the src, or without one the candidate of the srcset drawn at a density of one (WHATWG HTML §4.8.4.3.10)', () => {
    expect(imageSource({ src: 'https://img.example/s.jpg', srcset: 'https://img.example/a.jpg 2x' })).toBe('https://img.example/s.jpg');
    expect(imageSource({ srcset: 'https://img.example/a.jpg 1x, https://img.example/b.jpg 2x' })).toBe('https://img.example/a.jpg');
    // White space and commas before it; commas it ends with; no descriptor.
    expect(imageSource({ srcset: ' \n,, https://img.example/a.jpg,,' })).toBe('https://img.example/a.jpg');
    expect(imageSource({ srcset: 'https://img.example/a.jpg' })).toBe('https://img.example/a.jpg');
  });

  it('is the srcset\'s candidate of http(s) where the src is blank or of a scheme the sanitiser drops (WHATWG HTML §4.8.4.3.4)', () => {
    const srcset = 'data:image/gif;base64,R0lGOD 1x, https://img.example/b.jpg 2x, https://img.example/c.jpg 3x';
    expect(imageSource({ src: 'data:image/gif;base64,R0lGOD', srcset })).toBe('https://img.example/b.jpg');
    expect(imageSource({ src: '', srcset: 'https://img.example/a.jpg' })).toBe('https://img.example/a.jpg');
    expect(imageSource({ src: ' javascript:x', srcset: 'b.jpg' })).toBe('b.jpg');
    // Descriptors, with a comma inside parentheses, and a URL ending with commas, which ends its candidate.
    expect(imageSource({ src: '', srcset: 'data:a 1x (x, y), data:b,, https://img.example/c.jpg' })).toBe('https://img.example/c.jpg');
    // None of http(s): the src, then the first candidate, which the sanitiser drops, and the image with it.
    expect(imageSource({ src: 'data:a', srcset: 'data:b' })).toBe('data:a');
    expect(imageSource({ src: ' ', srcset: 'data:b' })).toBe('data:b');
  });

  it('is undefined with neither, a blank src and no srcset, or a srcset of no candidate', () => {
    expect(imageSource({ src: '', alt: 'Harbour' })).toBeUndefined();

    expect(imageSource({ alt: 'Harbour' })).toBeUndefined();
    expect(imageSource({ srcset: ' , ' })).toBeUndefined();
  });
});

describe('the srcset candidate imageSource takes', () => {
  const source = (srcset: string, sizes?: string) => imageSource(sizes === undefined ? { srcset } : { srcset, sizes });

  it('is the one a browser at a density of one draws: 1x (or no descriptor), else the least density above, else the greatest below (WHATWG HTML §4.8.4.3)', () => {
    expect(source('https://img.example/a.jpg 2x, https://img.example/b.jpg 1x')).toBe('https://img.example/b.jpg');
    expect(source('https://img.example/a.jpg 2x, https://img.example/b.jpg')).toBe('https://img.example/b.jpg');
    expect(source('https://img.example/a.jpg 3x, https://img.example/b.jpg 1.5x, https://img.example/c.jpg 2x')).toBe('https://img.example/b.jpg');
    expect(source('https://img.example/a.jpg 0.5x, https://img.example/b.jpg 0.75x')).toBe('https://img.example/b.jpg');
    expect(source('https://img.example/a.jpg 0.5x, https://img.example/b.jpg 2e0x')).toBe('https://img.example/b.jpg');
  });

  it('keeps the first of two of one density, and drops a candidate whose descriptors are in error, as a browser does (§4.8.4.3.10)', () => {
    expect(source('https://img.example/a.jpg, https://img.example/b.jpg 1x')).toBe('https://img.example/a.jpg');
    // Two densities, a density and a width, a height without a width, a word, a density below zero: each an error.
    for (const bad of ['1x 1x', '1x 400w', '100h', 'big', '-1x', '0w']) {
      expect(source(`https://img.example/bad.jpg ${bad}, https://img.example/b.jpg 2x`), bad).toBe('https://img.example/b.jpg');
    }
  });

  it('takes width descriptors over the width sizes gives in px, else the widest (the screen is not known)', () => {
    const srcset = 'https://img.example/s.jpg 400w, https://img.example/l.jpg 1600w, https://img.example/m.jpg 800w';
    expect(source(srcset)).toBe('https://img.example/l.jpg');
    expect(source(srcset, '600px')).toBe('https://img.example/m.jpg');
    expect(source(srcset, '(max-width: 600px) 100vw, 600px')).toBe('https://img.example/l.jpg');
  });

  it('is published so: a 2x candidate first is not the image drawn', () => {
    expect(renderMarkdown('<p>A <img srcset="https://img.example/a-2x.jpg 2x, https://img.example/a.jpg 1x" alt="Harbour map"> b</p>\n', BASE).html).toBe('<p>A <img src="https://img.example/a.jpg" alt="Harbour map" /> b</p>\n');
  });
});

describe('an img with a srcset and no src', () => {
  const img = '<img srcset="https://img.example/a.jpg 1x, https://img.example/b.jpg 2x" alt="Harbour map">';

  it('is published with the src it shows, in the srcset\'s place, and its alt sums up a body of it alone', () => {
    expect(renderMarkdown(`<p>A ${img} b</p>\n`, BASE).html).toBe('<p>A <img src="https://img.example/a.jpg" alt="Harbour map" /> b</p>\n');
    expect(htmlStandInText(`<p>${img}</p>`)).toBe('Harbour map');
  });

  it('is published with its srcset\'s image where its src is a lazy loader\'s data: placeholder or empty', () => {
    const lazy = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="https://img.example/a.jpg 1x, https://img.example/b.jpg 2x" alt="Harbour map">';
    expect(renderMarkdown(`<p>A ${lazy} b</p>\n`, BASE).html).toBe('<p>A <img src="https://img.example/a.jpg" alt="Harbour map" /> b</p>\n');
    expect(htmlStandInText(`<p>${lazy}</p>`)).toBe('Harbour map');
    expect(renderMarkdown('<p>A <img alt="Harbour map" src="" srcset="https://img.example/a.jpg"> b</p>\n', BASE).html).toBe('<p>A <img alt="Harbour map" src="https://img.example/a.jpg" /> b</p>\n');
  });

  it('is named with that image where it is a tracking pixel', () => {
    expect(hiddenContent('Story.\n\n<img srcset="https://track.example/p.gif" width="1" height="1">\n')?.message).toContain('the image "https://track.example/p.gif"');
  });
});

describe('an img in a picture', () => {
  const big = { srcset: 'https://img.example/big.jpg' };

  it('shows the image of the source a browser selects where it has no src of its own (WHATWG HTML §4.8.4.3, update the source set)', () => {
    expect(imageSource({ alt: 'Map' }, [big])).toBe('https://img.example/big.jpg');
    expect(altShownAsText({ alt: 'Map' }, [big])).toBeUndefined();
    // Its candidate drawn at a density of one, of http(s); a source without a srcset is passed over.
    expect(imageSource({ alt: 'Map' }, [{ media: '' }, { srcset: 'data:a 1x, https://img.example/b-2x.jpg 2x, https://img.example/b.jpg 1.5x' }])).toBe('https://img.example/b.jpg');
    // One selected on every screen wins over the img's own srcset, which a browser then never reaches.
    expect(imageSource({ srcset: 'https://img.example/own.jpg' }, [{ ...big, type: 'image/webp' }])).toBe('https://img.example/big.jpg');
  });

  it('passes over a source of a type not every browser draws or of a media query, for one selected on every screen, else the img\'s own, else that source', () => {
    const narrow = { srcset: 'https://img.example/narrow.jpg', media: '(max-width: 600px)' };
    const jxl = { srcset: 'https://img.example/big.jxl', type: 'image/jxl' };
    expect(imageSource({ alt: 'Map' }, [narrow, jxl, { ...big, media: 'screen' }])).toBe('https://img.example/big.jpg');
    expect(imageSource({ alt: 'Map', srcset: 'https://img.example/own.jpg' }, [narrow, jxl])).toBe('https://img.example/own.jpg');
    expect(imageSource({ alt: 'Map' }, [jxl, narrow])).toBe('https://img.example/big.jxl');
  });

  it('none of http(s) drops the image, not shown as its alt', () => {
    expect(imageSource({ alt: 'Map' }, [{ srcset: 'data:a' }])).toBe('data:a');
    expect(renderMarkdown('A <picture><source srcset="data:a"><img alt="Map"></picture> b.\n', BASE).html).toBe('<p>A  b.</p>\n');
  });

  it('is published with that image as its src (relative resolved) and its alt, which a summary does not read as text', () => {
    expect(renderMarkdown('<picture><source srcset="https://img.example/big.jpg"><img alt="Map"></picture>\n', BASE).html).toBe('<p><img src="https://img.example/big.jpg" alt="Map" /></p>\n');
    const rendered = renderMarkdown('<p>A <picture><source srcset="/maps/big.jpg 2x, /maps/small.jpg"><img alt="Map" width="300"></picture> b.</p>\n', BASE);
    expect(rendered).toEqual({ html: '<p>A <img src="https://news.example.com/maps/small.jpg" alt="Map" width="300" /> b.</p>\n', firstParagraph: 'A b.' });
  });
});

describe('an img with neither src nor srcset', () => {
  it('shows its alt text, which altShownAsText gives; no text for a blank alt or an image to show', () => {
    expect(altShownAsText({ alt: 'Harbour map', width: '1', height: '1' })).toBe('Harbour map');
    expect(altShownAsText({ alt: ' ' })).toBeUndefined();
    expect(altShownAsText({})).toBeUndefined();
    expect(altShownAsText({ alt: 'Harbour map', srcset: 'https://img.example/a.jpg' })).toBeUndefined();
  });

  it('is published as its alt text, as Chromium draws it (whatever its size), in the summary too', () => {
    const body = 'A <img alt="Harbour & <map>"> b, <img alt="port" lang="fr" width="1" height="1"> c.\n';
    const rendered = renderMarkdown(body, BASE);
    expect(rendered.html).toBe('<p>A Harbour &amp; &lt;map&gt; b, <span lang="fr">port</span> c.</p>\n');
    expect(rendered.firstParagraph).toBe('A Harbour & <map> b, port c.');
    expect(firstParagraphOf(body)).toBe('A Harbour & <map> b, port c.');
    expect(renderMarkdown('<p>A <img alt="Harbour map"> b.</p>\n', BASE)).toEqual({ html: '<p>A Harbour map b.</p>\n', firstParagraph: 'A Harbour map b.' });
  });

  it('is so with an empty src, not the page\'s own URL, from HTML or Markdown', () => {
    expect(altShownAsText({ src: '', alt: 'Harbour map' })).toBe('Harbour map');
    expect(renderMarkdown('<p>A <img src="" alt="Harbour map"> b.</p>\n', BASE)).toEqual({ html: '<p>A Harbour map b.</p>\n', firstParagraph: 'A Harbour map b.' });
    expect(renderMarkdown('A ![Harbour map]() b.\n', BASE)).toEqual({ html: '<p>A Harbour map b.</p>\n', firstParagraph: 'A Harbour map b.' });
    expect(renderMarkdown('A <img src=""> b.\n', BASE).html).toBe('<p>A  b.</p>\n');
  });

  it('shows nothing where its style hides it, or its alt is blank', () => {
    const body = 'A <img alt="Harbour map" style="display:none"><img alt=" "> b.\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '<p>A  b.</p>\n', firstParagraph: 'A b.' });
  });
});

// Checked in Debian's Chromium (playwright-core) at 1280×720 and 375×667: img.currentSrc is the source's image where
// its type is one Chromium draws (webp, avif, bmp, x-icon, svg, jpg; jxl too, which Firefox does not) and its media
// matches, the img's src for image/heic, image/tiff or a media query that does not match.
describe('an img with a src of its own in a picture', () => {
  const own = { src: 'https://img.example/own.jpg', alt: 'Map' };

  it('shows the image of the first source a browser selects on every screen, not its src', () => {
    expect(imageSource(own, [{ srcset: 'https://img.example/a.webp', type: 'image/webp' }])).toBe('https://img.example/a.webp');
    expect(imageSource(own, [{ srcset: 'https://img.example/a.avif', type: 'image/avif' }, { srcset: 'https://img.example/a.webp' }])).toBe('https://img.example/a.avif');
    expect(imageSource(own, [{ srcset: 'https://img.example/a.jpeg', type: 'image/jpg' }])).toBe('https://img.example/a.jpeg');
    expect(imageSource(own, [{ srcset: 'https://img.example/s.jpg', media: 'screen' }])).toBe('https://img.example/s.jpg');
    // Past a source for narrow screens (a desktop draws the next; a phone this one: the one every screen may get).
    expect(imageSource(own, [{ srcset: 'https://img.example/narrow.jpg', media: '(max-width: 600px)' }, { srcset: 'https://img.example/any.jpg' }])).toBe('https://img.example/any.jpg');
  });

  it('keeps its src where no source is selected on every screen: a type a browser does not draw, a media query of some screens or none', () => {
    expect(imageSource(own, [{ srcset: 'https://img.example/a.jxl', type: 'image/jxl' }])).toBe('https://img.example/own.jpg');
    expect(imageSource(own, [{ srcset: 'https://img.example/a.heic', type: 'image/heic' }])).toBe('https://img.example/own.jpg');
    // Chromium at 1280 wide draws the wide one, at 375 the img's: the img's is taken, as for every screen the source does not name.
    expect(imageSource(own, [{ srcset: 'https://img.example/wide.jpg', media: '(min-width: 800px)' }])).toBe('https://img.example/own.jpg');
    expect(imageSource(own, [{ srcset: 'https://img.example/dark.jpg', media: '(prefers-color-scheme: dark)' }])).toBe('https://img.example/own.jpg');
    expect(imageSource(own, [{ srcset: 'https://img.example/p.jpg', media: 'print' }])).toBe('https://img.example/own.jpg');
    // A selected source of no image the sanitiser keeps (a placeholder) leaves the img's own.
    expect(imageSource(own, [{ srcset: 'data:image/gif;base64,R0lGOD', type: 'image/webp' }])).toBe('https://img.example/own.jpg');
  });

  it('is published with that source\'s image (relative resolved)', () => {
    expect(renderMarkdown('<picture><source srcset="/maps/a.webp" type="image/webp"><img src="https://img.example/own.jpg" alt="Map"></picture>\n', BASE).html).toBe('<p><img src="https://news.example.com/maps/a.webp" alt="Map" /></p>\n');
  });
});
