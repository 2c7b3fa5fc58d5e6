import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

/** What a parse may build before htmlTreeSize stops it. */
export interface TreeLimits {
  /** How deep an element may be placed. */
  depth: number;
  /** How many elements may be built. */
  elements: number;
  /** How many characters of attribute names and values the built elements may hold together. */
  attributeChars: number;
}

/** What a parse built, counted up to the first limit passed (then `passed` names it and `tagName` the element). */
export interface TreeSize {
  depth: number;
  elements: number;
  attributeChars: number;
  passed?: keyof TreeLimits;
  tagName?: string;
}

/** Thrown inside the parse to stop it; never leaves this module. */
const STOP = Symbol('past a limit');

/**
 * How deep, how many and how large the elements are that a browser builds from `html` (parse5, WHATWG HTML §13.2.6),
 * counted until one of `limits` is passed: the parse stops there, before the element that passes it is built.
 * - Depth: each step of the tree building scans the open elements (in scope, §13.2.4.2), so a parse costs about the
 *   text's length times its depth; stopping at the limit keeps it linear in the text. It is taken from where each
 *   element is placed, so what the tree building adds itself (formatting elements reopened, a template's content)
 *   is counted too.
 * - Elements and attribute characters: the tree building copies each formatting element left open, attributes and
 *   all, into every later block ("reconstruct the active formatting elements", §13.2.4.3), so the tree can hold far
 *   more than the text's tags; every element is built through createElement, copies too, and counted there.
 */
export function htmlTreeSize(html: string, limits: TreeLimits): TreeSize {
  const size: TreeSize = { depth: 0, elements: 0, attributeChars: 0 };
  const depths = new WeakMap<Node, number>();
  const stop = (passed: keyof TreeLimits, tagName?: string): never => {
    size.passed = passed;
    if (tagName !== undefined) size.tagName = tagName;
    throw STOP;
  };
  const place = (parent: Node, node: Node) => {
    // Only the fragment's root (parse5 builds it in an html element, put in a stand-in document) has a parent of no
    // depth: it is level 0, its children level 1.
    const depth = (depths.get(parent) ?? -1) + 1;
    depths.set(node, depth);
    // A template's content is a fragment of its own, as deep as the template.
    if (defaultTreeAdapter.isElementNode(node) && node.tagName === 'template') depths.set(defaultTreeAdapter.getTemplateContent(node as DefaultTreeAdapterMap['template']), depth);
    if (depth <= size.depth) return;
    size.depth = depth;
    if (depth > limits.depth) stop('depth', defaultTreeAdapter.isElementNode(node) ? node.tagName : undefined);
  };
  const treeAdapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      size.elements += 1;
      for (const attr of attrs) size.attributeChars += attr.name.length + attr.value.length;
      if (size.elements > limits.elements) stop('elements', tagName);
      if (size.attributeChars > limits.attributeChars) stop('attributeChars', tagName);
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    appendChild(parent, node) {
      place(parent, node);
      defaultTreeAdapter.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      place(parent, node);
      defaultTreeAdapter.insertBefore(parent, node, reference);
    },
  };
  try {
    parseFragment(html, { treeAdapter });
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return size;
}
