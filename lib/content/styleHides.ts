import type { CssNode, FunctionNode } from 'css-tree';
import { appliedDeclarations, asciiLower, decodeNames, UNKNOWN_FUNCTIONS } from './appliedDeclarations.js';
import { cssTree as css } from './cssTree.js';

// A style hides its element only where it names a property read here, as written or through an escape
// (`\64 isplay`, CSS Syntax §4.3.7); a comment cannot split a name (`dis/**/play` is two tokens). A zero height or
// width hides only with `overflow`, and a zero font size is `font-size` or the `font` shorthand's.
const MAY_HIDE = /display|visibility|opacity|overflow|font-size|font\s*[:/]|\\/i;
/**
 * What a block of declarations holds where it may set a property read here (styleHides, styleHidesText, styleShows),
 * one that may show again what those hide (`font`, `visibility`), or a custom property: a style sheet's other rules
 * (colours, margins) are not read.
 */
export const STYLE_READ_WORDS = /display|visibility|opacity|overflow|font|height|width|padding|flex|animation|--|\\/i;
// A style passes custom properties down only where it sets one.
const MAY_SET_CUSTOM = /--|\\/;
// CSS Variables §3: a user agent limits how long a substitution may grow (`--a: var(--b) var(--b)` doubles at each
// step); past it the declaration is invalid.
const MAX_SUBSTITUTED = 1_000;
// How deep var() may nest, through custom properties and fallbacks, before it is read as unresolved: a display value
// needs a few; each level parses its text once more.
const MAX_DEPTH = 32;
// A word that hides where it applies (`none`, `hidden`), or an escape that may spell one. Where a value cannot be
// worked out from the HTML alone (see Resolved), one holding such a word is read as hiding: over-hiding is the safe
// failure, since check names what is left out.
const HIDING_WORD = /none|hidden|\\/i;
// CSS Cascade §7.3: a custom property set to one of these takes its initial (guaranteed-invalid) or inherited value.
const CSS_WIDE = new Set(['initial', 'inherit', 'unset', 'revert', 'revert-layer']);
// The properties whose one keyword hides the element with its content: display (CSS Display §2.5), and
// content-visibility, whose `hidden` skips the contents (CSS Contain 2 §4); its box stays, holding nothing a reader
// would see, so it goes with them.
const HIDING_VALUES: Readonly<Record<string, string>> = { display: 'none', 'content-visibility': 'hidden' };
// The sides of a box that, at zero with its overflow not visible (CSS Overflow 3 §3), leave nothing of its content in
// sight (CSS 2.1 §10.2, §10.5, §10.4, §10.7).
const CLIPPING_SIZES = ['height', 'max-height', 'width', 'max-width'];
// A newsletter's preheader idioms that hide a box and all in it (Chromium draws nothing of each): `opacity: 0` (CSS
// Color 4 §15.2, which no descendant can undo), and a zero height or width with overflow not visible.
// A zero size does not hide a box whose minimum size is more (CSS 2.1 §10.7, §10.4), nor a flex item's, which its flex
// sizes may grow (CSS Flexbox 1 §7); an animation may take an opacity of zero to another (CSS Animations 1 §3).
const MINIMUM_SIZE: Readonly<Record<string, string>> = { height: 'min-height', 'max-height': 'min-height', width: 'min-width', 'max-width': 'min-width' };
const FLEX = ['flex', 'flex-basis', 'flex-grow'];
const ANIMATION = ['animation', 'animation-name'];
// The `font` shorthand sets the font size too (`font: 0/0 a`, CSS Fonts 4 §2.9), in cascade order with `font-size`.
const SHORTHANDS = { font: 'font-size' };
const READ = new Set([...Object.keys(HIDING_VALUES), ...Object.values(MINIMUM_SIZE), ...FLEX, ...ANIMATION, 'opacity', 'overflow', ...CLIPPING_SIZES, 'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right', 'visibility', 'font-size', 'float', 'position']);
// The elements whose box is a block by default (WHATWG HTML §15.3), to which height, width and overflow apply; not an
// inline one (a span), nor a table's, whose cells grow to their content.
const BLOCK_BY_DEFAULT = new Set(['div', 'p', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'address', 'center', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'figure', 'figcaption', 'hgroup', 'details', 'summary', 'form', 'fieldset', 'menu', 'search']);
// The displays that make a box height, width and overflow apply to (CSS Display §2): a block container, a flex or grid.
const BOX_DISPLAYS = new Set(['block', 'inline-block', 'flow-root', 'list-item', 'flex', 'inline-flex', 'grid', 'inline-grid', 'block flow', 'inline flow-root', 'block flow-root', 'block flex', 'block grid', 'inline flex', 'inline grid']);
// A flex or grid item's display is blockified (CSS Display §2.7, each checked in Chromium), as is a float's or an
// absolutely positioned box's (CSS 2.1 §9.7): an element inline by default, or a display inline or internal to a
// table, becomes a block, whose zero height or width hides it as another block's does; a table stays a table.
const INLINE_BY_DEFAULT = new Set(['span', 'a', 'b', 'i', 'em', 'strong', 'small', 'big', 'font', 'u', 's', 'strike', 'mark', 'abbr', 'acronym', 'cite', 'code', 'q', 'sub', 'sup', 'label', 'time', 'bdi', 'bdo', 'del', 'ins', 'kbd', 'samp', 'var', 'dfn', 'data', 'tt', 'nobr']);
const BLOCKIFIED = new Set(['inline', 'inline flow', 'table-cell', 'table-row', 'table-row-group', 'table-header-group', 'table-footer-group', 'table-column', 'table-column-group', 'table-caption']);
// The displays whose element lays its children out as flex or grid items (CSS Flexbox 1 §4, CSS Grid 1 §6); not the
// legacy `-webkit-box`, whose inline children Chromium leaves inline.
const ITEM_PARENT = /^(?:(?:block |inline )?(?:flex|grid)|(?:flex|grid) (?:block|inline)|inline-flex|inline-grid)$/;

