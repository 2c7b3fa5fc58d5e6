import { defaultTreeAdapter, html as parse5Html, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { LINE_ATTRIBUTE } from './blockLines.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { tableSpansFit } from './tableSpansFit.js';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * How deep elements may nest in an entry body. Below it an element's content is kept as plain text (a table,
 * list or row reaches text through at most three more levels), so a page's tree stays far under the 513 levels
 * the Nu Html Checker accepts.
 */
export const MAX_BODY_DEPTH = 100;

/**
 * A heading's level under the page's h1: at least 2, and at most one deeper than the heading before it
 * (`previous`, 1 before the first), so none skips a level (WHATWG HTML §4.3.11, headings and outlines).
 */
export function nextHeadingLevel(level: number, previous: number): number {
  return Math.min(Math.max(level, 2), previous + 1);
}

// The sanitiser's elements that are phrasing content (WHATWG HTML §3.2.5.2.5); a, ins and del are transparent.
const PHRASING = new Set(['a', 'img', 'br', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'code', 'kbd', 'q', 'cite', 'abbr', 'span', 'bdi']);
// Elements whose content model is phrasing content only.
const PHRASING_ONLY = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark', 'code', 'kbd', 'q', 'cite', 'abbr', 'span', 'bdi']);
// What a div gives the blocks it makes way for: the language and direction of its part (WCAG 3.1.2).
const INHERITED = ['lang', 'dir'];
const HEADING = /^h[1-6]$/;
// Elements that hold no text of their own, only their parts.
const PARTS_ONLY = new Set(['ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr']);
// Where each part of a table may stand; parse5 puts them there, but a repair that unwraps a table may not.
const TABLE_PARENTS: Record<string, string[]> = { caption: ['table'], thead: ['table'], tbody: ['table'], tfoot: ['table'], tr: ['thead', 'tbody', 'tfoot'], td: ['tr'], th: ['tr'] };
const TABLE_PARTS = new Set(Object.keys(TABLE_PARENTS));

interface Context {
  /** Only phrasing content may go here. */
  phrasing: boolean;
  /** Inside an a: no a may go here (§4.5.1, no interactive content descendant). */
  inLink: boolean;
  /** Inside a th or dt: no heading (§4.9.10, §4.4.10). */
  noHeading: boolean;
  /** Inside a caption: no table (§4.9.2). */
  noTable: boolean;
}

interface State {
  /** The level of the last heading written, 1 for the page's h1. */
  heading: number;
}

/**
 * Entry HTML as a browser builds it, made valid: the sanitiser's output is parsed with the HTML5 tree-building
 * algorithm (parse5), so misnested tags are what a browser shows (a link inside a link is split; a table row
 * outside a table is its text), then each element is fitted to its parent's content model:
 *   - an img with no alt gets alt="": an image with no text alternative is decorative (§4.8.4.4);
 *   - headings are re-levelled (nextHeadingLevel);
 *   - li outside ul/ol is wrapped in a ul, dt/dd outside dl in a dl; in a ul/ol anything but li goes into an li,
 *     in a dl anything but dt/dd into a dd, a dd with no dt before it gets an empty dt, a dt with no dd after it
 *     an empty dd (§4.4.6, §4.4.8, §4.4.9);
 *   - a figure keeps one figcaption, first or last; any other figcaption becomes a p (§4.4.12, §4.4.13);
 *   - a table's parts are put in order: one caption (others merged into it), one thead, the bodies, one tfoot
 *     (extra ones become tbody) (§4.9.1);
 *   - a table's spans are fitted to its grid (fitTableSpans, §4.9.12.1);
 *   - a block inside phrasing content (a p in an em, a list in a heading) gives way to its content, after a br;
 *     a link inside a link to its text; a heading in a th or dt, and a table in a caption, become a p;
 *   - width, height, start, value, colspan, rowspan and scope values that are not what HTML allows are dropped;
 *   - below MAX_BODY_DEPTH an element's content becomes its text;
 *   - a pre whose text begins with a newline gets one more (keepLeadingNewline);
 *   - a div of text becomes a p, an empty one goes, and any other gives way to its blocks, each run of its text a p;
 *   - a line break alone between blocks goes (withoutLoneBreaks).
 * The result is serialised for the sanitiser to check again: the repair only adds elements and attributes it allows.
 */
export function repairEntryHtml(html: string): string {
  const fragment = parseBodyHtml(html);
  fitChildren(fragment, { phrasing: false, inLink: false, noHeading: false, noTable: false }, 0, { heading: 1 });
  return serialize(fragment);
}

function element(tagName: string, children: ChildNode[], parent: ParentNode | null): Element {
  const made = defaultTreeAdapter.createElement(tagName, parse5Html.NS.HTML, []);
  made.parentNode = parent;
  setChildren(made, children);
  return made;
}

function text(value: string, parent: ParentNode | null): ChildNode {
  return { nodeName: '#text', value, parentNode: parent };
}

function setChildren(parent: ParentNode, children: ChildNode[]): void {
  for (const child of children) child.parentNode = parent;
  parent.childNodes = children;
}

const isPhrasing = (node: ChildNode): boolean => node.nodeName === '#text' || (defaultTreeAdapter.isElementNode(node) && PHRASING.has(node.tagName));
const isBlank = (node: ChildNode): boolean => node.nodeName === '#text' && !/\S/.test((node as { value: string }).value);

/** Fits `parent`'s children (at `depth + 1`) to its content model, then each child to its own. */
function fitChildren(parent: ParentNode, context: Context, depth: number, state: State): void {
  const tag = defaultTreeAdapter.isElementNode(parent) ? parent.tagName : '';
  let children: ChildNode[] = parent.childNodes.filter((node) => defaultTreeAdapter.isElementNode(node) || node.nodeName === '#text');
  if (tag === 'ul' || tag === 'ol') children = wrapRuns(children, (node) => !(defaultTreeAdapter.isElementNode(node) && node.tagName === 'li'), 'li', parent);
  else if (tag === 'dl') children = fitDefinitionList(children, parent);
  else if (tag === 'table') children = fitTable(children);
  else if (tag === 'figure') fitFigure(children);
  if (!context.phrasing && !PARTS_ONLY.has(tag)) {
    children = wrapRuns(children, (node) => defaultTreeAdapter.isElementNode(node) && node.tagName === 'li', 'ul', parent);
    children = wrapRuns(children, (node) => defaultTreeAdapter.isElementNode(node) && (node.tagName === 'dt' || node.tagName === 'dd'), 'dl', parent);
  }
  let fitted: ChildNode[] = [];
  for (const child of children) {
    if (defaultTreeAdapter.isElementNode(child)) fitted.push(...fitElement(child, context, depth + 1, state, fitted));
    else fitted.push(child);
  }
  if (!context.phrasing && !PARTS_ONLY.has(tag)) fitted = withoutLoneBreaks(fitted);
  setChildren(parent, fitted);
  if (tag === 'table') fitTableSpans(parent as Element);
}

const isBreak = (node: ChildNode): boolean => defaultTreeAdapter.isElementNode(node) && node.tagName === 'br';

/**
 * Block content without the line breaks that stand alone between its blocks (`<p>a</p><br><p>b</p>`, a Markdown body's
 * `<br>` on a line of its own): each is an anonymous block of one empty line (CSS 2.1 §9.2.1.1), a blank gap as
 * `<p><br></p>` is, which the sanitiser drops. A break beside text or an image stays, and so do the breaks of a
 * parent that holds no block (a cell of a break alone keeps its row a line high).
 */
function withoutLoneBreaks(children: ChildNode[]): ChildNode[] {
  if (!children.some((node) => defaultTreeAdapter.isElementNode(node) && !PHRASING.has(node.tagName))) return children;
  const kept: ChildNode[] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    kept.push(...(run.every((node) => isBreak(node) || isBlank(node)) ? run.filter((node) => !isBreak(node)) : run));
    run = [];
  };
  for (const node of children) {
    if (isPhrasing(node)) run.push(node);
    else {
      flush();
      kept.push(node);
    }
  }
  flush();
  return kept;
}

