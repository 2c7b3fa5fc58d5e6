import { markdown, type MarkdownToken } from './markdownParser.js';

// What code holds is shown as code: fenced and indented blocks, and inline code spans.
const CODE = new Set(['fence', 'code_block', 'code_inline']);

/**
 * A Markdown body's text without its code, as markdown-it reads it: its words and raw HTML as typed, each block and
 * each code span a line apart, then the address of each link and image on a line of its own. A shortcode written in
 * code (`` `[caption]` `` in a post about WordPress) is documentation, not a leftover of an export.
 */
export function proseText(body: string): string {
  const text: string[] = [];
  const addresses: string[] = [];
  const read = (tokens: readonly MarkdownToken[]) => {
    for (const token of tokens) {
      if (CODE.has(token.type)) text.push('\n');
      else if (token.type === 'inline' || token.type === 'image') {
        if (token.type === 'image') addresses.push(markdown.normalizeLinkText(String(token.attrGet('src') ?? '')));
        read(token.children ?? []);
      } else if (token.type === 'link_open') addresses.push(markdown.normalizeLinkText(String(token.attrGet('href') ?? '')));
      else if (token.type === 'text' || token.type === 'html_inline' || token.type === 'html_block') text.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak' || token.block) text.push('\n');
      // Emphasis and the like, whose marks (`*`, `~~`) are typed within the text.
      else if (!token.type.startsWith('link_') && !token.type.startsWith('footnote_')) text.push(token.markup);
    }
  };
  read(markdown.parse(body, {}));
  return [text.join(''), ...addresses].join('\n');
}
