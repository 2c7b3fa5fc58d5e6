import { defaultTreeAdapter } from 'parse5';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyTreeProblem } from '../../../lib/content/bodyTree.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { htmlTreeSize } from '../../../lib/content/htmlTreeSize.js';
import { MAX_BODY_COPIES, MAX_BODY_NESTING } from '../../../lib/content/limits.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { entry, entryText } from '../../support/content.js';

// How deep the elements nest as a browser builds the tree, counted up to `limit` + 1: the depth limit alone.
const depthUpTo = (html: string, limit: number) => htmlTreeSize(html, { depth: limit, elements: Infinity, attributeChars: Infinity }).depth;

describe('htmlTreeSize: depth', () => {
  it('counts elements as a browser nests them: a p closes a p, void elements hold nothing', () => {
    expect(depthUpTo('<ul><li><p>x</p></li></ul>', 10)).toBe(3);
    expect(depthUpTo('<p>a<p>b<p>c', 10)).toBe(1);
    expect(depthUpTo('<br><img src="x"><hr>', 10)).toBe(1);
    expect(depthUpTo('text only', 10)).toBe(0);
  });

  it('stops one level past the limit, however deep the HTML goes', () => {
    // Parsed whole, 24,000 levels cost 24,000 times more than one.
    expect(depthUpTo('<ul>'.repeat(24_000), 50)).toBe(51);
    expect(depthUpTo('<div>'.repeat(50), 50)).toBe(50);
  });

  it('counts what the tree building adds: formatting elements reopened in each block, template contents', () => {
    // The k-th div holds the bold elements of the k - 1 before it reopened, one inside another, then its own.
    const bolds = Array.from({ length: 5 }, (_, index) => `<div><b id="b${index}">x</div>`).join('');
    expect(depthUpTo(bolds, 100)).toBe(6);
    expect(depthUpTo('<template>'.repeat(5), 100)).toBe(5);
  });
});

describe('bodyTreeProblem', () => {
  it(`accepts raw HTML ${MAX_BODY_NESTING} deep and refuses one level more`, () => {
    expect(bodyTreeProblem(`${'<div>'.repeat(MAX_BODY_NESTING)}x`)).toBeUndefined();
    expect(bodyTreeProblem(`${'<div>'.repeat(MAX_BODY_NESTING + 1)}x`)).toEqual({
      message: `nests its elements more than ${MAX_BODY_NESTING} deep, the limit for an entry (an element opened inside another that many times: HTML tags opened and never closed, or lists or quotes nested that deep)`,
      fix: 'close each HTML tag you open (</ul>, </div>, </em>); where they are closed, flatten the nesting (a list of a few levels, headings for the rest) or write the passage in Markdown; the pages show 100 levels at most',
    });
  });

  it('a list nested deep with each tag closed (a wiki outline pasted) is refused too, and told to flatten it', () => {
    // Each <ul><li> is two levels: 101 of them, 202.
    const levels = (MAX_BODY_NESTING + 2) / 2;
    expect(bodyTreeProblem(`${'<ul><li>'.repeat(levels)}x${'</li></ul>'.repeat(levels)}`)?.fix).toContain('where they are closed, flatten the nesting');
  });

  it("counts Markdown's elements with the HTML inside them, and emphasis, which Markdown does not cap", () => {
    // 50 quotes and their paragraph around HTML that alone would pass: 50 + 1 + 150 levels.
    expect(bodyTreeProblem(`${'>'.repeat(50)} ${'<span>'.repeat(MAX_BODY_NESTING - 50)}x\n`)).toBeDefined();
    expect(bodyTreeProblem(`${'>'.repeat(49)} ${'<span>'.repeat(MAX_BODY_NESTING - 50)}x\n`)).toBeUndefined();
    // Markdown alone, quoted as deep as it goes: one level for each quote and the paragraph.
    expect(bodyTreeProblem(`${'>'.repeat(150)} x\n`)).toBeUndefined();
    // Each `*a _b` opens two emphases; the paragraph is one more level.
    const pairs = MAX_BODY_NESTING / 2;
    expect(bodyTreeProblem(`${'*a _b '.repeat(pairs)}x${' c_ d*'.repeat(pairs)}\n`)).toBeDefined();
    expect(bodyTreeProblem(`${'*a _b '.repeat(pairs - 1)}x${' c_ d*'.repeat(pairs - 1)}\n`)).toBeUndefined();
  });
});

