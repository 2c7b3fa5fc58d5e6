import { markBlockLines } from './blockLines.js';
import { firstParagraphText } from './firstParagraph.js';
import type { FootnoteIds } from './footnoteIds.js';
import { markdown, type MarkdownToken } from './markdownParser.js';
import { mayDropContent } from './mayDropContent.js';
import { nextHeadingLevel, repairEntryHtml } from './repairHtml.js';
import { sanitizeEntryHtml } from './sanitizeHtml.js';
import { withoutDroppedElements } from './withoutDroppedElements.js';

export interface RenderedBody {
  /** Sanitised HTML with absolute links. */
  html: string;
  /** The first paragraph as plain text, the default summary ('' when the body has none). */
  firstParagraph: string;
}

/**
 * An element the sanitiser dropped as left empty (a heading, a quotation), or a link or image whose address it dropped,
 * with its line in the body (0-based) where known.
 */
export interface EmptiedElement {
  tag: string;
  line?: number;
}

/**
 * Renders an entry's Markdown body (footnotes with the entry's own ids, `notes`), then sanitises it (see sanitizeEntryHtml) and makes it valid HTML. Markdown
 * alone gives valid HTML but for skipped heading levels and links inside links, both mended on the tokens; raw HTML is repaired
 * (repairEntryHtml) and sanitised again, so the repair can add nothing the sanitiser would not keep. Each element dropped
 * as left empty is added to `emptied`, when given (emptiedElementWarning), and each link and image whose address is
 * dropped to `refused` (droppedAddressWarning), with its line (markBlockLines).
 */
export function renderMarkdown(body: string, baseUrl: string, notes?: FootnoteIds, emptied?: EmptiedElement[], refused?: EmptiedElement[]): RenderedBody {
  // The footnotes' parse and render share env: the plugin keeps the notes there and reads docId (without it, no ids stay).
  const env = notes === undefined ? {} : { docId: notes.docId };
  const tokens = markdown.parse(body, env);
  if (emptied || refused) markBlockLines(tokens);
  const teller = (list: EmptiedElement[] | undefined) => list && ((tag: string, line: number | undefined) => list.push(line === undefined ? { tag } : { tag, line }));
  const told = teller(emptied);
  const raw = hasRawHtml(tokens);
  if (!raw) {
    relevelHeadings(tokens);
    unnestLinks(tokens);
  }
  const rendered = markdown.renderer.render(tokens, markdown.options, env);
  // What raw HTML hides, as a browser ends each element, before the sanitiser's parser reads the rest.
  const read = raw && mayDropContent(tokens);
  // The last pass levels again the headings after one it drops as empty, and gives the line of one only it drops.
  let html = sanitizeEntryHtml(read ? withoutDroppedElements(rendered) : rendered, baseUrl, notes, { hidingRead: read, relevel: !raw, emptied: told, refused: teller(refused), keepLines: raw && told !== undefined });
  if (raw) html = sanitizeEntryHtml(repairEntryHtml(html), baseUrl, notes, { relevel: true, emptied: told });
  return { html, firstParagraph: firstParagraphText(tokens) };
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

/** An entry whose output needs only its summary text, not its HTML. */
export interface RenderedSummary {
  firstParagraph: string;
  html?: undefined;
}
