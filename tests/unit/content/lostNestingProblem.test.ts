import { describe, expect, it } from 'vitest';
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
    expect(problemsOf(quotes(LEVELS))).toEqual(expected(quotes(LEVELS)));
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

  it('is not raised where nothing is lost: an empty item at the deepest level', () => {
    expect(lostNestingProblem(`${'>'.repeat(LEVELS)}\n`)).toBeUndefined();
    expect(lostNestingProblem('plain text\n')).toBeUndefined();
  });
});