/**
 * An element's styles as the cascade orders them (CSS Cascade §6): the declaration blocks of the style sheet rules
 * that match it (bodyStyleSheet), least specific first, then its inline style, which wins over them; `!important`
 * is read across them all. One string alone is an inline style.
 */
export type Styles = string | readonly (string | undefined)[];
const texts = (styles: Styles | undefined): string[] => (styles === undefined ? [] : typeof styles === 'string' ? [styles] : styles.filter((style): style is string => style !== undefined));

/**
 * A custom property's value as computed on an element: its text with each var() substituted (`value`, undefined
 * where it is invalid), whether that used something the HTML does not give (`unresolved`: a property no ancestor
 * sets, a CSS-wide keyword, env(), attr() or if(), a limit passed, text css-tree cannot read), and whether a hiding
 * word is in what was read (`mayHide`).
 */
interface Resolved {
  value: string | undefined;
  unresolved: boolean;
  mayHide: boolean;
}

/** The custom properties an element's style gives its children (they inherit, CSS Variables §2), by name. */
export type CustomProperties = ReadonlyMap<string, Resolved>;
export const NO_CUSTOM_PROPERTIES: CustomProperties = new Map();

/**
 * Whether an element's styles hide it with all it holds, as a browser draws it: the display that applies is `none`,
 * or the content-visibility `hidden`, or the opacity 0 or less, or (on a box that is a block, `tagName`'s by default
 * or by its display) a height, max-height, width or max-width of zero with an overflow that is not visible and no padding
 * (a newsletter's preheader). Read as a browser's CSS parser reads a style attribute (CSS Style Attributes §2: a list
 * of declarations), with css-tree: comments dropped, escapes decoded (`n\6f ne`), a declaration whose value is not
 * valid for its property dropped (CSS 2.1 §4.2, so an earlier valid `none` stays), as is one with a hack's `!ie` for
 * `!important`; of the rest the last, or the last `!important` one, applies (CSS Cascade §6.4), across the element's
 * styles (Styles). A value using var() is valid as parsed and takes the custom property the same style or an
 * ancestor's (`inherited`) sets, or its fallback (CSS Variables §3). Where a display or content-visibility cannot be
 * worked out from the HTML (see Resolved), it hides if a hiding word is in it, its fallbacks or the properties it
 * names: the safe failure; an opacity or a size that cannot be is read as not hiding. `item`: whether the element's
 * parent lays it out as a flex or grid item (laysOutItems), asked only where its box decides.
 */
