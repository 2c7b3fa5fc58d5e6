import { markBlockLines } from './blockLines.js';
import { markdown, type MarkdownToken } from './markdownParser.js';
import { nextHeadingLevel } from './repairHtml.js';

/** An entry body's Markdown tokens as renderMarkdown renders them, and whether they hold raw HTML. */
export interface BodyTokens {
  tokens: MarkdownToken[];
  raw: boolean;
}

/**
 * The parse step of renderMarkdown, before any rendering or sanitising: the body's tokens (with each block's line
 * marked when `markLines`, markBlockLines), and, when they hold no raw HTML, headings releveled and links inside
 * links unnested (raw HTML is mended after the render instead). The first paragraph (firstParagraphText) is read
 * from these tokens.
 */
export function bodyTokens(body: string, env: Parameters<typeof markdown.parse>[1], markLines: boolean): BodyTokens {
  const tokens = markdown.parse(body, env);
  if (markLines) markBlockLines(tokens);
  const raw = hasRawHtml(tokens);
  if (!raw) {
    relevelHeadings(tokens);
    unnestLinks(tokens);
  }
  return { tokens, raw };
}

function hasRawHtml(tokens: MarkdownToken[]): boolean {
  for (const token of tokens) {
    if (token.type === 'html_block') return true;
    if (token.type === 'inline' && token.children?.some((child) => child.type === 'html_inline')) return true;
  }
  return false;
}

/** Each heading at most one level below the one before it, from h2 (nextHeadingLevel). */
function relevelHeadings(tokens: MarkdownToken[]): void {
  let previous = 1;
  for (let index = 0; index < tokens.length; index++) {
    const open = tokens[index]!;
    if (open.type !== 'heading_open') continue;
    previous = nextHeadingLevel(Number(open.tag.slice(1)), previous);
    open.tag = `h${previous}`;
    // The heading's inline token, then its close.
    const close = tokens[index + 2];
    if (close?.type === 'heading_close') close.tag = open.tag;
  }
}

/**
 * A link inside a link's text is its text alone: an autolink (`[see <https://a.example/>](https://b.example/)`, or
 * a bare URL linkify finds there) would otherwise put an a inside an a, which HTML forbids (WHATWG HTML §4.5.1).
 */
function unnestLinks(tokens: MarkdownToken[]): void {
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children?.some((child) => child.type === 'link_open')) continue;
    let depth = 0;
    token.children = token.children.filter((child) => {
      if (child.type === 'link_open') return ++depth === 1;
      if (child.type === 'link_close') return depth-- === 1;
      return true;
    });
  }
}
