import type { Problem } from '../shared/errors.js';
import { htmlTreeSize, type TreeSize } from './htmlTreeSize.js';
import { MAX_BODY_COPIES, MAX_BODY_NESTING } from './limits.js';
import { markdown } from './markdownParser.js';

// How deep an element can stand, counted from its parents, and what each parent needs in the body:
// - Markdown's blocks nest at most markdown-it's maxNesting (100) levels, a table's four and a footnote's list and
//   item among or around them: BLOCK_DEPTH in all.
// - An element raw HTML builds needs a start tag (`<` and a letter; an autolink too), and one tag builds at most
//   three (`<td>` in a table: tbody, tr, td); a formatting element the tree building reopens in a later block
//   (WHATWG HTML §13.2.4.3) is one its start tag built, reopened in its place. Counted over the whole body: an
//   element opened and left open holds what follows it.
// - An element Markdown writes inside a paragraph that holds another needs a delimiter of its own, `*`, `_`, `~` or
//   `[` (emphasis, strikethrough, a link, a footnote reference's sup), in that paragraph: a paragraph ends at a
//   blank line, and Markdown closes what it opens within it. Counted per blank-line-separated block.
// - The deepest element, which holds nothing, needs none (code, a bare link, an image, a footnote reference's a).
const BLOCK_DEPTH = 105;
const START_TAG = /<[A-Za-z]/g;
const DELIMITERS = /[*_~[]/g;
const BLANK_LINE = /\n[ \t]*\n/;
// Markdown alone writes each element it opens and its end tag in order, so the tree building copies nothing: a
// formatting element is left open, or closed by an end tag of another, by raw HTML alone (a tag, `<` and a letter
// or `/`; an autolink counts too, and costs only a parse).
const RAW_TAG = /<[A-Za-z/]/;

// Every tag starts with a `<`, which most Markdown bodies do not hold: a scan for it before START_TAG's or RAW_TAG's.
const mayHoldTag = (body: string) => body.includes('<');

/** How many times `pattern` (global) matches `text`. */
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** The most any element can nest in `body`'s HTML, from what it holds (see above): at least its depth. */
function deepestPossible(body: string): number {
  const base = BLOCK_DEPTH + 1 + 3 * (mayHoldTag(body) ? count(body, START_TAG) : 0);
  const delimiters = count(body, DELIMITERS);
  // Most bodies stop here, without splitting into blocks.
  if (base + delimiters <= MAX_BODY_NESTING) return base + delimiters;
  let most = 0;
  for (const block of body.split(BLANK_LINE)) most = Math.max(most, count(block, DELIMITERS));
  return base + most;
}

/** The problem of a tree that passed a limit (htmlTreeSize), in the words an editor can act on. */
function treeProblem(size: TreeSize): Pick<Problem, 'message' | 'fix'> {
  if (size.passed === 'depth') {
    return {
      message: `nests its elements more than ${MAX_BODY_NESTING} deep, the limit for an entry (an element opened inside another that many times: HTML tags opened and never closed, or lists or quotes nested that deep)`,
      fix: 'close each HTML tag you open (</ul>, </div>, </em>); where they are closed, flatten the nesting (a list of a few levels, headings for the rest) or write the passage in Markdown; the pages show 100 levels at most',
    };
  }
  const tag = size.tagName ?? 'b';
  return {
    message: `a <${tag}> left open (or another formatting tag) is reopened, attributes and all, in every later paragraph or block, as browsers read HTML: its HTML builds more elements or attribute text than an entry's tags may (more than ${MAX_BODY_COPIES.toLocaleString('en-US')} copied)`,
    fix: `close the <${tag}> where its text ends (</${tag}>), and any other <b>, <i>, <a> or <font> left open, or write the emphasis in Markdown (**bold**, *italic*)`,
  };
}

/**
 * The problem of a body whose HTML (its Markdown rendered, raw HTML with it) nests deeper than MAX_BODY_NESTING,
 * or builds more than MAX_BODY_COPIES elements or attribute characters beyond what its tags build, or undefined.
 * Found by a parse that stops at the first limit passed (htmlTreeSize), before any other reading of the HTML:
 * `check` finds it as fast as any other problem, and no publish parses the whole of such a body. A body that can
 * neither nest so deep (deepestPossible) nor have anything copied (no raw HTML) is not rendered.
 */
export function bodyTreeProblem(body: string): Pick<Problem, 'message' | 'fix'> | undefined {
  if (deepestPossible(body) <= MAX_BODY_NESTING && !(mayHoldTag(body) && RAW_TAG.test(body))) return undefined;
  const html = markdown.render(body, {});
  const size = htmlTreeSize(html, {
    depth: MAX_BODY_NESTING,
    elements: 4 * count(html, START_TAG) + MAX_BODY_COPIES,
    attributeChars: 2 * html.length + MAX_BODY_COPIES,
  });
  return size.passed === undefined ? undefined : treeProblem(size);
}
