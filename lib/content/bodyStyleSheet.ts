import type { CssNode, Selector } from 'css-tree';
import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { asciiLower } from './appliedDeclarations.js';
import { cssSelect } from './cssSelect.js';
import { cssTree as css } from './cssTree.js';
import { MAX_STYLE_SELECTORS } from './limits.js';
import { parse5SelectorAdapter } from './parse5SelectorAdapter.js';
import { STYLE_READ_WORDS } from './styleHides.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

// A block that may hide its element by itself, whose selectors count toward MAX_STYLE_SELECTORS; the others read
// (a height, a width, a padding, a font family) hide only with one of these, and have a cap of their own.
const MAY_HIDE_ALONE = /display|visibility|opacity|overflow|font-size|font\s*:|--|\\/i;
// How deep `@media` blocks are followed inside one another.
const MAX_MEDIA_DEPTH = 4;
// A media query list that holds for every screen a reader uses (Media Queries 4 §2): no media type but all or screen,
// and no feature, which would make it hold on some screens only (`(max-width: 600px)`, a mobile layout).
const EVERY_SCREEN = /^(?:(?:only\s+)?(?:all|screen)|not\s+print)$/;
// The pseudo-classes read: those css-select matches as a browser would for a page at rest, each at a cost that does not
// grow with the tree. Any other (`:nth-child`, `:has`, `:root`, css-select's own `:contains`) makes its selector match nothing.
const PSEUDO_CLASSES = new Set(['first-child', 'last-child', 'hover', 'active', 'visited', 'link', 'any-link']);
const AT_REST = new Set(['hover', 'active', 'visited']);
const LOGICAL = new Set(['not', 'is', 'where']);
// A pseudo-element styles a box of its own (generated content, a marker, a scrollbar, the selection: CSS
// Pseudo-Elements 4), which shows nothing of what the element holds, so its rule cannot show that again (each checked
// in Chromium); but for the first line and letter, which are the element's own text, and a details element's content.
// `:before` and `:after` are written as pseudo-classes too (CSS 2.1 §5.12).
const OWN_TEXT = new Set(['first-line', 'first-letter', 'details-content']);
const LEGACY_OTHER_BOX = new Set(['before', 'after']);
// A block that may show an element again where its rule applies: one setting a property styleHides or styleHidesText
// reads (a font size, a visibility, a display other than none, an opacity, a size, an overflow, a padding, a flex size,
// a float or position, an animation), or what an escape or custom property may spell. Not a font family, a line height
// or a border width, which show nothing that those hide.
const MAY_SHOW =
  /--|\\|(?<![\w-])(?:font|font-size|visibility|opacity|content-visibility|(?:min-|max-)?(?:height|width)|overflow(?:-[xy])?|padding(?:-[a-z]+)?|flex(?:-basis|-grow)?|float|position|animation(?:-name)?)\s*:|(?<![\w-])display\s*:(?!\s*none\s*(?:!\s*important\s*)?(?:;|$))/i;

/**
 * What the rules not read (a media query that holds on some screens only, a selector not matched, one past
 * MAX_STYLE_SELECTORS, another at-rule's block) may show again: the class, id, type or attribute their selectors'
 * subject names, read from its rightmost compound alone, ignoring pseudo-classes and combinators; `any` where it names
 * none (`*`, `:not(.a)`).
 */
interface Unread {
  any: boolean;
  classes: Set<string>;
  ids: Set<string>;
  types: Set<string>;
  attributes: Set<string>;
}

/** A selector's specificity (Selectors 4 §17): ids, then classes, attributes and pseudo-classes, then types. */
type Specificity = [number, number, number];

interface Rule {
  /** The declarations between its braces, as written. */
  block: string;
  selectors: { matches: (element: Element) => boolean; specificity: Specificity }[];
}

/** The rules of a body's style sheets that apply to an element (bodyStyleSheet). */
export interface BodyStyleSheet {
  /** The declaration blocks of the rules that match `element`, least specific first, then in document order (CSS Cascade §6.4). */
  declarations(element: Element): readonly string[];
  /** Whether a rule not read may apply to `element` and show it again (Unread): content is kept where one may. */
  mayShow(element: Element): boolean;
  /** How many selectors of rules that may hide (MAY_HIDE_ALONE) are past MAX_STYLE_SELECTORS and not read. */
  readonly selectorsNotRead: number;
}

