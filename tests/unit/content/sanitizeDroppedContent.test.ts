import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';

// Each element the sanitiser removes with everything inside it, listed here and not imported: taking one off
// lib/content/sanitizeHtml.ts's list lets its content through and fails its test.
const BASE = 'https://watch.example.org/';
const CONTAINERS = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'svg', 'math'];

/** A tracking pixel (an `img` the sanitiser otherwise keeps) and a marked word inside `<tag>`. */
const inside = (tag: string) => `<${tag}><img src="https://track.example.com/${tag}.gif" alt="">${tag}-hidden-words</${tag}>`;
const leaks = (output: string, tag: string) => output.includes(`track.example.com/${tag}`) || output.includes(`${tag}-hidden-words`);

describe('sanitizeEntryHtml drops these elements with their content', () => {
  for (const tag of CONTAINERS) {
    it(`<${tag}>: the pixel and the text inside it, in HTML and in a Markdown body's first paragraph`, () => {
      const html = sanitizeEntryHtml(`<p>Before ${inside(tag)} after.</p>`, BASE);
      expect(leaks(html, tag), html).toBe(false);
      expect(html).toBe('<p>Before  after.</p>');
      // A Markdown body: neither its HTML nor its first paragraph (the default summary) shows the content.
      const body = renderMarkdown(`Before ${inside(tag)} after.\n\nMore.\n`, BASE);
      expect(body.html).toBe('<p>Before  after.</p>\n<p>More.</p>\n');
      expect(body.firstParagraph).toBe('Before after.');
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
});