/** What `node` becomes at `depth` in `context`: itself, fitted, or what replaces it. `before` is what precedes it. */
function fitElement(node: Element, context: Context, depth: number, state: State, before: ChildNode[]): ChildNode[] {
  let tag = node.tagName;
  // A div (a CMS's line or block, see BLOCK_CONTAINERS) is a paragraph when it holds text alone, and nothing when it
  // holds none (an editable box's blank line); else it gives way to its blocks, each run of its text a paragraph.
  if (tag === 'div' && !context.phrasing) {
    const children = node.childNodes.filter((child) => defaultTreeAdapter.isElementNode(child) || child.nodeName === '#text');
    // Below MAX_BODY_DEPTH too: there it is a p of its text (as any element is, below).
    if (depth >= MAX_BODY_DEPTH || children.every(isPhrasing)) {
      if (!/\S/.test(textOf(node)) && !children.some((child) => defaultTreeAdapter.isElementNode(child) && child.tagName === 'img')) return [];
      node.tagName = node.nodeName = tag = 'p';
    } else {
      const wrapped = wrapRuns(children, isPhrasing, 'p', node);
      markRunLines(node, wrapped, new Set(children));
      setChildren(node, wrapped);
      passDown(node);
      return fitContent(node, context, depth, state);
    }
  }
  const parentTag = node.parentNode !== null && defaultTreeAdapter.isElementNode(node.parentNode) ? node.parentNode.tagName : '';
  const block = context.phrasing && !PHRASING.has(tag);
  if (block || (tag === 'a' && context.inLink) || (TABLE_PARTS.has(tag) && !TABLE_PARENTS[tag]!.includes(parentTag))) {
    // Not allowed here: the element gives way to its content (a block in phrasing content after a br, when something precedes it).
    const separator = block && before.some((previous) => !isBlank(previous)) ? [element('br', [], node.parentNode)] : [];
    if (depth >= MAX_BODY_DEPTH) return [...separator, text(textOf(node), node.parentNode)];
    return [...separator, ...fitContent(node, context, depth, state)];
  }
  // An empty p: what a parser makes of a </p> with no p open, as when a block inside a Markdown paragraph closed it.
  if (tag === 'p' && node.childNodes.length === 0) return [];
  const inFigure = node.parentNode !== null && defaultTreeAdapter.isElementNode(node.parentNode) && node.parentNode.tagName === 'figure';
  if ((HEADING.test(tag) && context.noHeading) || (tag === 'table' && context.noTable) || (tag === 'figcaption' && !inFigure)) node.tagName = node.nodeName = tag = 'p';
  fitAttributes(node);
  if (HEADING.test(tag)) {
    const level = nextHeadingLevel(Number(tag.slice(1)), state.heading);
    state.heading = level;
    node.tagName = node.nodeName = tag = `h${level}`;
  }
  if (depth >= MAX_BODY_DEPTH && !PARTS_ONLY.has(tag)) {
    if (node.childNodes.length > 0) setChildren(node, [text(textOf(node), node)]);
    return [node];
  }
  fitChildren(node, childContext(tag, context), depth, state);
  if (tag === 'pre') keepLeadingNewline(node);
  return [node];
}

