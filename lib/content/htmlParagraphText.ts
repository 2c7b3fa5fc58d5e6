import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { DROPPED_WITH_CONTENT } from './sanitizeHtml.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const DROPPED = new Set(DROPPED_WITH_CONTENT);
const isElement = (node: Node): node is Element => 'tagName' in node;

/**
 * The text of the first `p` element with any text in raw HTML (a Markdown HTML block, such as a commentary pasted
 * from a CMS as `<p>…</p>`), as the sanitised body shows it: parsed as a browser parses it (HTML5 tree building),
 * without what the sanitiser drops with its content (DROPPED_WITH_CONTENT), each `br` a space ("a line break",
 * WHATWG HTML §4.5.27), whitespace collapsed. Undefined when there is no such paragraph.
 */
export function htmlParagraphText(html: string): string | undefined {
  // Depth first, in document order, with a stack rather than recursion: raw HTML may nest thousands deep.
  const pending: Node[] = [...parseFragment(html).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isElement(node) || DROPPED.has(node.tagName)) continue;
    if (node.tagName === 'p') {
      const text = textOf(node).replace(/\s+/g, ' ').trim();
      if (text !== '') return text;
      continue;
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return undefined;
}

/** An element's text in document order: text nodes, each `br` a space, nothing of a dropped element. */
function textOf(element: Element): string {
  let text = '';
  const pending: Node[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if (!isElement(node) || DROPPED.has(node.tagName)) continue;
    if (node.tagName === 'br') text += ' ';
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return text;
}