describe('bodyTreeProblem renders only a body that could nest too deep', () => {
  afterEach(() => vi.restoreAllMocks());
  const quoted = (depth: number, line: string) => `${'>'.repeat(depth)} ${line}`;
  // Emphasis around code, `levels` deep: two delimiters a level.
  const emphasis = (levels: number) => `${'*a '.repeat(levels)}\`c\`${' b*'.repeat(levels)}`;
  // As deep as Markdown's blocks go (a footnote's list and item, quotes to markdown-it's limit, a table), then inline.
  const deepest = (inline: string) => ['x[^1]', '', `[^1]: ${quoted(98, '| a | b |')}`, `    ${quoted(98, '|---|---|')}`, `    ${quoted(98, `| ${inline} | d |`)}`, ''].join('\n');

  it('prose with links and emphasis in every paragraph, however long', () => {
    const render = vi.spyOn(markdown, 'render');
    const paragraph = 'The *port* of [Busan](https://busan.example) and **its** [quays](https://quays.example), _again_ ~~not~~ [here](https://here.example).';
    expect(bodyTreeProblem(`${Array.from({ length: 40 }, () => paragraph).join('\n\n')}\n`)).toBeUndefined();
    expect(render).not.toHaveBeenCalled();
  });

  it('at the boundary: the deepest body it passes over nests no deeper than the limit, and one delimiter more is measured', () => {
    const render = vi.spyOn(markdown, 'render');
    // 94 delimiters in the footnote's block: its label's `[`, 92 for emphasis 46 deep, and a lone `_`.
    const kept = deepest(`${emphasis(46)} _`);
    expect(bodyTreeProblem(kept)).toBeUndefined();
    expect(render).not.toHaveBeenCalled();
    expect(depthUpTo(markdown.render(kept, {}), 1000)).toBeLessThanOrEqual(MAX_BODY_NESTING);
    render.mockClear();
    expect(bodyTreeProblem(deepest(`${emphasis(46)} _ _`))).toBeUndefined();
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

// `opened` distinct bold elements left open in a paragraph, then `paragraphs` more: a browser reopens all of them in
// each (WHATWG HTML §13.2.4.3; distinct attributes escape the Noah's Ark clause).
const opens = (opened: number) => Array.from({ length: opened }, (_, index) => `<b class=c${index}>`).join('');
const reopened = (opened: number, paragraphs: number, close = false) => `<p>${opens(opened)}a${close ? '</b>'.repeat(opened) : ''}${'<p>y'.repeat(paragraphs)}\n`;
// A bold element with one long attribute left open (or closed at once), then `paragraphs` more.
const longAttribute = (attribute: string, paragraphs: number, close = false) => `<p><b ${attribute}>a${close ? '</b>' : ''}${'<p>y'.repeat(paragraphs)}\n`;
const UNBOUNDED = { depth: Infinity, elements: Infinity, attributeChars: Infinity };

describe('htmlTreeSize', () => {
  // parseFragment builds three elements of its own: the context template, a stand-in document and its html.
  const OWN = 3;

  it('counts every element the tree building makes, the copies of formatting elements reopened too', () => {
    // A paragraph and its two bold elements, then two paragraphs each with a copy of both: class="cN" is 7 characters.
    expect(htmlTreeSize('<p><b class=c0><b class=c1>a<p>y<p>y', UNBOUNDED)).toEqual({ depth: 3, elements: OWN + 3 + 2 * 3, attributeChars: 6 * 7 });
  });

  it('stops as soon as the element or attribute count passes its limit, before building that element', () => {
    const built = vi.spyOn(defaultTreeAdapter, 'createElement');
    try {
      // Parsed whole, 1 + 190 elements and 190 copies in each of 500 paragraphs.
      const html = reopened(190, 500);
      expect(htmlTreeSize(html, { ...UNBOUNDED, elements: 1_000 })).toMatchObject({ elements: 1_001, passed: 'elements', tagName: 'b' });
      expect(built).toHaveBeenCalledTimes(1_000);
      built.mockClear();
      // 2,000 characters copied into each paragraph.
      expect(htmlTreeSize(longAttribute(`title="${'x'.repeat(1_995)}"`, 500), { ...UNBOUNDED, attributeChars: 10_000 })).toMatchObject({ passed: 'attributeChars', tagName: 'b' });
      expect(built.mock.calls.length).toBeLessThan(OWN + 2 + 2 * 5);
    } finally {
      built.mockRestore();
    }
  });
});

describe('bodyTreeProblem: formatting elements copied into every later block', () => {
  afterEach(() => vi.restoreAllMocks());
  const copiesProblem = expect.objectContaining({ message: expect.stringContaining('a <b> left open (or another formatting tag) is reopened') });

  it('refuses a body whose tags left open would be copied past the limit, and passes the same tags closed', () => {
    // 190 bold elements copied into each of 60 paragraphs: 11,400 copies from 251 start tags.
    expect(bodyTreeProblem(reopened(190, 60))).toEqual({
      message: "a <b> left open (or another formatting tag) is reopened, attributes and all, in every later paragraph or block, as browsers read HTML: its HTML builds more elements or attribute text than an entry's tags may (more than 10,000 copied)",
      fix: 'close the <b> where its text ends (</b>), and any other <b>, <i>, <a> or <font> left open, or write the emphasis in Markdown (**bold**, *italic*)',
    });
    expect(bodyTreeProblem(reopened(190, 60, true))).toBeUndefined();
    // One long attribute (or style) copied into each of 200 paragraphs: 400,000 characters from a 2.8 KB body.
    for (const attribute of [`title="${'x'.repeat(2_000)}"`, `style="display:inline;--p:${'x'.repeat(2_000)}"`]) {
      expect(bodyTreeProblem(longAttribute(attribute, 200))).toEqual(copiesProblem);
      expect(bodyTreeProblem(longAttribute(attribute, 200, true))).toBeUndefined();
    }
  });

  it('passes a tag or two left open across a long body: a clumsy paste, not a tree out of proportion', () => {
    // One bold left open over 5,000 paragraphs; an unclosed link of a long address over 100.
    expect(bodyTreeProblem(reopened(1, 5_000))).toBeUndefined();
    // A word processor's font and bold left open over 3,000 paragraphs of a sentence.
    expect(bodyTreeProblem(`<p><font face="Arial" size="2"><b>Title${'<p>A sentence of a few words.'.repeat(3_000)}\n`)).toBeUndefined();
    expect(bodyTreeProblem(longAttribute(`href="https://example.org/${'x'.repeat(75)}"`, 100))).toBeUndefined();
    // Four distinct ones over 10,000 paragraphs are four copies a start tag: 10,000 beyond the start tags' own.
    expect(bodyTreeProblem(reopened(4, 10_010))).toEqual(copiesProblem);
  });

  it("copies Markdown's own link into each block raw HTML inside its text makes, and refuses it past the limit", () => {
    // No formatting tag in the text: the link's address is copied into each of 100 paragraphs.
    const link = (paragraphs: number) => `[a${'</p><p>y'.repeat(paragraphs)}](https://example.org/${'x'.repeat(2_000)})\n`;
    expect(bodyTreeProblem(link(100))).toEqual(expect.objectContaining({ message: expect.stringContaining('a <a> left open (or another formatting tag) is reopened') }));
    expect(bodyTreeProblem(link(2))).toBeUndefined();
  });

  it("Markdown's own blocks after tags left open reopen them once, where the first block closes: no more copies", () => {
    // 5 bold elements, 61 paragraphs, and the 5 copies the line break after the first paragraph reopens at the top.
    const html = markdown.render(`${opens(5)}a${'\n\ny'.repeat(60)}\n`, {});
    expect(htmlTreeSize(html, UNBOUNDED).elements).toBe(3 + 5 + 61 + 5);
  });

  it('Markdown alone copies nothing: emphasis left unclosed is text, and a body without raw HTML is not rendered', () => {
    const render = vi.spyOn(markdown, 'render');
    // `**` and `<` nowhere closed: Markdown writes them as text.
    const body = `**a *b ~~c [d${'\n\ny *z'.repeat(3_000)}\n`;
    expect(bodyTreeProblem(body)).toBeUndefined();
    expect(render).not.toHaveBeenCalled();
    const html = markdown.render(body, {});
    expect(htmlTreeSize(html, UNBOUNDED).elements).toBe(3 + (html.match(/<[a-z]/g) ?? []).length);
  });

  it('counts what it builds through the parse it stops: the copies it refuses are never all built', () => {
    const built = vi.spyOn(defaultTreeAdapter, 'createElement');
    // Parsed whole, 190 copies in each of 2,000 paragraphs: 382,000 elements.
    const body = reopened(190, 2_000);
    expect(bodyTreeProblem(body)).toEqual(copiesProblem);
    const startTags = 1 + 190 + 2_000;
    expect(built.mock.calls.length).toBeLessThanOrEqual(4 * startTags + MAX_BODY_COPIES);
  });
});

describe('parseEntry: a body with tags left open copied past the limit', () => {
  it('is a problem on body, and nothing else of its HTML is read', () => {
    const body = `<img src="chart.png">${reopened(190, 60)}`;
    const parsed = parseEntry(entryText(entry(), body), 'entries/2014/reopened.md', { timezone: 'UTC', url: 'https://watch.example.org/' });
    expect(parsed.entry).toBeUndefined();
    expect(parsed.problems.map((problem) => [problem.file, problem.field, problem.message.slice(0, 14)])).toEqual([['entries/2014/reopened.md', 'body', 'a <b> left ope']]);
    expect(parsed.warnings).toEqual([]);
  });
});
