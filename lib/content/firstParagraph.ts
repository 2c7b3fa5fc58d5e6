import { isBlankText } from './blankText.js';
import { boilerplateParagraph } from './boilerplateParagraph.js';
import { droppedInTokens } from './droppedInTokens.js';
import { EMBEDS } from './embedLink.js';
import { htmlInlineText, htmlParagraphText, htmlStandInText, inlineImageAlt, inlineTagText } from './htmlParagraphText.js';
import { MAX_TEXT_CHARS } from './limits.js';
import { markdown, type MarkdownToken } from './markdownParser.js';
import { refusedAddress } from './refusedAddress.js';
import { textExcerpt } from './textExcerpt.js';

// A paragraph ends at a blank line, and nothing after it changes how it reads but a reference definition
// (`[label]: url`) for one of its links. Any `]:` at all sends the body to the full parse.
const FIRST_BLANK_LINE = /\n[ \t]*\n/;

/** Set when the default summary was cut (defaultSummary): the paragraph was longer than a written summary may be. */
export interface SummaryCut {
  cut: boolean;
}

/**
 * A first paragraph's text as the default summary: cut to MAX_TEXT_CHARS.summary, the most a written `summary:` may
 * have, after a word and with "…" (textExcerpt). Every feed that carries the entry, its page, the index and the
 * digest repeat it, and a paragraph may be most of a 100 KB entry.
 */
function defaultSummary(text: string, shortened?: SummaryCut): string {
  const summary = textExcerpt(text, MAX_TEXT_CHARS.summary);
  if (shortened && summary !== text) shortened.cut = true;
  return summary;
}

/**
 * Only the first paragraph as plain text, as the default summary (defaultSummary; see RenderedBody): a parse, no HTML
 * rendering, no sanitising. When the body opens with a paragraph and defines no references, only the text up to the
 * first blank line is parsed.
 */
export function firstParagraphOf(body: string, skipped?: string[], shortened?: SummaryCut): string {
  return defaultSummary(uncutFirstParagraphOf(body, skipped), shortened);
}

function uncutFirstParagraphOf(body: string, skipped?: string[]): string {
  const plain = plainFirstParagraph(body);
  if (plain !== undefined) return plain;
  if (!body.includes(']:')) {
    const end = body.search(FIRST_BLANK_LINE);
    const tokens = markdown.parse(end < 0 ? body : body.slice(0, end), {});
    // Only a paragraph of words settles it: one that shows nothing but an image leaves the choice to what follows.
    if (tokens[0]?.type === 'paragraph_open') {
      const passed: string[] = [];
      const found = firstParagraphs(tokens, passed);
      if (found.words !== undefined) {
        skipped?.push(...passed);
        return found.words;
      }
    }
  }
  const found = firstParagraphs(markdown.parse(body, {}), skipped);
  return found.words ?? found.other ?? '';
}

