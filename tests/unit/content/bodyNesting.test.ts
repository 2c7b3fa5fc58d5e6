import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyNestingProblem } from '../../../lib/content/bodyNesting.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { htmlNestingDepth } from '../../../lib/content/htmlNestingDepth.js';
import { MAX_BODY_NESTING } from '../../../lib/content/limits.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { entry, entryText } from '../../support/content.js';

describe('htmlNestingDepth', () => {
  it('counts elements as a browser nests them: a p closes a p, void elements hold nothing', () => {
    expect(htmlNestingDepth('<ul><li><p>x</p></li></ul>', 10)).toBe(3);
    expect(htmlNestingDepth('<p>a<p>b<p>c', 10)).toBe(1);
    expect(htmlNestingDepth('<br><img src="x"><hr>', 10)).toBe(1);
    expect(htmlNestingDepth('text only', 10)).toBe(0);
  });

  it('stops one level past the limit, however deep the HTML goes', () => {
    // Parsed whole, 24,000 levels cost 24,000 times more than one.
    expect(htmlNestingDepth('<ul>'.repeat(24_000), 50)).toBe(51);
    expect(htmlNestingDepth('<div>'.repeat(50), 50)).toBe(50);
  });

  it('counts what the tree building adds: formatting elements reopened in each block, template contents', () => {
    // The k-th div holds the bold elements of the k - 1 before it reopened, one inside another, then its own.
    const bolds = Array.from({ length: 5 }, (_, index) => `<div><b id="b${index}">x</div>`).join('');
    expect(htmlNestingDepth(bolds, 100)).toBe(6);
    expect(htmlNestingDepth('<template>'.repeat(5), 100)).toBe(5);
  });
});

describe('bodyNestingProblem', () => {
  it(`accepts raw HTML ${MAX_BODY_NESTING} deep and refuses one level more`, () => {
    expect(bodyNestingProblem(`${'<div>'.repeat(MAX_BODY_NESTING)}x`)).toBeUndefined();
    expect(bodyNestingProblem(`${'<div>'.repeat(MAX_BODY_NESTING + 1)}x`)).toEqual({
      message: `nests its elements more than ${MAX_BODY_NESTING} deep, the limit for an entry (an element opened inside another that many times: HTML tags opened and never closed, or lists or quotes nested that deep)`,
      fix: 'close each HTML tag you open (</ul>, </div>, </em>); where they are closed, flatten the nesting (a list of a few levels, headings for the rest) or write the passage in Markdown; the pages show 100 levels at most',
    });
  });

  it('a list nested deep with each tag closed (a wiki outline pasted) is refused too, and told to flatten it', () => {
    // Each <ul><li> is two levels: 101 of them, 202.
    const levels = (MAX_BODY_NESTING + 2) / 2;
    expect(bodyNestingProblem(`${'<ul><li>'.repeat(levels)}x${'</li></ul>'.repeat(levels)}`)?.fix).toContain('where they are closed, flatten the nesting');
  });

  it("counts Markdown's elements with the HTML inside them, and emphasis, which Markdown does not cap", () => {
    // 50 quotes and their paragraph around HTML that alone would pass: 50 + 1 + 150 levels.
    expect(bodyNestingProblem(`${'>'.repeat(50)} ${'<span>'.repeat(MAX_BODY_NESTING - 50)}x\n`)).toBeDefined();
    expect(bodyNestingProblem(`${'>'.repeat(49)} ${'<span>'.repeat(MAX_BODY_NESTING - 50)}x\n`)).toBeUndefined();
    // Markdown alone, quoted as deep as it goes: one level for each quote and the paragraph.
    expect(bodyNestingProblem(`${'>'.repeat(150)} x\n`)).toBeUndefined();
    // Each `*a _b` opens two emphases; the paragraph is one more level.
    const pairs = MAX_BODY_NESTING / 2;
    expect(bodyNestingProblem(`${'*a _b '.repeat(pairs)}x${' c_ d*'.repeat(pairs)}\n`)).toBeDefined();
    expect(bodyNestingProblem(`${'*a _b '.repeat(pairs - 1)}x${' c_ d*'.repeat(pairs - 1)}\n`)).toBeUndefined();
  });
});

describe('bodyNestingProblem renders only a body that could nest too deep', () => {
  afterEach(() => vi.restoreAllMocks());
  const quoted = (depth: number, line: string) => `${'>'.repeat(depth)} ${line}`;
  // Emphasis around code, `levels` deep: two delimiters a level.
  const emphasis = (levels: number) => `${'*a '.repeat(levels)}\`c\`${' b*'.repeat(levels)}`;
  // As deep as Markdown's blocks go (a footnote's list and item, quotes to markdown-it's limit, a table), then inline.
  const deepest = (inline: string) => ['x[^1]', '', `[^1]: ${quoted(98, '| a | b |')}`, `    ${quoted(98, '|---|---|')}`, `    ${quoted(98, `| ${inline} | d |`)}`, ''].join('\n');

  it('prose with links and emphasis in every paragraph, however long', () => {
    const render = vi.spyOn(markdown, 'render');
    const paragraph = 'The *port* of [Busan](https://busan.example) and **its** [quays](https://quays.example), _again_ ~~not~~ [here](https://here.example).';
    expect(bodyNestingProblem(`${Array.from({ length: 40 }, () => paragraph).join('\n\n')}\n`)).toBeUndefined();
    expect(render).not.toHaveBeenCalled();
  });

  it('at the boundary: the deepest body it passes over nests no deeper than the limit, and one delimiter more is measured', () => {
    const render = vi.spyOn(markdown, 'render');
    // 94 delimiters in the footnote's block: its label's `[`, 92 for emphasis 46 deep, and a lone `_`.
    const kept = deepest(`${emphasis(46)} _`);
    expect(bodyNestingProblem(kept)).toBeUndefined();
    expect(render).not.toHaveBeenCalled();
    expect(htmlNestingDepth(markdown.render(kept, {}), 1000)).toBeLessThanOrEqual(MAX_BODY_NESTING);
    render.mockClear();
    expect(bodyNestingProblem(deepest(`${emphasis(46)} _ _`))).toBeUndefined();
    expect(render).toHaveBeenCalledTimes(1);
  });
});

describe('parseEntry', () => {
  it('refuses a body nested too deep as a problem on body, and reads nothing else of its HTML', () => {
    const body = `<img src="chart.png">${'<ul>'.repeat(24_000)}x\n`;
    const parsed = parseEntry(entryText(entry(), body), 'entries/2014/deep.md', { timezone: 'UTC', url: 'https://watch.example.org/' });
    expect(parsed.entry).toBeUndefined();
    expect(parsed.problems.map((problem) => [problem.file, problem.field])).toEqual([['entries/2014/deep.md', 'body']]);
    // The relative image is not looked for: that would parse the whole body.
    expect(parsed.warnings).toEqual([]);
  });
});
