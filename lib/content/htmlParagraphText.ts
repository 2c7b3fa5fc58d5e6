import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { isBlankText } from './blankText.js';
import { boilerplateParagraph } from './boilerplateParagraph.js';
import { embedLink, EMBEDS } from './embedLink.js';
import { hiddenElement } from './hiddenElement.js';
import { BLOCK_CONTAINERS, customPropertiesFrom } from './htmlElementSets.js';
import { altShownAsText, imageSource } from './imageSource.js';
import { isDroppedElement as isDropped } from './isDroppedElement.js';
import { mathText } from './mathText.js';
import { subscriptText, superscriptText } from './superscriptText.js';
import { attributesOf, pictureSources } from './pictureSources.js';
import { rubyTextWithoutParentheses } from './rubyTextWithoutParentheses.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';
import { trackingPixelElement } from './trackingPixel.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Containers that are a paragraph when they hold no block (repairEntryHtml makes them one). */
const CONTAINERS = new Set(['div', ...BLOCK_CONTAINERS]);
/** Elements that are no part of a paragraph's text: a container holding one is not a paragraph but its blocks. */
const BLOCKS = new Set(['p', 'div', ...BLOCK_CONTAINERS, 'summary', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'figure', 'figcaption', 'hr']);
const EMBED = new Set(EMBEDS);
/**
 * Text struck out (WHATWG HTML §4.7.2 del "a removal from the document", §4.5.4 s "no longer accurate or no longer
 * relevant", and the obsolete strike, §16.3.4): shown struck through in a page, but in plain text (a summary) it would
 * read as current (`rose <del>14%</del> <ins>4%</ins>` is not "rose 14% 4%"), so it is left out of it.
 */
const STRUCK = new Set(['del', 's', 'strike']);

/**
 * The text of the first `p` element with any text in raw HTML (a Markdown HTML block, such as a commentary pasted
 * from a CMS as `<p>…</p>`), as the sanitised body shows it: parsed as a browser parses it (HTML5 tree building),
 * without what the sanitiser drops with its content (DROPPED_WITH_CONTENT), each `br` a space ("a line break",
 * WHATWG HTML §4.5.27), whitespace collapsed. HTML with no such `p` (`<div>Line</div><div>Line</div>`, as an
 * editable box writes each line) has the first paragraph repairEntryHtml makes of its containers: a `div` (or
 * `section`, …) holding no block, or the text a container holds before its first block. A paragraph of an email's
 * boilerplate (boilerplateParagraph) is passed over, its text added to `skipped`. Undefined when there is none.
 */
export function htmlParagraphText(html: string, skipped?: string[]): string | undefined {
  const nodes = parseFragment(html).childNodes;
  return firstParagraph(nodes, (node) => node.tagName === 'p', skipped) ?? firstParagraph(nodes, (node) => node.tagName === 'summary' || CONTAINERS.has(node.tagName), skipped);
}

/** Elements whose text stands in for a summary when raw HTML has no paragraph, as their Markdown kin do. */
const STAND_INS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'dt', 'dd', 'td', 'th']);

/**
 * The first text raw HTML with no paragraph holds, in document order: a heading's, a list item's, a quotation's, a
 * caption's or a published image's alt text (as a Markdown body of a heading, a list or an image alone is summed up by it),
 * or the text of the link an iframe, video or audio is published as (embedLink: its title, else its kind and where it
 * is), so that a body of a video alone is summed up as its link reads. An email's boilerplate (a newsletter's table
 * cell "View this email in your browser") is passed over as htmlParagraphText passes it over. Undefined when it shows
 * no text.
 */
export function htmlStandInText(html: string, skipped?: string[]): string | undefined {
  const pending = topLevel(parseFragment(html).childNodes);
  while (pending.length > 0) {
    const [node, inherited] = pending.pop()!;
    if (defaultTreeAdapter.isElementNode(node) && EMBED.has(node.tagName) && !hiddenElement(node, inherited)) {
      const link = embedLink(node);
      if (link !== undefined) return link.text;
    }
    if (!defaultTreeAdapter.isElementNode(node) || isDropped(node, inherited) || STRUCK.has(node.tagName)) continue;
    const text = (STAND_INS.has(node.tagName) ? textOf(node, inherited) : node.tagName === 'img' ? shownAlt(node, inherited) : '').replace(/\s+/g, ' ').trim();
    if (!isBlankText(text) && boilerplateParagraph(text) === undefined) return text;
    if (!isBlankText(text)) {
      skipped?.push(text);
      continue;
    }
    pushChildren(pending, node, inherited);
  }
  return undefined;
}

/**
 * The text of a Markdown paragraph's inline content written as HTML (`html`: its text escaped, its inline HTML tokens
 * as written), where those tokens open an element whose text reads otherwise than its words in a row (a formula,
 * mathText): read as the text of a raw HTML paragraph is, whitespace as written.
 */
