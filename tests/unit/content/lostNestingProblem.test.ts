import { describe, expect, it, vi } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { lostNestingProblem } from '../../../lib/content/lostNestingProblem.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { bodyLineOf } from '../../support/bodyWarnings.js';
import { entry, entryText } from '../../support/content.js';

const BASE = 'https://watch.example.org/';
// markdown-it's levels: a list level takes two (list, item), a quote one.
const LEVELS = markdown.options.maxNesting;
const problemsOf = (body: string) => parseEntry(entryText(entry({}), body), 'entries/2014/a.md', { timezone: 'UTC', url: BASE }).problems.filter((p) => p.field === 'body');

describe('a body nested past markdown-it maxNesting', () => {
  const lists = (depth: number) => `Before.\n\n${'- '.repeat(depth)}deep\n\nAfter.\n`;
  const quotes = (depth: number) => `Before.\n\n${'>'.repeat(depth)} deep\n\nAfter.\n`;

  it('loses the rest of the body in the render: what the problem is for', () => {
    expect(renderMarkdown(lists(LEVELS / 2 - 1), BASE).html).toContain('After.');
    expect(renderMarkdown(lists(LEVELS / 2), BASE).html).not.toContain('After.');
  });

  it('in a quote, loses the rest of the quote alone, and says so: the text after it is kept', () => {
    // The quote's range ends at its blank line, and markdown-it skips to the end of that range only.
    const html = renderMarkdown(quotes(LEVELS), BASE).html;
    expect(html).not.toContain('deep');
    expect(html).toContain('After.');
    expect(lostNestingProblem(quotes(LEVELS))?.message).toBe(
      `nests lists or quotes deeper than Markdown is read (${LEVELS} levels: each list level takes two, each quote one): every feed and page would lose its nested part from this line on (1 line; the text after it is kept)`,
    );
    const twoLines = `${'>'.repeat(LEVELS)} deep\nlazy\n\nAfter.\n`;
    expect(renderMarkdown(twoLines, BASE).html).not.toContain('lazy');
    expect(lostNestingProblem(twoLines)?.message).toContain('would lose its nested part from this line on (2 lines; the text after it is kept)');
  });

  it('is a problem on body at the line where the lost part starts, with the fix; one level less is none', () => {
    const expected = (body: string) => [
      {
        file: 'entries/2014/a.md',
        field: 'body',
        line: bodyLineOf(body, 'deep'),
        message: `nests lists or quotes deeper than Markdown is read (${LEVELS} levels: each list level takes two, each quote one): every feed and page would lose the body from this line on, the text after the nested part included`,
        fix: `nest lists fewer than ${LEVELS / 2} deep and quotes fewer than ${LEVELS} (a list of a few levels, headings for the rest)`,
      },
    ];
    expect(problemsOf(lists(LEVELS / 2))).toEqual(expected(lists(LEVELS / 2)));
    expect(problemsOf(quotes(LEVELS))).toEqual([{ ...expected(quotes(LEVELS))[0], message: expect.stringContaining('would lose its nested part from this line on') }]);
    expect(problemsOf(lists(LEVELS / 2 - 1))).toEqual([]);
    expect(problemsOf(quotes(LEVELS - 1))).toEqual([]);
  });

  it('is found where the depth comes from indentation over several lines, tabs included, and mixed with quotes', () => {
    const indented = Array.from({ length: LEVELS / 2 }, (_, level) => `${'  '.repeat(level)}- item ${level}`).join('\n');
    expect(lostNestingProblem(`${indented}\n\nAfter.\n`)?.line).toBe(LEVELS / 2 - 1);
    const tabbed = Array.from({ length: LEVELS / 2 }, (_, level) => `${'\t'.repeat(level / 2)}${level % 2 === 1 ? '  ' : ''}- item ${level}`).join('\n');
    expect(renderMarkdown(`${tabbed}\n\nAfter.\n`, BASE).html).not.toContain('After.');
    expect(lostNestingProblem(`${tabbed}\n\nAfter.\n`)).toBeDefined();
    expect(lostNestingProblem(`${'> - '.repeat(LEVELS / 3 + 1)}deep\n\nAfter.\n`)).toBeDefined();
  });

  it('is raised exactly where the render loses text, at every depth of lists, quotes and both, by markers, indentation or tabs', () => {
    // Each shape nests `depth` containers around DEEP, with AFTER below; text is lost when either is missing.
    const shapes: Record<string, (depth: number) => string> = {
      bullets: (depth) => `${'- '.repeat(depth)}DEEP\n\nAFTER\n`,
      indented: (depth) => `${Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')}\n${'  '.repeat(depth)}DEEP\n\nAFTER\n`,
      ordered: (depth) => `${Array.from({ length: depth }, (_, level) => `${'   '.repeat(level)}1. item`).join('\n')}\n${'   '.repeat(depth)}DEEP\n\nAFTER\n`,
      tabbed: (depth) => `${Array.from({ length: depth }, (_, level) => `${'\t'.repeat(level)}- item`).join('\n')}\n${'\t'.repeat(depth)}DEEP\n\nAFTER\n`,
      quotes: (depth) => `${'>'.repeat(depth)} DEEP\n\nAFTER\n`,
      quotedLists: (depth) => `${'> - '.repeat(depth)}DEEP\n\nAFTER\n`,
      listedQuotes: (depth) => `${'- > '.repeat(depth)}DEEP\n\nAFTER\n`,
    };
    const loses = (body: string) => {
      const html = markdown.render(body);
      return !html.includes('DEEP') || !html.includes('AFTER');
    };
    for (const [name, shape] of Object.entries(shapes)) {
      // The render loses text from some depth on (more containers never give it back): found by bisection, within
      // LEVELS + 1 containers for every shape, each taking at least one level.
      let [fine, losing] = [0, LEVELS + 1];
      expect(loses(shape(losing)), name).toBe(true);
      while (losing - fine > 1) {
        const depth = Math.floor((fine + losing) / 2);
        if (loses(shape(depth))) losing = depth;
        else fine = depth;
      }
      // Both sides of that boundary, and one more each way.
      for (const depth of [losing - 2, losing - 1, losing, losing + 1]) expect(lostNestingProblem(shape(depth)) !== undefined, `${name} ${depth}`).toBe(loses(shape(depth)));
    }
  });

  it('does not parse a body again for a line that only looks deep: a rule of dashes or stars, a long number', () => {
    const parse = vi.spyOn(markdown, 'parse');
    try {
      for (const line of ['-'.repeat(40), '*'.repeat(30), '1234567890'.repeat(3), '1.2.3.4.5.6.7.8.9.10.11.12.13.14', '>>>>> ' + '-'.repeat(30)]) {
        expect(lostNestingProblem(`Before.\n\n${line}\n\nAfter.\n`), line).toBeUndefined();
      }
      expect(parse).not.toHaveBeenCalled();
      // A run of markers that can nest is parsed, and found fine below the limit.
      expect(lostNestingProblem(`${'- '.repeat(30)}deep\n`)).toBeUndefined();
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('is not raised where nothing is lost: an empty item at the deepest level', () => {
    expect(lostNestingProblem(`${'>'.repeat(LEVELS)}\n`)).toBeUndefined();
    expect(lostNestingProblem('plain text\n')).toBeUndefined();
  });
});
