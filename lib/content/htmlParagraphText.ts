import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { BLOCK_CONTAINERS } from './htmlElementSets.js';
import { isDroppedElement as isDropped } from './isDroppedElement.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Containers that are a paragraph when they hold no block (repairEntryHtml makes them one). */
const CONTAINERS = new Set(['div', ...BLOCK_CONTAINERS]);
/** Elements that are no part of a paragraph's text: a container holding one is not a paragraph but its blocks. */
const BLOCKS = new Set(['p', 'div', ...BLOCK_CONTAINERS, 'summary', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'figure', 'figcaption', 'hr']);
const isElement = (node: Node): node is Element => 'tagName' in node;


/**
 * The text of the first `p` element with any text in raw HTML (a Markdown HTML block, such as a commentary pasted
 * from a CMS as `<p>…</p>`), as the sanitised body shows it: parsed as a browser parses it (HTML5 tree building),
 * without what the sanitiser drops with its content (DROPPED_WITH_CONTENT), each `br` a space ("a line break",
 * WHATWG HTML §4.5.27), whitespace collapsed. HTML with no such `p` (`<div>Line</div><div>Line</div>`, as an
 * editable box writes each line) has the first paragraph repairEntryHtml makes of its containers: a `div` (or
 * `section`, …) holding no block, or the text a container holds before its first block. Undefined when there is none.
 */
export function htmlParagraphText(html: string): string | undefined {
  const nodes = parseFragment(html).childNodes;
  return firstParagraph(nodes, (node) => node.tagName === 'p') ?? firstParagraph(nodes, (node) => node.tagName === 'summary' || CONTAINERS.has(node.tagName));
}

/** Elements whose text stands in for a summary when raw HTML has no paragraph, as their Markdown kin do. */
const STAND_INS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'dt', 'dd', 'td', 'th']);

/**
 * The first text raw HTML with no paragraph holds, in document order: a heading's, a list item's, a quotation's, a
 * caption's or an image's alt text (as a Markdown body of a heading, a list or an image alone is summed up by it).
 * Undefined when it shows no text.
 */
export function htmlStandInText(html: string): string | undefined {
  const pending: Node[] = [...parseFragment(html).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isElement(node) || isDropped(node)) continue;
    const text = (STAND_INS.has(node.tagName) ? textOf(node) : node.tagName === 'img' ? (node.attrs.find((attr) => attr.name === 'alt')?.value ?? '') : '').replace(/\s+/g, ' ').trim();
    if (text !== '') return text;
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return undefined;
}

/** The text of the first element `isParagraph` picks that has text; of a container, only what precedes its first block. */
function firstParagraph(nodes: readonly Node[], isParagraph: (node: Element) => boolean): string | undefined {
  // Depth first, in document order, with a stack rather than recursion: raw HTML may nest thousands deep.
  const pending: Node[] = [...nodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isElement(node) || isDropped(node)) continue;
    if (isParagraph(node)) {
      const block = CONTAINERS.has(node.tagName) ? node.childNodes.findIndex((child) => isElement(child) && BLOCKS.has(child.tagName)) : -1;
      const text = (block < 0 ? textOf(node) : node.childNodes.slice(0, block).map(textOfNode).join('')).replace(/\s+/g, ' ').trim();
      if (text !== '') return text;
      if (block < 0) continue;
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return undefined;
}

/** A node's text: a text node's value, an element's text (textOf). */
function textOfNode(node: Node): string {
  return isElement(node) ? textOf(node) : node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '';
}

/** An element's text in document order: text nodes, each `br` a space, nothing of a dropped element. */
function textOf(element: Element): string {
  let text = '';
  const pending: Node[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if (!isElement(node) || isDropped(node)) continue;
    if (node.tagName === 'br') text += ' ';
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return text;
}
