import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import type { MarkdownToken } from './markdownParser.js';
import { BLOCK_CONTAINERS } from './htmlElementSets.js';
import { parseBodyHtml } from './parseBodyHtml.js';

/**
 * The attribute that carries an element's line in the body (0-based) through the render to the sanitiser, which drops
 * it with every attribute it does not allow (sanitizeEntryHtml's `emptied`). Only `check` marks a body so.
 */
export const LINE_ATTRIBUTE = 'data-broadsheet-line';

/**
 * The elements a body may leave empty that `check` names (emptiedElementWarning), whose lines are marked: a heading, a
 * quotation, a code block, a list or its item, a figure, a caption or a table.
 */
export const NAMED_WHEN_EMPTIED = /^(?:h[1-6]|blockquote|pre|ul|ol|li|dl|figure|figcaption|caption|table)$/;

/**
 * Whether `check` names an element the sanitiser dropped as left empty: one of NAMED_WHEN_EMPTIED, or a paragraph of
 * characters of no width (`noWidth`), which an editor cannot see in the source; not a paragraph of `&nbsp;` or a
 * `<br>` alone, a spacer typed on purpose, nor one an image dropped for its address emptied (the dropped-address
 * warning names it).
 */
export function isNamedWhenEmptied(element: { tag: string; noWidth?: boolean }): boolean {
  return NAMED_WHEN_EMPTIED.test(element.tag) || (element.tag === 'p' && element.noWidth === true);
}
// The blocks whose lines are marked: those named, and a paragraph.
const MARKED_BLOCK = /^(?:p|h[1-6]|blockquote|pre|ul|ol|li|dl|figure|figcaption|caption|table)$/;
// A code block's token (a fence's attributes go on its code, an indented one's on its pre).
const CODE = new Set(['fence', 'code_block']);
// A Markdown link's or image's token: one whose address the sanitiser may drop (droppedAddressWarning).
const MARKED_INLINE = new Set(['link_open', 'image']);
// Their elements in raw HTML, as a browser names them (an image start tag makes an img, WHATWG HTML §13.2.6.4.7), and a
// quick look for one of their start tags before any parse. A dt or dd too: one outside a dl gives its line to the dl
// the repair puts it in (repairEntryHtml), which has none of its own; and a div, or a container the sanitiser makes
// one (BLOCK_CONTAINERS), which the repair makes a p when it holds text alone: the p keeps its line.
const CONTAINERS = ['div', ...BLOCK_CONTAINERS].join('|');
const MARKED_ELEMENT = new RegExp(`^(?:p|h[1-6]|blockquote|pre|ul|ol|li|dl|dt|dd|figure|figcaption|caption|table|a|img|${CONTAINERS})$`);
const MAY_HOLD_MARKED = new RegExp(`<(?:p|h[1-6]|blockquote|pre|ul|ol|li|dl|dt|dd|figure|figcaption|caption|table|a|img|image|${CONTAINERS})(?=[\\t\\n\\f\\r />])`, 'i');
// A start tag's `<` and name as written (§13.2.5.6–8: an ASCII letter, then up to white space, / or >).
const TAG_NAME = /<[A-Za-z][^\t\n\f\r />]*/y;

type ParentNode = DefaultTreeAdapterMap['parentNode'];

/**
 * Marks each element of NAMED_WHEN_EMPTIED and each paragraph (a Markdown code block too), each Markdown link and image and each raw HTML a and img with its line
 * (LINE_ATTRIBUTE): a Markdown block's from its token, an inline one and one in raw HTML from its block's first line
 * and the line breaks before it. A tag-like text in an attribute value, a comment or an element of raw text is not
 * marked: an attribute put into a quoted value would end it, and change what `check` reads (`alt="<a>"`).
 */
export function markBlockLines(tokens: MarkdownToken[]): void {
  let blockLine = 0;
  for (const token of tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.map && ((token.nesting === 1 && MARKED_BLOCK.test(token.tag)) || CODE.has(token.type))) token.attrSet(LINE_ATTRIBUTE, String(token.map[0]));
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

/**
 * The raw HTML with LINE_ATTRIBUTE after the name of each start tag of MARKED_ELEMENT, as parse5 finds them (so a
 * tag-like text in an attribute value, a comment or an element of raw text is none).
 */
function marked(html: string, firstLine: number): string {
  if (!MAY_HOLD_MARKED.test(html)) return html;
  // The offsets of their `<`: a set, as an element the parser makes again (a formatting element reopened) has the
  // same start tag.
  const starts = new Set<number>();
  const visit = (parent: ParentNode): void => {
    for (const node of parent.childNodes) {
      if (!defaultTreeAdapter.isElementNode(node)) continue;
      const start = node.sourceCodeLocation?.startTag;
      if (start && MARKED_ELEMENT.test(node.tagName)) starts.add(start.startOffset);
      visit(node);
      if (node.nodeName === 'template' && 'content' in node) visit(node.content as ParentNode);
    }
  };
  visit(parseBodyHtml(html, true));
  let written = '';
  let from = 0;
  for (const at of [...starts].sort((a, b) => a - b)) {
    TAG_NAME.lastIndex = at;
    if (!TAG_NAME.test(html)) continue;
    const nameEnd = TAG_NAME.lastIndex;
    written += `${html.slice(from, nameEnd)} ${LINE_ATTRIBUTE}="${firstLine + html.slice(0, at).split('\n').length - 1}"`;
    from = nameEnd;
  }
  return written + html.slice(from);
}