export function styleHides(styles: Styles, inherited: CustomProperties = NO_CUSTOM_PROPERTIES, tagName?: string, item: () => boolean = () => false): boolean {
  const list = texts(styles);
  if (!list.some((style) => MAY_HIDE.test(style))) return false;
  try {
    const reading = readStyle(list, inherited);
    const value = (property: string) => {
      const text = reading.applied.get(property);
      return text === undefined ? undefined : reading.resolve(text, 0);
    };
    if (Object.entries(HIDING_VALUES).some(([property, keyword]) => {
      const resolved = value(property);
      return resolved !== undefined && hides(resolved, keyword);
    })) return true;
    const animated = ANIMATION.some((property) => value(property) !== undefined && words(value(property)!) !== 'none');
    if (atMost(value('opacity'), 0) && !animated) return true;
    if (!clipped(value('overflow')) || FLEX.some((property) => value(property) !== undefined)) return false;
    const display = value('display');
    const shown = display === undefined ? undefined : (words(display) ?? '');
    const keyword = (property: string) => {
      const resolved = value(property);
      return (resolved === undefined ? undefined : words(resolved)) ?? '';
    };
    const blockified = () => ['left', 'right', 'inline-start', 'inline-end'].includes(keyword('float')) || ['absolute', 'fixed'].includes(keyword('position')) || item();
    const box =
      shown === undefined
        ? tagName !== undefined && (BLOCK_BY_DEFAULT.has(tagName) || (INLINE_BY_DEFAULT.has(tagName) && blockified()))
        : BOX_DISPLAYS.has(shown) || (BLOCKIFIED.has(shown) && blockified());
    const padded = [...reading.applied.keys()].some((property) => property.startsWith('padding') && !atMost(value(property), 0, true));
    const grows = (property: string) => value(MINIMUM_SIZE[property]!) !== undefined && !atMost(value(MINIMUM_SIZE[property]!), 0);
    return box && !padded && CLIPPING_SIZES.some((property) => atMost(value(property), 0) && !grows(property));
  } catch (error) {
    // css-tree's own SyntaxError, named so, where it cannot read the style at all; anything else is a fault here.
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return list.some((style) => HIDING_WORD.test(style));
  }
}

/**
 * Whether an element's styles (Styles) make it lay its children out as flex or grid items (ITEM_PARENT), read as
 * styleHides reads them; a display the HTML does not settle does not.
 */
export function laysOutItems(styles: Styles, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  return ITEM_PARENT.test(appliedDisplay(styles, inherited) ?? '');
}

/**
 * Whether an element's styles (Styles) give it `display: contents`, read as styleHides reads them: it has no box, and
 * its children are laid out by its parent (CSS Display §2.5); a display the HTML does not settle does not.
 */
export function displaysContents(styles: Styles, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  return appliedDisplay(styles, inherited) === 'contents';
}

/** The display that applies in an element's styles, as its words; undefined where none does or the HTML does not settle it. */
function appliedDisplay(styles: Styles, inherited: CustomProperties): string | undefined {
  const list = texts(styles);
  if (!list.some((style) => /display|\\/i.test(style))) return undefined;
  try {
    const reading = readStyle(list, inherited);
    const text = reading.applied.get('display');
    return text === undefined ? undefined : words(reading.resolve(text, 0));
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return undefined;
  }
}