export const NO_STYLE_SHEET: BodyStyleSheet = { declarations: () => [], mayShow: () => false, selectorsNotRead: 0 };

/**
 * The style sheets an entry body's `<style>` elements hold (WHATWG HTML §4.2.6: each applies to the whole page,
 * wherever it is), read as a browser reads them (css-tree), matched against the body's elements by a selector engine
 * (css-select) on the tree a browser builds (parseBodyHtml). Only what can hide an element is kept: the rules whose
 * declarations name a property styleHides reads; those of a style element whose `media` or `type` does not apply to
 * every screen, and those in an `@media` block that does not (a layout for narrow screens), are not read, nor any in
 * another at-rule (`@supports`, `@layer`). Selectors are matched within the body, which has no `html` or `body`
 * element of its own; one with a pseudo-element, a `~` combinator or a pseudo-class outside PSEUDO_CLASSES matches
 * nothing, as does every selector past MAX_STYLE_SELECTORS. A rule
 * not read that may show an element again is kept in Unread (mayShow), so that what it may show is kept. `html` is the body's HTML, which is read only if it names a style element.
 */
export function bodyStyleSheet(root: ParentNode, html: string): BodyStyleSheet {
  if (!/<style/i.test(html)) return NO_STYLE_SHEET;
  const adapter = parse5SelectorAdapter();
  const rules: Rule[] = [];
  const unread: Unread = { any: false, classes: new Set(), ids: new Set(), types: new Set(), attributes: new Set() };
  const counts = { hiding: 0, other: 0, notRead: 0 };
  const addUnread = (prelude: string, block: string) => {
    if (!unread.any && MAY_SHOW.test(block)) for (const selector of selectorList(prelude) ?? []) addSubject(unread, selector);
  };
  const addRule = (prelude: string, block: string) => {
    if (!STYLE_READ_WORDS.test(block)) return;
    const counter = MAY_HIDE_ALONE.test(block) ? 'hiding' : 'other';
    if (counts[counter] >= MAX_STYLE_SELECTORS) {
      if (counter === 'hiding') counts.notRead += prelude.split(',').length;
      return addUnread(prelude, block);
    }
    const list = selectorList(prelude);
    if (list === undefined) return;
    const rule: Rule = { block, selectors: [] };
    for (const selector of list) {
      if (counts[counter] >= MAX_STYLE_SELECTORS) {
        if (counter === 'hiding') counts.notRead++;
        if (MAY_SHOW.test(block)) addSubject(unread, selector);
        continue;
      }
      counts[counter]++;
      const specificity = specificityOf(selector);
      // A page at rest matches no `:hover`, `:active` or `:visited`, which a reader's pointer or history may.
      if (specificity === undefined || css().find(selector, (node) => node.type === 'PseudoClassSelector' && AT_REST.has(node.name.toLowerCase())) !== null) {
        if (MAY_SHOW.test(block)) addSubject(unread, selector);
        if (specificity === undefined) continue;
      }
      try {
        const matches = cssSelect().compile<Node, Element>(css().generate(selector), { adapter, cacheResults: true });
        rule.selectors.push({ matches, specificity });
      } catch {
        // A selector css-select cannot read matches nothing.
        if (MAY_SHOW.test(block)) addSubject(unread, selector);
      }
    }
    if (rule.selectors.length > 0) rules.push(rule);
  };
  // Another at-rule's rules, and those of a media query that does not hold on every screen, are not read.
  const readUnread = (text: string, node: CssNode, depth = 0) => {
    if (depth > MAX_MEDIA_DEPTH) {
      unread.any = true;
      return;
    }
    const children = node.type === 'StyleSheet' ? node.children : node.type === 'Atrule' && node.block ? node.block.children : undefined;
    children?.forEach((child) => {
      if (child.type === 'Rule' && child.prelude.type === 'Raw') addUnread(child.prelude.value, blockText(text, child.block));
      else if (child.type === 'Atrule') readUnread(text, child, depth + 1);
    });
  };
  for (const { text, read: applies } of styleSheetTexts(root)) {
    let sheet: CssNode;
    try {
      sheet = css().parse(text, { context: 'stylesheet', parseValue: false, parseRulePrelude: false, parseAtrulePrelude: false, positions: true });
    } catch {
      // Past what css-tree can read (blocks nested beyond its stack): the sheet is not read.
      unread.any = true;
      continue;
    }
    if (!applies) {
      readUnread(text, sheet);
      continue;
    }
    // In document order; `@media` blocks at most MAX_MEDIA_DEPTH deep, so recursion stays shallow.
    const read = (node: CssNode, depth: number) => {
      const children = node.type === 'StyleSheet' ? node.children : node.type === 'Atrule' && node.block ? node.block.children : undefined;
      children?.forEach((child) => {
        if (child.type === 'Rule' && child.prelude.type === 'Raw') addRule(child.prelude.value, blockText(text, child.block));
        else if (child.type === 'Atrule' && css().ident.decode(child.name).toLowerCase() === 'media' && depth < MAX_MEDIA_DEPTH && everyScreen(child.prelude?.type === 'Raw' ? child.prelude.value : '')) read(child, depth + 1);
        else if (child.type === 'Atrule') readUnread(text, child);
      });
    };
    read(sheet, 0);
  }
  const noUnread = !unread.any && unread.classes.size === 0 && unread.ids.size === 0 && unread.types.size === 0 && unread.attributes.size === 0;
  if (rules.length === 0 && noUnread && counts.notRead === 0) return NO_STYLE_SHEET;
  const mayShow = (element: Element): boolean => {
    if (noUnread) return false;
    if (unread.any || unread.types.has(element.tagName)) return true;
    const attribute = (name: string) => element.attrs.find((attr) => attr.name === name)?.value;
    const id = attribute('id');
    if (id !== undefined && unread.ids.has(id)) return true;
    if (element.attrs.some((attr) => unread.attributes.has(attr.name))) return true;
    return (attribute('class') ?? '').split(/[\t\n\f\r ]+/).some((name) => unread.classes.has(name));
  };
  const found = new WeakMap<Element, readonly string[]>();
  return {
    mayShow,
    selectorsNotRead: counts.notRead,
    declarations(element) {
      const known = found.get(element);
      if (known !== undefined) return known;
      const matched: { block: string; specificity: Specificity; order: number }[] = [];
      rules.forEach((rule, order) => {
        let best: Specificity | undefined;
        for (const selector of rule.selectors) if (selector.matches(element) && (best === undefined || compare(selector.specificity, best) > 0)) best = selector.specificity;
        if (best !== undefined) matched.push({ block: rule.block, specificity: best, order });
      });
      matched.sort((a, b) => compare(a.specificity, b.specificity) || a.order - b.order);
      const blocks = matched.map((rule) => rule.block);
      found.set(element, blocks);
      return blocks;
    },
  };
}

