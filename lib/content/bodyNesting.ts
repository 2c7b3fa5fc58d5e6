import type { Problem } from '../shared/errors.js';
import { htmlNestingDepth } from './htmlNestingDepth.js';
import { MAX_BODY_NESTING } from './limits.js';
import { markdown } from './markdownParser.js';

// The characters each element Markdown writes inside a paragraph needs (emphasis, strikethrough, a link, raw HTML).
const INLINE_MARKS = /[*_~[<]/g;
// Markdown's blocks nest at most markdown-it's maxNesting (100) deep, with a footnote's list and item around them and
// a leaf (code, a bare link) inside.
const BLOCK_DEPTH = 105;

/**
 * The problem of a body whose HTML (its Markdown rendered, raw HTML with it) nests deeper than MAX_BODY_NESTING, or
 * undefined. Found by a parse that stops at the limit (htmlNestingDepth), before any other reading of the HTML:
 * `check` finds it as fast as any other problem, and no publish parses the whole of such a body.
 */
export function bodyNestingProblem(body: string): Pick<Problem, 'message' | 'fix'> | undefined {
  // Each element inside a paragraph takes one of these characters (a table's implied parts at most two more): a
  // body with few cannot nest deep, and is not rendered.
  const marks = body.match(INLINE_MARKS)?.length ?? 0;
  if (BLOCK_DEPTH + 3 * marks <= MAX_BODY_NESTING) return undefined;
  const depth = htmlNestingDepth(markdown.render(body, {}), MAX_BODY_NESTING);
  if (depth <= MAX_BODY_NESTING) return undefined;
  return {
    message: `nests its elements more than ${MAX_BODY_NESTING} deep, the limit for an entry (an element opened inside another that many times, as when HTML tags are opened and never closed)`,
    fix: 'close each HTML tag you open (</ul>, </div>, </em>), or write the passage in Markdown; the pages show 100 levels at most',
  };
}
