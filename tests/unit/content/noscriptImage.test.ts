import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const PHOTO = 'https://img.example.com/bridge.jpg';
const html = (body: string) => renderMarkdown(body, BASE).html;

// Checked in Chromium: with script off, the noscript copy is drawn beside the placeholder; with it on, the copy is not.
describe('a lazy img that shows no image, and its noscript copy', () => {
  it('is published once, as the copy, where no data-* URL can be published', () => {
    expect(html(`<p>A <img src="${GIF}" data-src="chart.png" alt="Bridge"><noscript><img src="${PHOTO}" alt="Bridge at dawn"></noscript> b</p>\n`)).toBe(`<p>A <img src="${PHOTO}" alt="Bridge at dawn" /> b</p>\n`);
    // A loader's class alone, no data-* at all, and white space before the noscript.
    expect(html(`<p>A <img class="lazyload" src="${GIF}" alt="Bridge" width="800">\n<noscript><img width="800" src="${PHOTO}" alt="Bridge"></noscript> b</p>\n`)).toBe(`<p>A <img width="800" src="${PHOTO}" alt="Bridge" />\n b</p>\n`);
  });

  it('takes the image the copy shows: its srcset\'s, or its picture\'s, where it has no src', () => {
    expect(html(`<p><img alt="Bridge"><noscript><img srcset="${PHOTO} 1x, https://img.example.com/b2.jpg 2x" alt="Bridge"></noscript></p>\n`)).toBe(`<p><img src="${PHOTO}" alt="Bridge" /></p>\n`);
    // A lazy picture, its noscript after it.
    expect(html(`<p><picture><source data-srcset="bridge.webp" type="image/webp"><img src="${GIF}" alt="Bridge"></picture><noscript><img src="${PHOTO}" alt="Bridge"></noscript></p>\n`)).toBe(`<p><img src="${PHOTO}" alt="Bridge" /></p>\n`);
  });

  it('is its alt where the copy is a tracking pixel, is not next to it, or the img shows an image of its own', () => {
    expect(html(`<p>A <img alt="Bridge"><noscript><img src="https://t.example.com/p.gif" width="1" height="1"></noscript> b</p>\n`)).toBe('<p>A Bridge b</p>\n');
    expect(html(`<p>A <img alt="Bridge"> and <noscript><img src="${PHOTO}"></noscript> b</p>\n`)).toBe('<p>A Bridge and  b</p>\n');
    expect(html(`<p><img src="https://img.example.com/own.jpg" alt="Own"><noscript><img src="${PHOTO}" alt="Bridge"></noscript></p>\n`)).toBe('<p><img src="https://img.example.com/own.jpg" alt="Own" /></p>\n');
  });

  it('is read in the summary as published, once: the copy, an image and not its alt text, whose alt stands in for a body of it alone', () => {
    const summary = (body: string) => renderMarkdown(body, BASE).firstParagraph;
    const lazy = `<img src="${GIF}" data-src="chart.png" alt="Bridge"><noscript><img src="${PHOTO}" alt="Bridge at dawn"></noscript>`;
    expect(summary(`<p>A ${lazy} b</p>\n`)).toBe('A b');
    // In a Markdown paragraph, each tag its own token.
    expect(summary(`A ${lazy} b\n`)).toBe('A b');
    // A paragraph of an image alone is passed over, as one written with the copy is.
    expect(summary(`<p>${lazy}</p>\n\nOur take.\n`)).toBe('Our take.');
    expect(summary(`<figure>${lazy}</figure>\n`)).toBe('Bridge at dawn');
    // Published as its alt text where no copy stands in for it.
    expect(summary(`<p>A <img alt="Bridge"> and <noscript><img src="${PHOTO}"></noscript> b</p>\n`)).toBe('A Bridge and b');
  });
});