/**
 * A parser drops a newline right after <pre> (WHATWG HTML §13.2.6.4.7, "in body", start tag pre) and parse5's
 * serialiser writes none back, so a pre whose text begins with a newline gets one more, as the fragment
 * serialisation algorithm once did: a browser reading the output then gets the text read from the input.
 */
export function keepLeadingNewline(pre: Element): void {
  const first = pre.childNodes[0];
  if (first !== undefined && defaultTreeAdapter.isTextNode(first) && first.value.startsWith('\n')) first.value = `\n${first.value}`;
}

/** Gives each element `node` holds the lang and dir it sets, where the element sets none of its own. */
function passDown(node: Element): void {
  const inherited = node.attrs.filter((attribute) => INHERITED.includes(attribute.name));
  if (inherited.length === 0) return;
  for (const child of node.childNodes) {
    if (!defaultTreeAdapter.isElementNode(child)) continue;
    for (const attribute of inherited) if (!child.attrs.some((own) => own.name === attribute.name)) child.attrs.push({ ...attribute });
  }
}

/** `node`'s children fitted where `node` was, in its place (the element itself is dropped). */
function fitContent(node: Element, context: Context, depth: number, state: State): ChildNode[] {
  const holder = element('div', node.childNodes, node.parentNode);
  fitChildren(holder, context, depth, state);
  for (const child of holder.childNodes) child.parentNode = node.parentNode;
  return holder.childNodes;
}

function childContext(tag: string, context: Context): Context {
  if (PHRASING_ONLY.has(tag)) return { ...context, phrasing: true };
  if (tag === 'a') return { ...context, inLink: true };
  if (tag === 'ins' || tag === 'del') return context;
  return { ...context, phrasing: false, noHeading: context.noHeading || tag === 'th' || tag === 'dt', noTable: context.noTable || tag === 'caption' };
}

