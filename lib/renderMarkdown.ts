import MarkdownIt from 'markdown-it';
import { sanitizeEntryHtml } from './sanitizeHtml.js';

// Raw HTML is allowed in the Markdown and then sanitised; typographer stays off so text reads back as typed.
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

type MarkdownToken = ReturnType<typeof markdown.parse>[number];

export interface RenderedBody {
  /** Sanitised HTML with absolute links. */
  html: string;
  /** The first paragraph as plain text, the default summary ('' when the body has none). */
  firstParagraph: string;
}

/** Renders an entry's Markdown body, then sanitises it (see sanitizeEntryHtml). */
export function renderMarkdown(body: string, baseUrl: string): RenderedBody {
  const tokens = markdown.parse(body, {});
  const html = sanitizeEntryHtml(markdown.renderer.render(tokens, markdown.options, {}), baseUrl);
  return { html, firstParagraph: firstParagraphText(tokens) };
}

/** Only the first paragraph as plain text (see RenderedBody): a parse, no HTML rendering, no sanitising. */
export function firstParagraphOf(body: string): string {
  return firstParagraphText(markdown.parse(body, {}));
}

/** An entry whose output needs only its summary text, not its HTML. */
export interface RenderedSummary {
  firstParagraph: string;
  html?: undefined;
}

function firstParagraphText(tokens: MarkdownToken[]): string {
  const opening = tokens.findIndex((token) => token.type === 'paragraph_open');
  const inline = opening >= 0 ? tokens[opening + 1] : undefined;
  if (!inline || inline.type !== 'inline') return '';
  return inlineText(inline.children ?? []).replace(/\s+/g, ' ').trim();
}

function inlineText(tokens: MarkdownToken[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    else if (token.type === 'image') text += inlineText(token.children ?? []);
  }
  return text;
}
