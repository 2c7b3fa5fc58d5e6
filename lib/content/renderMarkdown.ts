import { bodyTokens } from './bodyTokens.js';
import { firstParagraphText } from './firstParagraph.js';
import type { FootnoteIds } from './footnoteIds.js';
import { markdown } from './markdownParser.js';
import { mayDropContent } from './mayDropContent.js';
import { repairEntryHtml } from './repairHtml.js';
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
  /** A paragraph's: its text held a character of no width (isNamedWhenEmptied). */
  noWidth?: true;
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
  const { tokens, raw } = bodyTokens(body, env, emptied !== undefined || refused !== undefined);
  const teller = (list: EmptiedElement[] | undefined) => list && ((tag: string, line: number | undefined, noWidth = false) => list.push({ tag, ...(line === undefined ? {} : { line }), ...(noWidth ? { noWidth } : {}) }));
  const told = teller(emptied);
  const rendered = markdown.renderer.render(tokens, markdown.options, env);
  // What raw HTML hides, as a browser ends each element, before the sanitiser's parser reads the rest.
  const read = raw && mayDropContent(tokens);
  // The last pass levels again the headings after one it drops as empty, and gives the line of one only it drops.
  let html = sanitizeEntryHtml(read ? withoutDroppedElements(rendered) : rendered, baseUrl, notes, { hidingRead: read, relevel: !raw, emptied: told, refused: teller(refused), keepLines: raw && told !== undefined });
  if (raw) html = sanitizeEntryHtml(repairEntryHtml(html), baseUrl, notes, { relevel: true, emptied: told });
  return { html, firstParagraph: firstParagraphText(tokens) };
}

/** An entry whose output needs only its summary text, not its HTML. */
export interface RenderedSummary {
  firstParagraph: string;
  html?: undefined;
}