/**
 * The inherited properties whose value in an element's styles hides its text, which a descendant's own value shows
 * again: `visibility: hidden` or `collapse` (CSS Display §4; `visible` on a child shows it), and `font-size: 0` (CSS
 * Fonts 4 §2.5: its text is drawn at no size, whatever the line height; a child's own size shows it, and an image
 * keeps its own), set as such or by the `font` shorthand (`font: 0/0 a`). Read as styleHides reads styles; a value
 * the HTML does not settle hides nothing.
 */
export function styleHidesText(styles: Styles, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): ('visibility' | 'font-size')[] {
  const list = texts(styles);
  if (!list.some((style) => MAY_HIDE.test(style))) return [];
  try {
    const reading = readStyle(list, inherited);
    const value = (property: string) => {
      const text = reading.applied.get(property);
      return text === undefined ? undefined : reading.resolve(text, 0);
    };
    const visibility = value('visibility');
    const found: ('visibility' | 'font-size')[] = [];
    if (visibility !== undefined && ['hidden', 'collapse'].includes(words(visibility) ?? '')) found.push('visibility');
    if (atMost(value('font-size'), 0)) found.push('font-size');
    return found;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return [];
  }
}

/**
 * Whether an element's styles (Styles) show an element the user agent's style sheet hides (`[hidden]`,
 * `dialog:not([open])`: `display: none`, WHATWG HTML §15.3.1, §15.3.3): an author's display other than none wins
 * over it (CSS Cascade §6.1), but not one that rolls back to it (`revert`, `revert-layer`); one the HTML does not
 * settle (see Resolved) shows unless a hiding word is in it, as styleHides reads it.
 */
export function styleShows(styles: Styles | undefined, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  const list = texts(styles);
  if (!list.some((style) => MAY_HIDE.test(style))) return false;
  try {
    const reading = readStyle(list, inherited);
    const text = reading.applied.get('display');
    if (text === undefined) return false;
    const resolved = reading.resolve(text, 0);
    // Not settled by the HTML: shown (invalid at computed-value time, unset: inline) unless a hiding word is in it.
    if (resolved.unresolved || resolved.value === undefined) return !resolved.mayHide;
    const value = decodeNames(css().parse(resolved.value, { context: 'value' }));
    // What var() gave must be valid for display too, or the declaration is invalid at computed-value time (unset: inline).
    if (value.type !== 'Value' || css().lexer.matchProperty('display', value).error) return true;
    const words = value.children.toArray().map((node) => (node.type === 'Identifier' ? asciiLower(node.name) : css().generate(node))).join(' ');
    return words !== 'none' && words !== 'revert' && words !== 'revert-layer';
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return false;
  }
}

/** The custom properties an element with `styles` gives its children: its own, computed, over those it inherits. */
export function customPropertiesPassedDown(styles: Styles | undefined, inherited: CustomProperties): CustomProperties {
  const list = texts(styles);
  if (!list.some((style) => MAY_SET_CUSTOM.test(style))) return inherited;
  let reading: ReturnType<typeof readStyle>;
  try {
    reading = readStyle(list, inherited);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return inherited;
  }
  if (reading.custom.size === 0) return inherited;
  const passed = new Map(inherited);
  for (const name of reading.custom.keys()) passed.set(name, reading.property(name, 0));
  return passed;
}

function hides(resolved: Resolved, keyword: string): boolean {
  if (resolved.unresolved && resolved.mayHide) return true;
  if (resolved.value === undefined) return false;
  let value: CssNode;
  try {
    value = decodeNames(css().parse(resolved.value, { context: 'value' }));
  } catch {
    return resolved.mayHide;
  }
  const only = value.type === 'Value' ? value.children.first : null;
  return value.type === 'Value' && value.children.size === 1 && only?.type === 'Identifier' && asciiLower(only.name) === keyword;
}

/** A settled value's keywords, lower-cased and one space apart; undefined where it is not keywords alone or not settled. */
function words(resolved: Resolved): string | undefined {
  const value = settled(resolved);
  if (value === undefined || value.children.size === 0) return undefined;
  const names = value.children.toArray().map((node) => (node.type === 'Identifier' ? asciiLower(node.name) : undefined));
  return names.includes(undefined) ? undefined : names.join(' ');
}

