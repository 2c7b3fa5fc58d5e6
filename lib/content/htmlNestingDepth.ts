import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

/** Thrown inside the parse to stop it; never leaves this module. */
const STOP = Symbol('deeper than the limit');

/**
 * How deep `html`'s elements nest as a browser builds its tree (parse5, WHATWG HTML §13.2.6), counted up to
 * `limit` + 1: the parse stops as soon as an element is placed deeper than `limit`. Each step of the tree building
 * scans the open elements (in scope, §13.2.4.2), so a parse costs about the text's length times its depth: stopping
 * at the limit keeps it linear in the text. The depth is taken from where each element is placed, so what the tree
 * building adds itself (formatting elements reopened, §13.2.4.3; a template's content) is counted too.
 */
export function htmlNestingDepth(html: string, limit: number): number {
  const depths = new WeakMap<Node, number>();
  let deepest = 0;
  const place = (parent: Node, node: Node) => {
    // Only the fragment's root (parse5 builds it in an html element, put in a stand-in document) has a parent of no
    // depth: it is level 0, its children level 1.
    const depth = (depths.get(parent) ?? -1) + 1;
    depths.set(node, depth);
    // A template's content is a fragment of its own, as deep as the template.
    if (defaultTreeAdapter.isElementNode(node) && node.tagName === 'template') depths.set(defaultTreeAdapter.getTemplateContent(node as DefaultTreeAdapterMap['template']), depth);
    if (depth <= deepest) return;
    deepest = depth;
    if (depth > limit) throw STOP;
  };
  const treeAdapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
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
  return deepest;
}