/** A rule's selectors, or undefined where CSS cannot read the list, which drops its rule (Selectors 4 §3.1). */
function selectorList(prelude: string): Selector[] | undefined {
  let list: CssNode;
  try {
    list = css().parse(prelude, { context: 'selectorList' });
  } catch {
    return undefined;
  }
  if (list.type !== 'SelectorList' || list.children.some((node) => node.type !== 'Selector')) return undefined;
  return list.children.toArray() as Selector[];
}

/**
 * Adds to `unread` the class, id, type or attribute a selector's subject names in its rightmost compound (Unread); nothing for
 * a pseudo-element that styles a box of its own (any but OWN_TEXT's, and LEGACY_OTHER_BOX's written as pseudo-classes).
 */
function addSubject(unread: Unread, selector: Selector): void {
  const nodes = selector.children.toArray();
  let start = nodes.length;
  while (start > 0 && nodes[start - 1]!.type !== 'Combinator') start--;
  const compound = nodes.slice(start);
  if (compound.some((node) => (node.type === 'PseudoElementSelector' && !OWN_TEXT.has(node.name.toLowerCase())) || (node.type === 'PseudoClassSelector' && LEGACY_OTHER_BOX.has(node.name.toLowerCase())))) return;
  const ids = compound.flatMap((node) => (node.type === 'IdSelector' ? [css().ident.decode(node.name)] : []));
  const classes = compound.flatMap((node) => (node.type === 'ClassSelector' ? [css().ident.decode(node.name)] : []));
  const types = compound.flatMap((node) => (node.type === 'TypeSelector' && !node.name.includes('|') && node.name !== '*' ? [node.name.toLowerCase()] : []));
  const attributes = compound.flatMap((node) => (node.type === 'AttributeSelector' && !node.name.name.includes('|') ? [asciiLower(css().ident.decode(node.name.name))] : []));
  if (ids.length > 0) for (const id of ids) unread.ids.add(id);
  else if (classes.length > 0) for (const name of classes) unread.classes.add(name);
  else if (types.length > 0) for (const type of types) unread.types.add(type);
  // An attribute selector matches only an element with that attribute (Selectors 4 §6.1), whose name HTML lowercases.
  else if (attributes.length > 0) for (const name of attributes) unread.attributes.add(name);
  else unread.any = true;
}