/** A settled value, parsed with its names decoded; undefined where the HTML does not settle it or css-tree cannot read it. */
function settled(resolved: Resolved | undefined) {
  if (resolved === undefined || resolved.unresolved || resolved.value === undefined) return undefined;
  try {
    const value = decodeNames(css().parse(resolved.value, { context: 'value' }));
    return value.type === 'Value' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a settled value is one number, length or percentage no greater than `limit` (`0`, `0px`, `0%`, `-1`);
 * with `all`, whether each of its parts is (a padding shorthand's four sides).
 */
function atMost(resolved: Resolved | undefined, limit: number, all = false): boolean {
  const value = settled(resolved);
  if (value === undefined || value.children.size === 0 || (!all && value.children.size !== 1)) return false;
  return value.children.toArray().every((node) => (node.type === 'Number' || node.type === 'Dimension' || node.type === 'Percentage') && Number(node.value) <= limit);
}

/**
 * Whether an overflow keeps a box's content inside it in both directions (CSS Overflow 3 §3.1): `hidden`, `clip`,
 * `scroll` or `auto` (a scroll container of zero size shows nothing), written once or for each axis; a `visible` beside
 * one of the others but `clip` computes to `auto`.
 */
function clipped(resolved: Resolved | undefined): boolean {
  const found = resolved === undefined ? undefined : words(resolved)?.split(' ');
  return found !== undefined && found.some((word) => word !== 'visible') && !(found.includes('visible') && found.includes('clip'));
}

/**
 * The styles' declarations (appliedDeclarations, in cascade order): the value that applies for each property read
 * here, their custom properties, and how to substitute into them.
 */
function readStyle(styles: readonly string[], inherited: CustomProperties) {
  const { applied, custom } = appliedDeclarations(styles, READ, SHORTHANDS);
  return { applied, custom, ...substitution(custom, inherited) };
}

/**
 * The value of each of `properties` that applies in an element's styles (appliedDeclarations, in cascade order), each
 * var() substituted as here, from the styles' own custom properties and those `inherited`; undefined where the HTML
 * does not settle it (see Resolved). For a reader of other properties than those read here (trackingPixel's sizes).
 */
export function substitutedValues(styles: Styles, properties: ReadonlySet<string>, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): Map<string, string | undefined> {
  const { applied, custom } = appliedDeclarations(texts(styles), properties);
  const { resolve } = substitution(custom, inherited);
  const values = new Map<string, string | undefined>();
  for (const [property, text] of applied) {
    const resolved = resolve(text, 0);
    values.set(property, resolved.unresolved ? undefined : resolved.value);
  }
  return values;
}

const functionName = (node: CssNode): string | undefined => (node.type === 'Function' ? asciiLower(css().ident.decode(node.name)) : undefined);
const isVar = (node: CssNode): node is FunctionNode => functionName(node) === 'var';

/**
 * Substitution into a value (CSS Variables §3): each var() replaced by the custom property's value, itself
 * substituted, or else by its fallback. Each custom property is substituted once, however often it is used, so the
 * work stays in proportion to the style.
 */
function substitution(custom: ReadonlyMap<string, { value: string }>, inherited: CustomProperties) {
  const hiding = hidingProperties(custom, inherited);
  // Whether a hiding word is in the text or in a property it names, however far down: followed past the depth
  // substitution goes (Chromium still hides through a hundred).
  const mentionsHiding = (text: string): boolean =>
    HIDING_WORD.test(text) || propertyNames(text).some((name) => (custom.has(name) ? hiding.has(name) : inherited.get(name)?.mayHide === true));
  const resolvedProperties = new Map<string, Resolved>();
  const resolving = new Set<string>();
  const unset: Resolved = { value: undefined, unresolved: true, mayHide: false };
  const property = (name: string, depth: number): Resolved => {
    const known = resolvedProperties.get(name);
    if (known !== undefined) return known;
    const text = custom.get(name)?.value;
    if (text === undefined) return inherited.get(name) ?? unset;
    // A property in a cycle is invalid (CSS Variables §2.3): a var() naming it takes its fallback.
    if (resolving.has(name)) return unset;
    let result: Resolved;
    if (CSS_WIDE.has(asciiLower(text.trim()))) result = { ...unset, mayHide: hiding.has(name) };
    else {
      resolving.add(name);
      result = resolve(text, depth + 1);
      resolving.delete(name);
    }
    resolvedProperties.set(name, result);
    return result;
  };
  const resolve = (text: string, depth: number): Resolved => {
    const found: Resolved = { value: undefined, unresolved: true, mayHide: mentionsHiding(text) };
    if (depth > MAX_DEPTH) return found;
    let tree: CssNode;
    try {
      tree = css().parse(text, { context: 'value', positions: true });
    } catch {
      return found;
    }
    const calls = css().findAll(tree, isVar) as FunctionNode[];
    if (css().find(tree, (node) => UNKNOWN_FUNCTIONS.has(functionName(node) ?? '')) !== null) return found;
    found.unresolved = false;
    let result = '';
    let end = 0;
    for (const call of calls) {
      const start = call.loc!.start.offset;
      // A var() in another's fallback goes with it.
      if (start < end) continue;
      const first = call.children.first;
      const comma = call.children.toArray().find((child) => child.type === 'Operator' && child.value === ',');
      let replacement = first?.type === 'Identifier' ? property(css().ident.decode(first.name), depth) : unset;
      if (replacement.value === undefined && comma) {
        const fallback = resolve(text.slice(comma.loc!.end.offset, call.loc!.end.offset - 1), depth + 1);
        replacement = { ...fallback, unresolved: fallback.unresolved || replacement.unresolved };
      }
      found.unresolved ||= replacement.unresolved;
      found.mayHide ||= replacement.mayHide;
      if (replacement.value === undefined) return { ...found, value: undefined, unresolved: true };
      result += `${text.slice(end, start)} ${replacement.value} `;
      if (result.length > MAX_SUBSTITUTED) return { ...found, value: undefined, unresolved: true };
      end = call.loc!.end.offset;
    }
    return { ...found, value: result + text.slice(end) };
  };
  return { property, resolve };
}

/** The custom property names a value's text holds (`--a` in `var(--a)`), escapes decoded. */
function propertyNames(text: string): string[] {
  const names: string[] = [];
  css().tokenize(text, (type: number, start: number, end: number) => {
    if (type !== css().tokenTypes.Ident) return;
    const name = css().ident.decode(text.slice(start, end));
    if (name.startsWith('--')) names.push(name);
  });
  return names;
}

/**
 * The style's own custom properties whose value holds a hiding word, or names one that does, however far down (an
 * inherited one, or its own inherited value through a CSS-wide keyword, by its `mayHide`): found from the words,
 * back along the names, so each property is read once.
 */
function hidingProperties(custom: ReadonlyMap<string, { value: string }>, inherited: CustomProperties): ReadonlySet<string> {
  const hiding = new Set<string>();
  const namedBy = new Map<string, string[]>();
  const pending: string[] = [];
  const mark = (name: string) => {
    if (hiding.has(name)) return;
    hiding.add(name);
    pending.push(name);
  };
  for (const [name, { value }] of custom) {
    if (HIDING_WORD.test(value) || (CSS_WIDE.has(asciiLower(value.trim())) && inherited.get(name)?.mayHide)) mark(name);
    for (const named of propertyNames(value)) {
      if (!custom.has(named) && inherited.get(named)?.mayHide) mark(name);
      const list = namedBy.get(named);
      if (list === undefined) namedBy.set(named, [name]);
      else list.push(name);
    }
  }
  while (pending.length > 0) for (const by of namedBy.get(pending.pop()!) ?? []) mark(by);
  return hiding;
}
