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
// Their names as raw HTML start tags (a browser reads an image start tag as an img, WHATWG HTML §13.2.6.4.7).
const MARKED_NAME = /^(?:h[1-6]|blockquote|a|img|image)$/i;
// A tag's `<`, its `/` if an end tag, and its name (§13.2.5.6–8: an ASCII letter, then up to white space, / or >).
const TAG_NAME = /<(\/?)([A-Za-z][^\t\n\f\r />]*)/y;
// After a comment's `<!--`, up to where HTML ends it (§13.2.5.43–52).
const COMMENT_REST = /-?>|[\s\S]*?--!?>/y;
// Elements whose text holds no tag (§13.2.5.2–5: RCDATA, RAWTEXT, script data, PLAINTEXT), up to their end tag.
const RAW_TEXT = new Set(['title', 'textarea', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'script', 'plaintext']);
const SPACE = /[\t\n\f\r ]/;

/**
 * Marks each element of MARKED, each Markdown link and image and each raw HTML a and img with its line
 * (LINE_ATTRIBUTE): a Markdown block's from its token, an inline one and one in raw HTML from its block's first line
 * and the line breaks before it. A tag-like text in an attribute value, a comment or an element of raw text is not
 * marked: an attribute put into a quoted value would end it, and change what `check` reads (`alt="<a>"`).
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
  let written = '';
  let from = 0;
  let lower: string | undefined;
  for (let at = html.indexOf('<'); at !== -1; ) {
    let next = at + 1;
    TAG_NAME.lastIndex = at;
    const tag = html.startsWith('<!--', at) ? undefined : TAG_NAME.exec(html);
    if (html.startsWith('<!--', at)) {
      COMMENT_REST.lastIndex = at + 4;
      next = COMMENT_REST.test(html) ? COMMENT_REST.lastIndex : html.length;
    } else if (tag) {
      const name = tag[1] ? '' : tag[2]!.toLowerCase();
      const nameEnd = TAG_NAME.lastIndex;
      if (MARKED_NAME.test(name) && nameEnd < html.length) {
        written += `${html.slice(from, nameEnd)} ${LINE_ATTRIBUTE}="${firstLine + html.slice(0, at).split('\n').length - 1}"`;
        from = nameEnd;
      }
      next = tagEnd(html, nameEnd);
      if (RAW_TEXT.has(name)) {
        const close = (lower ??= html.toLowerCase()).indexOf(`</${name}`, next);
        next = close === -1 ? html.length : close;
      }
    }
    at = html.indexOf('<', next);
  }
  return written + html.slice(from);
}

/**
 * Where a tag ends, from the end of its name: after its `>`, or at the end of the HTML. A quoted attribute value may
 * hold `>`; a quote only opens a value after `=` (WHATWG HTML §13.2.5.32–39, the attribute states; an end tag's too).
 */
function tagEnd(html: string, from: number): number {
  // Whether an attribute's name was read since the tag's name, a value or a `/`: a `=` then begins its value, where it
  // would otherwise begin a name (after white space too: `alt = "…"`).
  let named = false;
  for (let at = from; at < html.length; at++) {
    const char = html[at]!;
    if (char === '>') return at + 1;
    if (char === '/') named = false;
    else if (char === '=' && named) {
      // Before the value: white space, then a quoted value, or an unquoted one, which ends at white space or `>`.
      do at++;
      while (at < html.length && SPACE.test(html[at]!));
      const quote = html[at];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, at + 1);
        if (close === -1) return html.length;
        at = close;
      } else while (at < html.length && !SPACE.test(html[at]!) && html[at] !== '>') at++;
      if (html[at] === '>') return at + 1;
      named = false;
    } else if (!SPACE.test(char)) named = true;
  }
  return html.length;
}
