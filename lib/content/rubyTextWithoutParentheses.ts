import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const blank = (node: Node): boolean => node.nodeName === '#text' && (node as DefaultTreeAdapterMap['textNode']).value.trim() === '';

/**
 * Whether an element is a ruby annotation (`rt`, or an `rtc` holding them) that its document gives no parentheses: a
 * browser draws it above its base, but plain text has no above, and in a row the two read as one word
 * ("平壌ピョンヤン"). WHATWG HTML §4.5.12: the `rp` element "can be used to provide parentheses or other content around
 * a ruby text component of a ruby annotation, to be shown by user agents that don't support ruby annotations", as plain
 * text does not: where the document has them (`<rp>(</rp><rt>かん</rt><rp>)</rp>`) they are its text as written; where
 * it has none, the annotation is put in ASCII parentheses, as the spec's examples write its rp elements.
 */
export function rubyTextWithoutParentheses(element: Element): boolean {
  if (element.tagName !== 'rt' && element.tagName !== 'rtc') return false;
  const parent = element.parentNode;
  if (parent === null || !defaultTreeAdapter.isElementNode(parent) || parent.tagName !== 'ruby') return false;
  return !besideRp(parent).has(element);
}

const isRp = (node: Node | undefined): boolean => node !== undefined && defaultTreeAdapter.isElementNode(node) && node.tagName === 'rp';

// Each ruby's children with an rp just before or after them (white space between left out), found once per ruby: a
// ruby may hold thousands of annotations.
const rpNeighbours = new WeakMap<Element, ReadonlySet<Node>>();
function besideRp(ruby: Element): ReadonlySet<Node> {
  let found = rpNeighbours.get(ruby);
  if (found === undefined) {
    const children = ruby.childNodes.filter((node) => !blank(node));
    found = new Set(children.filter((_, index) => isRp(children[index - 1]) || isRp(children[index + 1])));
    rpNeighbours.set(ruby, found);
  }
  return found;
}
