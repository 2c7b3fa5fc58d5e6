import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

/** The text an element as parse5 builds it holds, white space runs made one space, for a message to quote. */
export function elementText(element: DefaultTreeAdapterMap['element']): string {
  let text = '';
  // Depth first, with a stack: raw HTML may nest deep.
  const pending: Node[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if ('childNodes' in node) for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return text.replace(/\s+/g, ' ').trim();
}
