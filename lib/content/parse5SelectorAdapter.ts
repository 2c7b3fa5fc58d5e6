import type { Options } from 'css-select';

/** css-select's adapter type, as its options name it. */
type Adapter<N, E extends N> = NonNullable<Options<N, E>['adapter']>;
import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const parentOf = (node: Node): Node | null => ('parentNode' in node ? node.parentNode : null);
// A template's children are its content, a fragment apart, which no selector reaches (WHATWG HTML §4.12.3).
const childrenOf = (node: Node): Node[] => ('childNodes' in node && node.nodeName !== 'template' ? node.childNodes : []);

function findAll(test: (element: Element) => boolean, nodes: Node[]): Element[] {
  const found: Element[] = [];
  // Depth first, in document order, with a stack: raw HTML may nest deep.
  const pending = [...nodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    if (test(node)) found.push(node);
    const children = childrenOf(node);
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return found;
}

function textOf(node: Node): string {
  let text = '';
  const pending = [node];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.nodeName === '#text') text += (next as DefaultTreeAdapterMap['textNode']).value;
    const children = childrenOf(next);
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return text;
}

/**
 * css-select's view of a tree as parse5 builds it (its default tree adapter): the parse that every reading of an
 * entry body's HTML shares (parseBodyHtml). The fragment the body is parsed into is no element, so its top-level
 * elements have no parent element. Each element's previous element sibling is found from a list made once per
 * parent, so a `+` combinator costs the same however many siblings there are; the tree must not change meanwhile.
 */
export function parse5SelectorAdapter(): Adapter<Node, Element> {
  const previous = new WeakMap<Node, Element | null>();
  return {
    isTag: defaultTreeAdapter.isElementNode,
    existsOne: (test, nodes) => findAll(test, nodes).length > 0,
    getAttributeValue: (element, name) => element.attrs.find((attribute) => attribute.name === name)?.value,
    getChildren: childrenOf,
    getName: (element) => element.tagName,
    getParent: parentOf,
    getSiblings: (node) => {
      const parent = parentOf(node);
      return parent ? childrenOf(parent) : [node];
    },
    prevElementSibling: (node) => {
      if (!previous.has(node)) {
        let last: Element | null = null;
        const parent = parentOf(node);
        for (const sibling of parent ? childrenOf(parent) : [node]) {
          previous.set(sibling, last);
          if (defaultTreeAdapter.isElementNode(sibling)) last = sibling;
        }
      }
      return previous.get(node) ?? null;
    },
    getText: textOf,
    hasAttrib: (element, name) => element.attrs.some((attribute) => attribute.name === name),
    removeSubsets: (nodes) => {
      const kept = new Set(nodes);
      for (const node of nodes) {
        for (let above = parentOf(node); above; above = parentOf(above)) {
          if (kept.has(above)) {
            kept.delete(node);
            break;
          }
        }
      }
      return [...kept];
    },
    findAll,
    findOne: (test, nodes) => findAll(test, nodes)[0] ?? null,
  };
}