// Most first paragraphs are plain prose, perhaps with a link or a word in emphasis, and markdown-it's parse was
// most of a publish's parse phase. Prose is text in which no character can start inline syntax (escapes, code,
// emphasis, HTML, entities, links, images, strikethrough, tables; `%` and `xn--`, which linkify's displayed text
// would decode) and no line can open another block or turn the paragraph into a heading; markdown-it's tokens
// then hold exactly that text. Simple links and emphasis are first replaced by their text, where CommonMark's
// rules leave no doubt: a link `[text](url)` after a space whose text and URL hold nothing special, and `*text*` or `**text**`
// opening after a space and closing before a space or punctuation. tests/unit/content/firstParagraph.test.ts
// compares all of it with markdown-it.
const SPECIAL = '\\\\`*_<>&[\\]!~|%\\r\\0\\t\\f\\v';
const INLINE_CHARACTER = new RegExp(`[${SPECIAL}]`);
const PUNYCODE = /xn--/i;
const BLOCK_START = /^ *(?:[#>=+*-]|\d+[.)])/m;
// The URL is http(s) or has no scheme: markdown-it refuses javascript:, data: and the like, and leaves the text as
// typed. The link follows a space: a bare URL just before it would swallow it (linkify).
const URL_CHARACTER = `[^\\s()<>\\\\"'\`%]`;
const SIMPLE_LINK = new RegExp(`(^|\\s)\\[([^${SPECIAL}\\n]*)\\]\\((?:https?://${URL_CHARACTER}+|(?!${URL_CHARACTER}*:)${URL_CHARACTER}+)\\)`, 'gi');
const SIMPLE_EMPHASIS = new RegExp(`(^|\\s)(\\*\\*?)([A-Za-z0-9](?:[^${SPECIAL}\\n]*[A-Za-z0-9])?)\\2(?=[\\s.,;:?)]|$)`, 'g');

/** The first paragraph's text when it is prose (some words) at the very start of the body; otherwise undefined. */
export function plainFirstParagraph(body: string): string | undefined {
  const first = body.charCodeAt(0);
  // Empty, or opening with a blank line or an indent (an indented code block): the parser decides.
  if (Number.isNaN(first) || first === 32 || first === 10) return undefined;
  const end = body.search(FIRST_BLANK_LINE);
  const block = end < 0 ? body : body.slice(0, end);
  if (BLOCK_START.test(block)) return undefined;
  if (PUNYCODE.test(block)) return undefined;
  let text = block;
  if (INLINE_CHARACTER.test(text)) {
    text = text.replace(SIMPLE_LINK, '$1$2').replace(SIMPLE_EMPHASIS, '$1$3');
    if (INLINE_CHARACTER.test(text)) return undefined;
  }
  // As /\s+/g → ' ', but a lone space is left alone rather than replaced by a copy of itself.
  const words = text.replace(WHITESPACE_TO_SPACE, ' ').trim();
  // A paragraph of white space or characters of no width alone (U+3000, U+200B, say) is passed over for the next: the
  // parser finds it.
  if (isBlankText(words)) return undefined;
  // A newsletter's "View this email in your browser" line: the parser's reading passes over it, and names it.
  if (boilerplateParagraph(words) !== undefined) return undefined;
  // Then a copy: a slice would keep the whole entry file alive in the index.
  return (' ' + words).slice(1);
}

const WHITESPACE_TO_SPACE = /\s{2,}|[^\S ]/g;

/**
 * The first paragraph of parsed tokens as text, or the text standing in for it (firstParagraphs), as the default
 * summary (defaultSummary); '' when there is none.
 */
export function firstParagraphText(tokens: MarkdownToken[], skipped?: string[]): string {
  const found = firstParagraphs(tokens, skipped);
  return defaultSummary(found.words ?? found.other ?? '');
}

/**
 * The text of the first paragraph of words, and of the first paragraph or heading with any text (a list item's, an
 * image's alt, a heading's): a body that opens with a chart, or a heading and a list of points, is summed up by the
 * prose that follows, and only a body with no such paragraph by the first text it has. A paragraph that shows no
 * text (an image without alt, an empty span) is passed over, and so is one of an email's boilerplate
 * (boilerplateParagraph: "View this email in your browser", a forwarded mail's header), its text added to `skipped`.
 */
function firstParagraphs(tokens: MarkdownToken[], skipped?: string[]): { words?: string; other?: string } {
  let other: string | undefined;
  let lists = 0;
  // What raw HTML hides (a preheader in `<div style="display:none">`, the Markdown paragraphs after it until it
  // closes) is no part of any paragraph's text.
  const dropped = droppedInTokens(tokens);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') lists++;
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') lists--;
    // A paragraph written as raw HTML (`<p>…</p>`, a commentary pasted from a CMS) is a paragraph too: without it,
    // such a body had the paragraph after it as its summary, or none at all.
    if (token.type === 'html_block') {
      const html = dropped?.html.get(token) ?? token.content;
      const text = htmlParagraphText(html, skipped);
      if (text !== undefined) return { words: text };
      other ??= htmlStandInText(html, skipped);
      continue;
    }
    // A heading's text stands in when nothing else does: a body of a heading and a table is summed up by its heading.
    if (token.type === 'heading_open' && other === undefined) {
      const heading = tokens[index + 1];
      if (heading?.type === 'inline') {
        const text = inlineText(heading.children ?? [], dropped?.hidden, dropped?.html).replace(/\s+/g, ' ').trim();
        if (!isBlankText(text)) other = text;
      }
      continue;
    }
    if (token.type !== 'paragraph_open') continue;
    const inline = tokens[index + 1];
    if (!inline || inline.type !== 'inline') continue;
    const children = inline.children ?? [];
    const text = inlineText(children, dropped?.hidden, dropped?.html).replace(/\s+/g, ' ').trim();
    if (boilerplateParagraph(text) !== undefined) {
      skipped?.push(text);
      continue;
    }
    // A paragraph that shows images alone (a chart, perhaps linked) stands in by their alt text, whether each is written
    // in Markdown or as an inline img.
    const images = imagesText(children, dropped?.hidden, dropped?.html)?.replace(/\s+/g, ' ').trim();
    if (images !== undefined) {
      if (!isBlankText(images)) other ??= images;
      continue;
    }
    // Text that shows nothing (white space, characters of no width), as the sanitiser drops it.
    if (isBlankText(text)) {
      // A video written inline (`<video src=…></video>` is no HTML block in CommonMark) stands in as its link reads.
      if (children.some((child) => child.type === 'html_inline' && INLINE_EMBED.test(child.content) && !dropped?.hidden.has(child))) other ??= htmlStandInText(inlineHtml(children, dropped?.hidden, dropped?.html));
      continue;
    }
    if (lists === 0) return { words: text };
    other ??= text;
  }
  return other === undefined ? {} : { other };
}

/**
 * The alt text of inline tokens that show images and nothing else (a chart, perhaps linked, perhaps two side by side),
 * each a Markdown image or an inline img the sanitiser publishes as one (inlineImageAlt), as inlineText reads them;
 * undefined for any other tokens. Without the tokens `hidden` holds; an inline HTML token read as `html` writes it.
 */
function imagesText(tokens: MarkdownToken[], hidden?: ReadonlySet<MarkdownToken>, html?: ReadonlyMap<MarkdownToken, string>): string | undefined {
  let image = false;
  let text = '';
  let picture = '';
  for (const token of tokens) {
    if (hidden?.has(token)) continue;
    if (token.type === 'image') {
      image = true;
      text += imageText(token);
    } else if (token.type === 'html_inline') {
      const content = html?.get(token) ?? token.content;
      const alt = inlineImageAlt(content, picture);
      picture = pictureAfter(picture, content);
      if (alt !== undefined) {
        image = true;
        text += alt;
      } else if (LINE_BREAK.test(content)) text += ' ';
      else if (!LINK_TAG.test(content) && !PICTURE_TAG.test(content)) return undefined;
    } else if (token.type === 'text' && token.content.trim() === '') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    else if (token.type !== 'link_open' && token.type !== 'link_close') return undefined;
  }
  return image ? text : undefined;
}

/** An inline HTML token that opens or closes a link, around an image: `<a href="…">`, `</a>`. */
const LINK_TAG = /^<\/?a(?=[\t\n\f\r />])[^>]*>$/i;

/** An inline HTML token that opens or closes a picture, or is one of its sources (WHATWG HTML §4.8.1), which show no text. */
const PICTURE_TAG = /^<(?:\/?picture|source)(?=[\t\n\f\r />])[^>]*>$/i;
const PICTURE_OPEN = /^<picture(?=[\t\n\f\r />])/i;
const PICTURE_CLOSE = /^<\/picture(?=[\t\n\f\r />])/i;

/**
 * The `<picture>` open after an inline HTML token, as the tokens that wrote it (its start tag and what followed it, its
 * `<source>`s), for the img it holds to be read with its sources (inlineImageAlt, inlineTagText); '' outside one.
 */
function pictureAfter(picture: string, content: string): string {
  if (PICTURE_OPEN.test(content)) return content;
  return PICTURE_CLOSE.test(content) || picture === '' ? '' : picture + content;
}

/** An inline HTML token that opens an iframe, video or audio (embedLink). */
const INLINE_EMBED = new RegExp(`^<(?:${EMBEDS.join('|')})(?=[\\s/>])`, 'i');

/** An inline `br` tag as raw HTML: `<br>`, `<br/>`, `<BR >` (HTML tag names ignore case; a br has no content). */
const LINE_BREAK = /^<br(?=[\s/>])[^>]*>$/i;

/**
 * An inline HTML token that opens an element whose text is not its words in a row: a formula (mathText), raised or
 * lowered text, a ruby annotation or struck text (htmlParagraphText's textOf). A paragraph holding one is read as HTML
 * (htmlInlineText), where the element's end is found as a browser finds it.
 */
const SHAPED_TEXT = /^<(?:math|sup|sub|ruby|del|s|strike)(?=[\s/>])/i;

/**
 * The text a reader sees: the tokens `hidden` holds (droppedInTokens) are not in it, and an inline HTML token is read
 * as `html` writes it (droppedInTokens: a lazy img as the noscript copy it is published as).
 */
function inlineText(tokens: MarkdownToken[], hidden?: ReadonlySet<MarkdownToken>, html?: ReadonlyMap<MarkdownToken, string>): string {
  if (tokens.some((token) => token.type === 'html_inline' && SHAPED_TEXT.test(token.content) && !hidden?.has(token))) return htmlInlineText(inlineHtml(tokens, hidden, html));
  let text = '';
  // Inside `~~struck~~` text (GFM strikethrough, an s element), which plain text leaves out as it does HTML's.
  let struck = 0;
  let picture = '';
  for (const token of tokens) {
    if (hidden?.has(token)) continue;
    if (token.type === 's_open' || token.type === 's_close') struck += token.type === 's_open' ? 1 : -1;
    if (struck > 0) continue;
    // WHATWG HTML §4.5.27: "The br element represents a line break", as a Markdown hard break does: the words on
    // either side stay apart (`Line one<br>line two` reads "Line one line two", never "Line oneline two").
    if (token.type === 'html_inline' && LINE_BREAK.test(token.content)) text += ' ';
    else if (token.type === 'html_inline') {
      const content = html?.get(token) ?? token.content;
      text += inlineTagText(content, picture);
      picture = pictureAfter(picture, content);
    }
    else if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    else if (token.type === 'image') text += imageText(token);
  }
  return text;
}

/**
 * A Markdown image's alt text, as the body publishes it: none where its address is of a scheme the sanitiser refuses
 * (refusedAddress: `data:`, which markdown-it lets through for an image), which drops the image with its alt.
 */
function imageText(image: MarkdownToken): string {
  return refusedAddress(String(image.attrGet('src') ?? ''), true) ? '' : inlineText(image.children ?? []);
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Inline tokens as the HTML whose text inlineText reads: text and code escaped, inline HTML as written (as `written`
 * has it, where it does: droppedInTokens), a break a space, an image its text, `~~struck~~` text an s element; without
 * the tokens `hidden` holds.
 */
function inlineHtml(tokens: MarkdownToken[], hidden?: ReadonlySet<MarkdownToken>, written?: ReadonlyMap<MarkdownToken, string>): string {
  let html = '';
  for (const token of tokens) {
    if (hidden?.has(token)) continue;
    if (token.type === 'html_inline') html += written?.get(token) ?? token.content;
    else if (token.type === 'text' || token.type === 'code_inline') html += escapeText(token.content);
    else if (token.type === 'softbreak' || token.type === 'hardbreak') html += ' ';
    else if (token.type === 'image') html += escapeText(imageText(token));
    else if (token.type === 's_open' || token.type === 's_close') html += token.type === 's_open' ? '<s>' : '</s>';
  }
  return html;
}
