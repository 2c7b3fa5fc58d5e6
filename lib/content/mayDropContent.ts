import { DROPPED_WITH_CONTENT, HIDING_ATTRIBUTE_WORDS } from './htmlElementSets.js';
import type { MarkdownToken } from './markdownParser.js';

/**
 * A start tag of one of `names` or a dialog, or one with a word that may hide its element in it (HIDING_ATTRIBUTE_WORDS),
 * in a quoted value or not. A tag is read as far as its first `<` or `>` outside quotes: never past the next `<` but
 * inside a quoted value, so that the test reads each character a bounded number of times, whatever the HTML.
 */
export function startTagThatMayDrop(names: readonly string[]): RegExp {
  return new RegExp(`<(?:dialog|${names.join('|')})\\b|<[A-Za-z](?:[^<>"']|"[^"]*"|'[^']*')*?(?:"[^"]*?|'[^']*?)?(?:${HIDING_ATTRIBUTE_WORDS})`, 'i');
}

// And a MathML formula, which the browser's tree publishes as its text (withoutDroppedElements, mathText); a video or
// audio made a link (embedLink) drops its fallback; a ruby's annotations are put in parentheses
// (rubyTextWithoutParentheses); an image start tag is an img in a browser's tree (WHATWG HTML §13.2.6.4.7, "A start tag
// whose tag name is \"image\""), which the sanitiser's parser would read as an unknown element holding the rest.
const MAY_DROP = startTagThatMayDrop([...DROPPED_WITH_CONTENT, 'math', 'video', 'audio', 'ruby', 'image']);

/**
 * Whether a body's raw HTML (its Markdown tokens' html_block and html_inline) has a start tag of an element the
 * sanitiser may drop with its content (isDroppedElement), or of a formula. Only then does where a browser ends that element decide what
 * a reader sees, and only then are the output and the summary read from the browser's tree: an ordinary body pays nothing.
 */
export function mayDropContent(tokens: readonly MarkdownToken[]): boolean {
  for (const token of tokens) {
    if (token.type === 'html_block' && MAY_DROP.test(token.content)) return true;
    if (token.type === 'inline' && token.children?.some((child) => child.type === 'html_inline' && MAY_DROP.test(child.content))) return true;
  }
  return false;
}