/**
 * Gives each paragraph the repair made of a run of a div's text (`made`: the div's children not among `kept`) the line
 * it starts on (LINE_ATTRIBUTE), where the div has one (a body `check` reads): counted from the line of the marked
 * element before it, else the div's, by the line breaks of the text between, so that `check` can name the paragraph
 * if the sanitiser then drops it (a line of a zero-width space alone). Line breaks inside tags are not counted.
 */
function markRunLines(div: Element, made: readonly ChildNode[], kept: ReadonlySet<ChildNode>): void {
  const marked = (node: ChildNode) => (defaultTreeAdapter.isElementNode(node) ? node.attrs.find((attribute) => attribute.name === LINE_ATTRIBUTE)?.value : undefined);
  const divLine = marked(div);
  if (divLine === undefined) return;
  let line = Number(divLine);
  for (const node of made) {
    if (!kept.has(node) && defaultTreeAdapter.isElementNode(node)) {
      const leading = /^\s*/.exec(rawText(node))![0];
      node.attrs.push({ name: LINE_ATTRIBUTE, value: String(line + lineBreaks(leading)) });
    }
    const own = marked(node);
    if (own !== undefined) line = Number(own);
    line += lineBreaks(rawText(node));
  }
}

const lineBreaks = (text: string) => text.split('\n').length - 1;

/** The text of a node and all inside it, as written: white space kept. */
function rawText(node: ChildNode): string {
  if (node.nodeName === '#text') return (node as { value: string }).value;
  return defaultTreeAdapter.isElementNode(node) ? node.childNodes.map(rawText).join('') : '';
}