export function htmlInlineText(html: string): string {
  return parseFragment(html).childNodes.reduce((text, node) => text + textOfNode(node, NO_CUSTOM_PROPERTIES, text), '');
}

/**
 * An element's plain text as a summary reads it (textOf): a formula's (mathText), raised and lowered text in script
 * characters (after `before`, the text before it), a ruby annotation in parentheses, whitespace as written.
 */
export function plainElementText(element: Element, before = ''): string {
  return textOf(element, NO_CUSTOM_PROPERTIES, true, before);
}

// An inline HTML token that may be an img's start tag.
const IMG_TAG = /^<img[\t\n\f\r />]/i;

/**
 * The img an inline HTML token opens, read after `picture` (the tokens of the `<picture>` it is in and its `<source>`s
 * before it, as written; '' outside one), so that it has the sources the sanitiser reads with it (pictureSources).
 */
function inlineImg(html: string, picture: string): Element | undefined {
  const nodes = parseFragment(picture + html).childNodes;
  const holder = picture === '' ? undefined : nodes.at(-1);
  const img = holder !== undefined && defaultTreeAdapter.isElementNode(holder) && holder.tagName === 'picture' ? holder.childNodes.at(-1) : nodes[0];
  return img !== undefined && defaultTreeAdapter.isElementNode(img) && img.tagName === 'img' ? img : picture === '' ? undefined : inlineImg(html, '');
}

/**
 * The text a Markdown paragraph's inline HTML token shows: an img's alt where a browser draws it as text
 * (altShownAsText, with the sources of the picture it is in: `picture`, inlineImg), as the sanitiser publishes it; else nothing.
 */
export function inlineTagText(html: string, picture = ''): string {
  if (!IMG_TAG.test(html)) return '';
  const img = inlineImg(html, picture);
  if (img === undefined || isDropped(img, NO_CUSTOM_PROPERTIES)) return '';
  return altShownAsText(attributesOf(img), pictureSources(img), trackingPixelElement(img)) ?? '';
}

/**
 * The alt text of a Markdown paragraph's inline HTML token that is an img the sanitiser publishes as an image (a src it
 * keeps), as shownAlt reads it: '' where it has none or where the image is dropped (a tracking pixel, a scheme the
 * sanitiser refuses, hidden), with the sources of the picture it is in (`picture`, inlineImg). Undefined for any other
 * token, and for an img with no image, which a browser shows as its alt text (inlineTagText reads that as text).
 */
export function inlineImageAlt(html: string, picture = ''): string | undefined {
  if (!IMG_TAG.test(html)) return undefined;
  const img = inlineImg(html, picture);
  if (img === undefined) return undefined;
  if (isDropped(img, NO_CUSTOM_PROPERTIES)) return '';
  return altShownAsText(attributesOf(img), pictureSources(img), trackingPixelElement(img)) === undefined ? shownAlt(img, NO_CUSTOM_PROPERTIES) : undefined;
}

// A URL scheme the sanitiser refuses on an image (all but http and https): it drops the src, and the image with it.
const OTHER_SCHEME = /^[\t\n\f\r ]*(?!https?:)[a-z][a-z\d+.-]*:/i;

/**
 * An img's alt text when the sanitiser keeps the image: it has a src (or srcset, imageSource) it accepts and is no
 * tracking pixel (trackingPixel, `inherited` the custom properties its ancestors set); or where it has neither, as a
 * browser shows it as text (altShownAsText).
 */
function shownAlt(node: Element, inherited: CustomProperties): string {
  const attributes = attributesOf(node);
  const sources = pictureSources(node);
  const src = imageSource(attributes, sources);
  if (src === undefined) return altShownAsText(attributes, sources, trackingPixelElement(node, undefined, inherited)) ?? '';
  return OTHER_SCHEME.test(src) || trackingPixelElement(node, undefined, inherited) ? '' : (attributes.alt ?? '');
}

/** The text of the first element `isParagraph` picks that has text; of a container, only what precedes its first block. */
function firstParagraph(nodes: readonly Node[], isParagraph: (node: Element) => boolean, skipped?: string[]): string | undefined {
  // Depth first, in document order, with a stack rather than recursion: raw HTML may nest thousands deep.
  const pending = topLevel(nodes);
  while (pending.length > 0) {
    const [node, inherited] = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node) || isDropped(node, inherited) || STRUCK.has(node.tagName)) continue;
    if (isParagraph(node)) {
      const block = CONTAINERS.has(node.tagName) ? node.childNodes.findIndex((child) => defaultTreeAdapter.isElementNode(child) && BLOCKS.has(child.tagName)) : -1;
      const passed = customPropertiesFrom(node.attrs, inherited);
      const text = (block < 0 ? textOf(node, inherited) : node.childNodes.slice(0, block).reduce((before, child) => before + textOfNode(child, passed, before), '')).replace(/\s+/g, ' ').trim();
      if (!isBlankText(text) && boilerplateParagraph(text) === undefined) return text;
      if (!isBlankText(text)) skipped?.push(text);
      if (block < 0) continue;
    }
    pushChildren(pending, node, inherited);
  }
  return undefined;
}

