import { describe, expect, it, vi } from 'vitest';
import { LINE_ATTRIBUTE } from '../../../lib/content/blockLines.js';
import { bodyDrops } from '../../../lib/content/bodyDrops.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { markdown, type MarkdownToken } from '../../../lib/content/markdownParser.js';
import { renderMarkdown, type EmptiedElement } from '../../../lib/content/renderMarkdown.js';
import { entry, entryText } from '../../support/content.js';

const CHART = '![Chart](data:image/png;base64,AAAA)';
// Bodies that leave elements empty and drop addresses, in Markdown and raw HTML (whose render is two passes).
const BODIES = [
  `Rice.\n\n## ${CHART}\n\nWheat ${CHART} and [call](tel:1).\n`,
  'Rice.\n\n<div>\n<h2><span style="display:none">P</span></h2>\n<p><a href="javascript:x">a</a> <img src="data:x" alt="y"></p>\n</div>\n\n<h2><li></li></h2>\n',
  `> ${CHART}\n\n<blockquote><img src="data:x"></blockquote>\n\n<p><img src="data:y"></p>\n`,
];

describe('bodyDrops', () => {
  it('gives what a render asked for either list alone gives', () => {
    for (const body of BODIES) {
      const emptied: EmptiedElement[] = [];
      const refused: EmptiedElement[] = [];
      renderMarkdown(body, 'https://watch.example.org/', undefined, emptied);
      renderMarkdown(body, 'https://watch.example.org/', undefined, undefined, refused);
      expect(emptied.length + refused.length, body).toBeGreaterThan(1);
      expect(bodyDrops(body, 'https://watch.example.org/')(), body).toEqual({ emptied, refused });
    }
  });

  // The two warnings each render only where their quick look asks, and then share one render.
  it('renders a body that both warnings ask about once, for both', () => {
    // Each parse's tokens: a render for check is one whose tokens it marks with their lines (markBlockLines).
    const parsed: MarkdownToken[][] = [];
    const parser = markdown.parse.bind(markdown);
    const parse = vi.spyOn(markdown, 'parse').mockImplementation((source, env) => {
      const tokens = parser(source, env);
      parsed.push(tokens);
      return tokens;
    });
    try {
      const { warnings } = parseEntry(entryText(entry({}), BODIES[0]!), 'entries/2014/a.md', { timezone: 'Asia/Seoul', url: 'https://watch.example.org/' });
      expect(warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^a heading shows nothing/), expect.stringMatching(/^an image's address is not/)]));
      expect(parsed.filter((tokens) => tokens.some((token) => token.attrGet(LINE_ATTRIBUTE) !== null))).toHaveLength(1);
    } finally {
      parse.mockRestore();
    }
  });
});
