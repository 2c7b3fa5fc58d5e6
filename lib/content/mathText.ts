import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { subscriptText, superscriptText } from './superscriptText.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const elementsOf = (element: Element): Element[] => element.childNodes.filter(defaultTreeAdapter.isElementNode);

// Past this depth of nesting a formula's parts are read as their text in a row, without the forms below: raw HTML may
// nest far deeper than a call stack goes.
const MAX_DEPTH = 64;

// A part that reads as one term (a number, a name): a fraction's or a root's other parts are bracketed.
const TERM = /^[\p{L}\p{N}.,]+$/u;
const term = (text: string): string => (TERM.test(text) ? text : `(${text})`);

/**
 * A MathML formula (`<math>`, WHATWG HTML §4.8.16 "MathML") as plain text a reader of any feed, page or mail reads
 * as a browser draws it (MathML Core): its tokens' text (mi, mn, mo, mtext, ms) in order, a script raised or lowered
 * (msup, msub, msubsup: superscriptText, subscriptText, "x²", "x_(ij)"; a script under or over its base alike, "lim_(n→∞)";
 * prescripts before it, "₆¹⁴C"), a fraction as "a/b", a root as "√x" or "³√x",
 * a table's cells apart, white space between parts left out. What a browser does not draw is left out: a semantics element's annotations (MathML Core,
 * "Semantics and presentation": only its first child is rendered; a TeX source, an HTML copy in annotation-xml) and an
 * mphantom's content (rendered invisibly). Whitespace as written, for the caller to collapse.
 */
export function mathText(math: Element): string {
  return partText(math, 0);
}

function partText(element: Element, depth: number): string {
  if (depth > MAX_DEPTH) return flatText(element);
  const parts = elementsOf(element);
  const part = (index: number): string => (parts[index] === undefined ? '' : partText(parts[index], depth + 1).replace(/\s+/g, ' ').trim());
  switch (element.tagName) {
    case 'annotation':
    case 'annotation-xml':
    case 'mphantom':
      return '';
    case 'semantics':
    case 'maction':
      return part(0);
    case 'msup':
      return part(0) + raised(part(1));
    case 'msub':
      return part(0) + lowered(part(1));
    case 'msubsup':
      return part(0) + lowered(part(1)) + raised(part(2));
    // A script drawn under or over its base (a limit's, a sum's bounds) reads as one lowered or raised, as TeX writes
    // both with _ and ^: "lim_(n→∞)", "∑_(i=1)ⁿ". An accent (a lone operator over or under, MathML Core's accent,
    // "x̄" typed as x and ¯) follows its base as drawn.
    case 'munder':
      return part(0) + underOver(parts[1], part(1), lowered);
    case 'mover':
      return part(0) + underOver(parts[1], part(1), raised);
    case 'munderover':
      return part(0) + underOver(parts[1], part(1), lowered) + underOver(parts[2], part(2), raised);
    case 'mmultiscripts':
      return multiscripts(parts, part);
    case 'mfrac':
      return `${term(part(0))}/${term(part(1))}`;
    case 'msqrt':
      return `√${term(parts.map((_, index) => part(index)).join(''))}`;
    case 'mroot':
      return `${superscriptText(part(1))}√${term(part(0))}`;
    case 'mspace':
      return ' ';
    case 'mi':
    case 'mn':
    case 'mo':
    case 'mtext':
    case 'ms':
      return flatText(element).trim();
    case 'mtr':
    case 'mlabeledtr':
      return ` ${parts.map((_, index) => part(index)).join(', ')}; `;
    default:
      // White space between a layout's elements is the source's formatting, which a browser does not draw there.
      return element.childNodes.map((node) => (defaultTreeAdapter.isElementNode(node) ? partText(node, depth + 1) : textValue(node).trim() === '' ? '' : textValue(node))).join('');
  }
}

// A script in a formula, where letters are raised too and a longer script is bracketed (superscriptText).
const raised = (text: string): string => superscriptText(text, true);
const lowered = (text: string): string => subscriptText(text, true);

/** An under or over script (`element`, read as `text`): an accent (a lone operator character) as written, else `script`. */
function underOver(element: Element | undefined, text: string, script: (text: string) => string): string {
  return element?.tagName === 'mo' && [...text].length === 1 ? text : script(text);
}

/**
 * mmultiscripts (MathML Core §3.4.3 "Prescripts and Tensor Indices"): the base, then pairs of a lowered and a raised
 * script, then after an mprescripts the pairs written before the base, an empty script a `<none/>`: "₆¹⁴C", "R_(ij)^k".
 */
function multiscripts(parts: readonly Element[], part: (index: number) => string): string {
  const split = parts.findIndex((element) => element.tagName === 'mprescripts');
  const scripts = (from: number, to: number): string => {
    let text = '';
    for (let index = from; index < to; index += 2) text += lowered(part(index)) + raised(part(index + 1));
    return text;
  };
  if (split < 0) return part(0) + scripts(1, parts.length);
  return scripts(split + 1, parts.length) + part(0) + scripts(1, split);
}

const textValue = (node: Node): string => (node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '');

/** An element's text nodes in document order, but for what a browser does not draw, without recursion. */
function flatText(element: Element): string {
  let text = '';
  const pending: Node[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    text += textValue(node);
    if (!defaultTreeAdapter.isElementNode(node) || node.tagName === 'annotation' || node.tagName === 'annotation-xml' || node.tagName === 'mphantom') continue;
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return text;
}

/**
 * Whether a formula is KaTeX's copy for screen readers (`<span class="katex-mathml"><math>`), which KaTeX's style sheet
 * hides: KaTeX draws the same formula as HTML beside it (`katex-html`), which is published, so the copy is left out
 * rather than read twice.
 */
export function katexCopy(math: Element): boolean {
  const parent = math.parentNode;
  if (parent === null || !defaultTreeAdapter.isElementNode(parent)) return false;
  return parent.attrs.some((attribute) => attribute.name === 'class' && attribute.value.split(/[\t\n\f\r ]+/).includes('katex-mathml'));
}