/** Each node with the custom properties its ancestors set (none, at the top), last first, for a stack. */
const topLevel = (nodes: readonly Node[]): [Node, CustomProperties][] => nodes.map((node): [Node, CustomProperties] => [node, NO_CUSTOM_PROPERTIES]).reverse();

/** Pushes an element's children, last first, with the custom properties it passes down. */
function pushChildren(pending: [Node, CustomProperties][], element: Element, inherited: CustomProperties): void {
  const passed = customPropertiesFrom(element.attrs, inherited);
  for (let index = element.childNodes.length - 1; index >= 0; index--) pending.push([element.childNodes[index]!, passed]);
}

/** A node's text: a text node's value, an element's text (textOf). `inherited`: its ancestors' custom properties. */
/** `before`: the text its siblings before it gave, which a script at its start would run into. */
function textOfNode(node: Node, inherited: CustomProperties, before = ''): string {
  return defaultTreeAdapter.isElementNode(node) ? textOf(node, inherited, true, before) : node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '';
}

/** Text that ends in a character a raised or lowered script would run into. */
const ATTACHED = /\S$/u;

/**
 * An element's text in document order as plain text: text nodes, each `br` a space, a formula's text (mathText),
 * nothing of a dropped element or of struck text (STRUCK), no footnote reference (footnoteReference), and other
 * raised or lowered text (`sup`, `sub`) so that it cannot run into the figure before it (superscriptText: "$300²", not
 * "$3002"; subscriptText: "H₂O", not "H2O"), as written after white space; within a raised or lowered text (`scripts` false), either is its text. A
 * ruby annotation follows its base in parentheses (rubyTextWithoutParentheses: "平壌(ピョンヤン)", not "平壌ピョンヤン").
 */
function textOf(element: Element, inherited: CustomProperties, scripts = true, before = ''): string {
  let text = '';
  const pending: [Node, CustomProperties][] = [[element, inherited]];
  while (pending.length > 0) {
    const [node, above] = pending.pop()!;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if (!defaultTreeAdapter.isElementNode(node) || isDropped(node, above) || STRUCK.has(node.tagName)) continue;
    if (node.tagName === 'math') {
      text += mathText(node);
      continue;
    }
    // A script after white space (small print: "Tuesday. <sub>Photo: Reuters</sub>") runs into nothing: as written.
    if (node.tagName === 'sup' && scripts) {
      const script = textOf(node, above, false).replace(/\s+/g, ' ').trim();
      if (!footnoteReference(node)) text += ATTACHED.test(text || before) ? superscriptText(script) : script;
      continue;
    }
    if (node.tagName === 'sub' && scripts) {
      const script = textOf(node, above, false).replace(/\s+/g, ' ').trim();
      text += ATTACHED.test(text || before) ? subscriptText(script) : script;
      continue;
    }
    // Its closing parenthesis as a text node after its content, on the stack: rubies may nest deep.
    if (rubyTextWithoutParentheses(node)) {
      text += '(';
      pending.push([defaultTreeAdapter.createTextNode(')'), above]);
    }
    if (node.tagName === 'br') text += ' ';
    if (node.tagName === 'img') text += altShownAsText(attributesOf(node), pictureSources(node), trackingPixelElement(node, undefined, above)) ?? '';
    pushChildren(pending, node, above);
  }
  return text;
}

/** Whether a node is text of white space alone, which does not count as content beside an element. */
const blank = (node: Node): boolean => node.nodeName === '#text' && (node as DefaultTreeAdapterMap['textNode']).value.trim() === '';

/** A link to a place in the same document (`href="#fn1"`): a footnote's, in pasted HTML. */
const fragmentLink = (node: Node | null): node is Element =>
  node !== null && defaultTreeAdapter.isElementNode(node) && node.tagName === 'a' && /^\s*#\S/.test(node.attrs.find((attribute) => attribute.name === 'href')?.value ?? '');

/**
 * Whether a `sup` is a footnote reference, a number pointing to a note rather than a figure of the text: it holds
 * only a link to a fragment (`66 kV<sup><a href="#fn1">1</a></sup>`, as markdown-it-footnote and most CMSs write one),
 * or is all such a link holds (`<a href="#fn1"><sup>1</sup></a>`). Left out of the plain text, as the note is.
 */
function footnoteReference(sup: Element): boolean {
  const content = sup.childNodes.filter((node) => !blank(node));
  if (content.length === 1 && fragmentLink(content[0]!)) return true;
  const parent = sup.parentNode;
  return fragmentLink(parent) && parent.childNodes.every((node) => node === sup || blank(node));
}