/** Runs of nodes that `belongs` picks go into one new `wrapper` each; whitespace between two of them joins the run. */
function wrapRuns(children: ChildNode[], belongs: (node: ChildNode) => boolean, wrapper: string, parent: ParentNode): ChildNode[] {
  if (!children.some((node) => belongs(node) && !isBlank(node))) return children;
  const out: ChildNode[] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    // Trailing whitespace stays outside the wrapper.
    let end = run.length;
    while (end > 0 && isBlank(run[end - 1]!)) end--;
    if (end > 0) out.push(element(wrapper, run.slice(0, end), parent));
    out.push(...run.slice(end));
    run = [];
  };
  for (const node of children) {
    if (belongs(node) && !isBlank(node)) run.push(node);
    else if (isBlank(node) && run.length > 0) run.push(node);
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

/** A dl holds groups of one or more dt then one or more dd (§4.4.9). */
function fitDefinitionList(children: ChildNode[], parent: ParentNode): ChildNode[] {
  const items = wrapRuns(children, (node) => !(defaultTreeAdapter.isElementNode(node) && (node.tagName === 'dt' || node.tagName === 'dd')), 'dd', parent);
  const out: ChildNode[] = [];
  let last: 'dt' | 'dd' | undefined;
  for (const node of items) {
    if (defaultTreeAdapter.isElementNode(node)) {
      if (node.tagName === 'dd' && last === undefined) out.push(element('dt', [], parent));
      last = node.tagName as 'dt' | 'dd';
    }
    out.push(node);
  }
  if (last === 'dt') out.push(element('dd', [], parent));
  return out;
}

/** A table's parts in their order (§4.9.1): caption, thead, the bodies, tfoot. parse5 has put every row in a body. */
function fitTable(children: ChildNode[]): ChildNode[] {
  const parts = children.filter(defaultTreeAdapter.isElementNode);
  const rank = (node: Element) => ({ caption: 0, thead: 1, tfoot: 3 })[node.tagName] ?? 2;
  const counts = (name: string) => parts.filter((node) => node.tagName === name).length;
  const ordered = parts.every((node, index) => index === 0 || rank(parts[index - 1]!) <= rank(node));
  if (ordered && counts('caption') <= 1 && counts('thead') <= 1 && counts('tfoot') <= 1) return children;
  const captions = parts.filter((node) => node.tagName === 'caption');
  const caption = captions[0];
  for (const extra of captions.slice(1)) setChildren(caption!, [...caption!.childNodes, text(' ', caption!), ...extra.childNodes]);
  const thead = parts.find((node) => node.tagName === 'thead');
  const tfoot = parts.find((node) => node.tagName === 'tfoot');
  const bodies = parts.filter((node) => node.tagName !== 'caption' && node !== thead && node !== tfoot);
  for (const body of bodies) body.tagName = body.nodeName = 'tbody';
  return [caption, thead, ...bodies, tfoot].filter((node): node is Element => node !== undefined);
}

/**
 * A table's cells fitted to the table model (WHATWG HTML §4.9.12.1, forming a table): a row with no cell is removed
 * (parse5 leaves nothing but whitespace in it); then, if the spans still do not fit the grid (tableSpansFit), every
 * colspan and rowspan of the table is dropped, so each cell begins in a slot of its own. Spans that fit are kept.
 */
function fitTableSpans(table: Element): void {
  const partsOf = (parent: ParentNode, names: string[]) => parent.childNodes.filter((node): node is Element => defaultTreeAdapter.isElementNode(node) && names.includes(node.tagName));
  // In document order, which fitTable has made the model's processing order (tfoot last).
  const groups = partsOf(table, ['thead', 'tbody', 'tfoot']);
  for (const group of groups) group.childNodes = group.childNodes.filter((node) => !(defaultTreeAdapter.isElementNode(node) && node.tagName === 'tr' && partsOf(node, ['td', 'th']).length === 0));
  const rows = groups.map((group) => partsOf(group, ['tr']).map((row) => partsOf(row, ['td', 'th'])));
  // fitAttributes has kept only values HTML allows: colspan 1 to 1000, rowspan 0 to 65534.
  const span = (cell: Element, name: string) => Number(cell.attrs.find((attribute) => attribute.name === name)?.value ?? 1);
  if (tableSpansFit(rows.map((group) => group.map((cells) => cells.map((cell) => ({ colspan: span(cell, 'colspan'), rowspan: span(cell, 'rowspan') })))))) return;
  for (const cell of rows.flat(2)) cell.attrs = cell.attrs.filter((attribute) => attribute.name !== 'colspan' && attribute.name !== 'rowspan');
}

/** A figure has one figcaption at most, its first or its last child (§4.4.12); any other becomes a p. */
function fitFigure(children: ChildNode[]): void {
  const content = children.filter((child) => !isBlank(child));
  const isCaption = (node: ChildNode | undefined): node is Element => node !== undefined && defaultTreeAdapter.isElementNode(node) && node.tagName === 'figcaption';
  const first = content[0];
  const last = content.at(-1);
  const kept = isCaption(first) ? first : isCaption(last) ? last : undefined;
  for (const node of content) if (isCaption(node) && node !== kept) node.tagName = node.nodeName = 'p';
}

// Attribute values HTML allows (§2.3.4 integers, for width, height, start and value; §4.9.11 colspan and rowspan; §4.9.10 scope).
const VALID_VALUE: Record<string, (value: string) => boolean> = {
  width: (value) => /^\d+$/.test(value),
  height: (value) => /^\d+$/.test(value),
  start: (value) => /^-?\d+$/.test(value),
  value: (value) => /^-?\d+$/.test(value),
  colspan: (value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000,
  rowspan: (value) => /^\d+$/.test(value) && Number(value) <= 65534,
  scope: (value) => /^(row|col|rowgroup|colgroup)$/i.test(value),
};

function fitAttributes(node: Element): void {
  node.attrs = node.attrs.filter((attribute) => VALID_VALUE[attribute.name]?.(attribute.value) ?? true);
  if (node.tagName === 'img' && !node.attrs.some((attribute) => attribute.name === 'alt')) node.attrs.push({ name: 'alt', value: '' });
}

/** The text of `node`, a space where one block ends and another begins; a walk, not recursion, for any depth. */
function textOf(node: Element): string {
  let out = '';
  const space = () => {
    if (out !== '' && !/\s$/.test(out)) out += ' ';
  };
  const stack: (ChildNode | 'end' | 'inline')[] = [...node.childNodes].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === 'end') space();
    else if (next === 'inline') continue;
    else if (next.nodeName === '#text') out += (next as { value: string }).value;
    else if (defaultTreeAdapter.isElementNode(next)) {
      const block = !PHRASING.has(next.tagName) || next.tagName === 'br';
      if (block) space();
      stack.push(block ? 'end' : 'inline');
      for (let index = next.childNodes.length - 1; index >= 0; index--) stack.push(next.childNodes[index]!);
    }
  }
  return out.trim();
}
