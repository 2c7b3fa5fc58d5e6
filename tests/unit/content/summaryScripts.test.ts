import { describe, expect, it } from 'vitest';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

// The summary is plain text: struck text would read as current, a raised figure would run into the one before it,
// a footnote's number would join the word it follows. The body's HTML keeps all of them as written. Expected values
// worked out by hand from each body.
const BASE = 'https://watch.example.org/';
const summary = (body: string): string => {
  const full = renderMarkdown(body, BASE).firstParagraph;
  // The summary a publish reads (firstParagraphOf, which parses only what it needs) agrees with the full parse.
  expect(firstParagraphOf(body), JSON.stringify(body)).toBe(full);
  return full;
};

describe('the summary of a correction, a power and a footnote', () => {
  it('leaves struck text out (del, s, strike, Markdown ~~), in raw HTML and in a Markdown paragraph, and keeps ins', () => {
    expect(summary('<p>Exports rose <del>14%</del> <ins>4%</ins> in November.</p>\n')).toBe('Exports rose 4% in November.');
    expect(summary('Exports rose <del>14%</del> <ins>4%</ins> in November.\n')).toBe('Exports rose 4% in November.');
    expect(summary('<p>The port handled <s>2</s> <strike>3</strike> 1.2 million tonnes.</p>\n')).toBe('The port handled 1.2 million tonnes.');
    expect(summary('The port handled ~~2 million~~ 1.2 million tonnes.\n')).toBe('The port handled 1.2 million tonnes.');
    // A paragraph struck whole is passed over for the next.
    expect(summary('<p><del>Withdrawn.</del></p><p>Corrected.</p>\n')).toBe('Corrected.');
    expect(summary('~~Withdrawn.~~\n\nCorrected.\n')).toBe('Corrected.');
    // The body's HTML keeps them as written.
    expect(renderMarkdown('It handled ~~2~~ <del>3</del> 1.2 million.\n', BASE)).toEqual({ html: '<p>It handled <s>2</s> <del>3</del> 1.2 million.</p>\n', firstParagraph: 'It handled 1.2 million.' });
  });

  it('raises a figure in sup in superscript characters, or after ^ when one has none; an ordinal stays as written', () => {
    expect(summary('<p>It cost $300<sup>2</sup> per tonne and 10<sup>6</sup> won.</p>\n')).toBe('It cost $300² per tonne and 10⁶ won.');
    expect(summary('It cost $300<sup>2</sup> per tonne and 10<sup>6</sup> won.\n')).toBe('It cost $300² per tonne and 10⁶ won.');
    expect(summary('<p>A rate of 5<sup>2a</sup>, on the 21<sup>st</sup>.</p>\n')).toBe('A rate of 5^2a, on the 21st.');
    expect(renderMarkdown('<p>It cost $300<sup>2</sup>.</p>\n', BASE)).toEqual({ html: '<p>It cost $300<sup>2</sup>.</p>\n', firstParagraph: 'It cost $300².' });
  });

  it('leaves a footnote reference out: a sup holding only a link to a fragment, or all such a link holds', () => {
    expect(summary('<p>A line of 66 kV<sup><a href="#fn1">1</a></sup> runs north.</p>\n')).toBe('A line of 66 kV runs north.');
    expect(summary('A line of 66 kV<sup><a href="#fn1">1</a></sup> runs north.\n')).toBe('A line of 66 kV runs north.');
    expect(summary('<p>A line of 66 kV<a href="#fn1"><sup>1</sup></a> runs north.</p>\n')).toBe('A line of 66 kV runs north.');
    // markdown-it-footnote's own reference.
    expect(summary('A line of 66 kV[^1] runs north.\n\n[^1]: Per the ministry.\n')).toBe('A line of 66 kV runs north.');
    // A link elsewhere is no footnote: its figure is raised.
    expect(summary('<p>Up 4.6%<sup><a href="https://stats.example/t1">3</a></sup>.</p>\n')).toBe('Up 4.6%³.');
  });
});
