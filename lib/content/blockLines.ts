import type { MarkdownToken } from './markdownParser.js';

/**
 * The attribute that carries an element's line in the body (0-based) through the render to the sanitiser, which drops
 * it with every attribute it does not allow (sanitizeEntryHtml's `emptied`). Only `check` marks a body so.
 */
export const LINE_ATTRIBUTE = 'data-broadsheet-line';

// The elements whose lines are marked: those a body may leave empty that `check` names (emptiedElementWarning).
const MARKED = /^(?:h[1-6]|blockquote)$/;
// A Markdown link's or image's token: one whose address the sanitiser may drop (droppedAddressWarning).
const MARKED_INLINE = new Set(['link_open', 'image']);
// Their start tags in raw HTML (WHATWG HTML §13.2.5.8, a tag name ends at white space, / or >; a browser reads an
// image start tag as an img, §13.2.6.4.7).
const MARKED_START_TAG = /<(?:h[1-6]|blockquote|a|img|image)(?=[\t\n\f\r />])/gi;

/**
 * Marks each element of MARKED, each Markdown link and image and each raw HTML a and img with its line
 * (LINE_ATTRIBUTE): a Markdown block's from its token, an inline one and one in raw HTML from its block's first line
 * and the line breaks before it. A tag-like text in a comment or an attribute value
 * is marked too, which only adds an attribute no output keeps.
 */
export function markBlockLines(tokens: MarkdownToken[]): void {
  let blockLine = 0;
  for (const token of tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.nesting === 1 && token.map && MARKED.test(token.tag)) token.attrSet(LINE_ATTRIBUTE, String(token.map[0]));
    if (token.type === 'html_block') token.content = marked(token.content, blockLine);
    if (token.type !== 'inline' || !token.children) continue;
    // An inline token's children have no map: its lines are counted from its block's.
    let line = blockLine;
    for (const child of token.children) {
      if (MARKED_INLINE.has(child.type)) child.attrSet(LINE_ATTRIBUTE, String(line));
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      else if (child.type === 'html_inline') child.content = marked(child.content, line);
      else line += child.content.split('\n').length - 1;
    }
  }
}

function marked(html: string, firstLine: number): string {
  return html.replace(MARKED_START_TAG, (tag, offset: number) => `${tag} ${LINE_ATTRIBUTE}="${firstLine + html.slice(0, offset).split('\n').length - 1}"`);
}
