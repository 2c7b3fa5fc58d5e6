import { describe, expect, it } from 'vitest';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';
const text = (body: string) => /<a [^>]*>([^<]*)<\/a>/.exec(renderMarkdown(body, BASE).html)?.[1];

// A link's text shows its address decoded; percent-encoding that is not UTF-8 (Latin-1 queries of old sites) would
// decode to U+FFFD, so such an address is shown as typed.
describe("a link's text from an address with percent-encoding", () => {
  it('that is not UTF-8 is shown as typed, in an autolink and a bare link; the href is unchanged', () => {
    expect(text('<https://n.example.com/?q=caf%E9>')).toBe('https://n.example.com/?q=caf%E9');
    expect(text('<https://n.example.com/?q=%E0%A4%A>')).toBe('https://n.example.com/?q=%E0%A4%A');
    expect(text('See https://n.example.com/%C3 here.')).toBe('https://n.example.com/%C3');
    expect(renderMarkdown('<https://n.example.com/?q=caf%E9>', BASE).html).toContain('href="https://n.example.com/?q=caf%E9"');
    expect(markdown.render('<https://n.example.com/%FF> https://n.example.com/%C0%AF')).not.toContain('\uFFFD');
  });

  it('that is UTF-8 is decoded as before, the host shown in Unicode', () => {
    expect(text('<https://a.example/caf%C3%A9>')).toBe('https://a.example/café');
    expect(text('See https://xn--bcher-kva.example/%E2%82%AC here.')).toBe('https://bücher.example/€');
  });
});