const compare = (a: Specificity, b: Specificity): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** A rule's declarations as written, without its braces (a block left open at the end of the sheet runs to it). */
function blockText(sheet: string, block: CssNode): string {
  const text = sheet.slice(block.loc!.start.offset, block.loc!.end.offset);
  return text.slice(1, text.endsWith('}') ? -1 : undefined);
}

/** Whether a media query list holds on every screen (EVERY_SCREEN), comments dropped and names compared ASCII case-insensitively. */
export function everyScreen(queries: string): boolean {
  const text = queries.replace(/\/\*[^]*?(?:\*\/|$)/g, ' ').replace(/[A-Z]/g, (letter) => letter.toLowerCase()).trim();
  // An empty list is `all` (Media Queries 4 §2.1).
  return text === '' || text.split(',').some((query) => EVERY_SCREEN.test(query.trim().replace(/\s+/g, ' ')));
}

/**
 * The text of each style element in the body that applies to every screen, in document order: a `type` of CSS or
 * none (WHATWG HTML §4.2.6), a `media` that holds on every screen (EVERY_SCREEN), not inside a template.
 */
function styleSheetTexts(root: ParentNode): { text: string; read: boolean }[] {
  const sheets: { text: string; read: boolean }[] = [];
  const pending: Node[] = [...root.childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    if (node.tagName === 'style') {
      const attribute = (name: string) => node.attrs.find((attr) => attr.name === name)?.value;
      const type = attribute('type')?.trim().toLowerCase();
      const media = attribute('media');
      if (type === undefined || type === '' || type === 'text/css') {
        const text = node.childNodes.map((child) => (child.nodeName === '#text' ? (child as DefaultTreeAdapterMap['textNode']).value : '')).join('');
        sheets.push({ text, read: media === undefined || everyScreen(media) });
      }
      continue;
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return sheets;
}

/**
 * A selector's specificity, or undefined where it is not read (see bodyStyleSheet): `:is()` and `:not()` count as
 * their most specific argument, `:where()` as nothing (Selectors 4 §17).
 */
function specificityOf(selector: Selector): Specificity | undefined {
  const total: Specificity = [0, 0, 0];
  for (const node of selector.children) {
    switch (node.type) {
      case 'IdSelector':
        total[0]++;
        break;
      case 'ClassSelector':
        total[1]++;
        break;
      case 'AttributeSelector':
        if (node.name.name.includes('|')) return undefined;
        total[1]++;
        break;
      case 'TypeSelector':
        if (node.name.includes('|')) return undefined;
        if (node.name !== '*') total[2]++;
        break;
      case 'Combinator':
        if (!['>', '+', ' '].includes(node.name)) return undefined;
        break;
      case 'PseudoClassSelector': {
        const name = node.name.toLowerCase();
        if (PSEUDO_CLASSES.has(name)) {
          total[1]++;
          break;
        }
        const list = node.children?.first;
        if (!LOGICAL.has(name) || list?.type !== 'SelectorList') return undefined;
        let most: Specificity = [0, 0, 0];
        for (const inner of list.children) {
          const found = inner.type === 'Selector' ? specificityOf(inner) : undefined;
          if (found === undefined) return undefined;
          if (compare(found, most) > 0) most = found;
        }
        if (name !== 'where') for (let index = 0; index < 3; index++) total[index as 0 | 1 | 2] += most[index as 0 | 1 | 2];
        break;
      }
      default:
        return undefined;
    }
  }
  return total;
}
