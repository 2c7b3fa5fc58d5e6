import { describe, expect, it } from 'vitest';
import { htmlStandInText } from '../../../lib/content/htmlParagraphText.js';
import { altShownAsText, imageSource } from '../../../lib/content/imageSource.js';
import { lazyLoaded } from '../../../lib/content/lazyLoaded.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const SVG = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20800%20450'%3E%3C/svg%3E";
const PHOTO = 'https://img.example.com/bridge.jpg';

describe('lazyLoaded', () => {
  it('takes data-src, data-lazy-src or data-original for a missing, data: or placeholder src, and no other', () => {
    expect(imageSource({ src: GIF, 'data-src': PHOTO, alt: 'Bridge' })).toBe(PHOTO);
    expect(imageSource({ src: SVG, 'data-lazy-src': PHOTO })).toBe(PHOTO);
    expect(imageSource({ 'data-original': PHOTO })).toBe(PHOTO);
    expect(imageSource({ src: '', 'data-src': ` ${PHOTO} ` })).toBe(PHOTO);
    // a3 Lazy Load's placeholder file, and a spacer, on the site's own host.
    expect(imageSource({ src: 'https://wp.example.org/wp-content/plugins/a3-lazy-load/assets/images/lazy_placeholder.gif', 'data-src': PHOTO })).toBe(PHOTO);
    expect(imageSource({ src: '/img/spacer.gif', 'data-src': PHOTO })).toBe(PHOTO);
    // Not an image that shows its own src (a low-quality preview), nor an img with no lazy attribute.
    const lqip = { src: 'https://img.example.com/bridge-small.jpg', 'data-src': PHOTO };
    expect(lazyLoaded(lqip)).toBe(lqip);
    expect(imageSource({ src: GIF, srcset: `${PHOTO} 1x` })).toBe(PHOTO);
    expect(imageSource({ src: 'https://img.example.com/placeholder-dog.jpg' })).toBe('https://img.example.com/placeholder-dog.jpg');
  });

  it('takes data-srcset or data-lazy-srcset as the srcset, whose first candidate is shown without a lazy src', () => {
    const srcset = 'https://img.example.com/b-1024.jpg 1024w, https://img.example.com/b-300.jpg 300w';
    expect(lazyLoaded({ src: SVG, 'data-lazy-srcset': srcset, alt: 'Bridge' })).toEqual({ src: undefined, srcset, 'data-lazy-srcset': srcset, alt: 'Bridge' });
    expect(imageSource({ src: SVG, 'data-srcset': srcset })).toBe('https://img.example.com/b-1024.jpg');
    expect(imageSource({ src: SVG, 'data-lazy-src': PHOTO, 'data-lazy-srcset': srcset })).toBe(PHOTO);
  });

  it('without an http(s) lazy URL, shows the alt text, not the placeholder', () => {
    for (const lazy of ['chart.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA']) {
      expect(imageSource({ src: GIF, 'data-src': lazy, alt: 'Chart' }), lazy).toBeUndefined();
      expect(altShownAsText({ src: GIF, 'data-src': lazy, alt: 'Chart' }), lazy).toBe('Chart');
    }
    expect(altShownAsText({ src: 'https://a.example/lazy_placeholder.gif', 'data-src': '/chart.png', alt: 'Chart' })).toBe('Chart');
  });

  it('publishes a WP Rocket image once, its noscript copy dropped, with its alt and caption', () => {
    const body = `<figure class="wp-block-image"><img width="800" height="450" src="${SVG}" data-lazy-src="${PHOTO}" data-lazy-srcset="${PHOTO} 800w" alt="Trucks at the bridge"/><noscript><img width="800" height="450" src="${PHOTO}" alt="Trucks at the bridge"/></noscript><figcaption>The bridge at dawn.</figcaption></figure>\n`;
    expect(renderMarkdown(body, BASE).html).toBe(`<figure><img width="800" height="450" src="${PHOTO}" alt="Trucks at the bridge" /><figcaption>The bridge at dawn.</figcaption></figure>\n`);
  });

  it('publishes a lazysizes image with no src, an a3 placeholder\'s image, and the alt where no URL can be published, in the summary too', () => {
    expect(renderMarkdown(`<p>A <img data-src="${PHOTO}" alt="Bridge" class="lazyload"> b</p>\n`, BASE).html).toBe(`<p>A <img src="${PHOTO}" alt="Bridge" /> b</p>\n`);
    expect(renderMarkdown(`<p>A <img src="https://wp.example.org/lazy_placeholder.gif" data-src="${PHOTO}" alt="Bridge"> b</p>\n`, BASE).html).toBe(`<p>A <img src="${PHOTO}" alt="Bridge" /> b</p>\n`);
    expect(renderMarkdown(`<p>A <img src="${GIF}" data-src="chart.png" alt="Chart of exports"> b</p>\n`, BASE)).toEqual({ html: '<p>A Chart of exports b</p>\n', firstParagraph: 'A Chart of exports b' });
    expect(htmlStandInText(`<p><img src="${GIF}" data-src="${PHOTO}" alt="Chart of exports"></p>`)).toBe('Chart of exports');
  });
});

// Checked in Chromium, with a loader's copying of data-srcset and data-src done: it draws the typed source's image
// (a jxl one too, which Firefox does not draw: the img's is published).
describe('a lazy picture', () => {
  it('reads a source\'s data-srcset as its srcset, as the loader leaves it', () => {
    expect(imageSource({ alt: 'Bridge', class: 'lazyload' }, [{ 'data-srcset': PHOTO }])).toBe(PHOTO);
    expect(imageSource({ src: GIF, alt: 'Bridge' }, [{ srcset: GIF, 'data-srcset': 'https://img.example.com/b-300.jpg 300w, https://img.example.com/b-800.jpg 800w' }])).toBe('https://img.example.com/b-800.jpg');
  });

  it('with a lazy img and a typed source, shows what Chromium draws once both are loaded', () => {
    const picture = (type: string) => `<p><picture><source data-srcset="https://img.example.com/bridge.${type}" type="image/${type}"><img src="${GIF}" data-src="${PHOTO}" alt="Bridge"></picture></p>\n`;
    expect(renderMarkdown(picture('webp'), BASE).html).toBe('<p><img src="https://img.example.com/bridge.webp" alt="Bridge" /></p>\n');
    expect(renderMarkdown(picture('jxl'), BASE).html).toBe(`<p><img src="${PHOTO}" alt="Bridge" /></p>\n`);
  });
});
