import type { CssNode, FunctionNode } from 'css-tree';
import { cssTree as css } from './cssTree.js';

// A style hides its element only where it names display or content-visibility, as written or through an escape
// (`\64 isplay`, CSS Syntax §4.3.7); a comment cannot split a name (`dis/**/play` is two tokens).
const MAY_HIDE = /display|visibility|\\/i;
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
// Arbitrary substitution functions other than var() (CSS Values 5 §7, Environment Variables, CSS Conditional 5):
// what they give is not in the HTML.
const UNKNOWN_FUNCTIONS = new Set(['env', 'attr', 'if']);
// The properties whose one keyword hides the element with its content: display (CSS Display §2.5), and
// content-visibility, whose `hidden` skips the contents (CSS Contain 2 §4); its box stays, holding nothing a reader
// would see, so it goes with them.
const HIDING_VALUES: Readonly<Record<string, string>> = { display: 'none', 'content-visibility': 'hidden' };

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

/** CSS names are ASCII case-insensitive (CSS Syntax §5): `ı` or `K` must not read as `i` or `k`. */
const asciiLower = (name: string): string => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/**
 * Whether an inline style hides its element: whether the display that applies is `none`, or the content-visibility
 * `hidden`. Read as a browser's CSS parser reads a style attribute (CSS Style Attributes §2: a list of declarations),
 * with css-tree: comments dropped, escapes decoded (`n\6f ne`), a declaration whose value is not valid for its
 * property dropped (CSS 2.1 §4.2, so an earlier valid `none` stays), as is one with a hack's `!ie` for `!important`;
 * of the rest the last, or the last `!important` one, applies (CSS Cascade §6.4). A value using var() is valid as
 * parsed and takes the custom property the same style or an ancestor's (`inherited`) sets, or its fallback (CSS
 * Variables §3). Where the value cannot be worked out from the HTML (see Resolved), it hides if a hiding word is in
 * it, its fallbacks or the properties it names: the safe failure.
 */
export function styleHides(style: string, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  if (!MAY_HIDE.test(style)) return false;
  try {
    const reading = readStyle(style, inherited);
    return Object.entries(HIDING_VALUES).some(([property, keyword]) => {
      const text = reading.applied.get(property);
      return text !== undefined && hides(reading.resolve(text, 0), keyword);
    });
  } catch (error) {
    // css-tree's own SyntaxError, named so, where it cannot read the style at all; anything else is a fault here.
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return HIDING_WORD.test(style);
  }
}

/**
 * Whether an inline style shows an element the user agent's style sheet hides (`[hidden]`, `dialog:not([open])`:
 * `display: none`, WHATWG HTML §15.3.1, §15.3.3): an author's inline display other than none wins over it (CSS
 * Cascade §6.1), but not one that rolls back to it (`revert`, `revert-layer`); one the HTML does not settle (see
 * Resolved) shows unless a hiding word is in it, as styleHides reads it.
 */
export function styleShows(style: string | undefined, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  if (style === undefined || !MAY_HIDE.test(style)) return false;
  try {
    const reading = readStyle(style, inherited);
    const text = reading.applied.get('display');
    if (text === undefined) return false;
    const resolved = reading.resolve(text, 0);
    // Not settled by the HTML: shown (invalid at computed-value time, unset: inline) unless a hiding word is in it.
    if (resolved.unresolved || resolved.value === undefined) return !resolved.mayHide;
    const value = decodeNames(css.parse(resolved.value, { context: 'value' }));
    // What var() gave must be valid for display too, or the declaration is invalid at computed-value time (unset: inline).
    if (value.type !== 'Value' || css.lexer.matchProperty('display', value).error) return true;
    const words = value.children.toArray().map((node) => (node.type === 'Identifier' ? asciiLower(node.name) : css.generate(node))).join(' ');
    return words !== 'none' && words !== 'revert' && words !== 'revert-layer';
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return false;
  }
}

/** The custom properties an element with `style` gives its children: its own, computed, over those it inherits. */
export function customPropertiesPassedDown(style: string | undefined, inherited: CustomProperties): CustomProperties {
  if (style === undefined || !MAY_SET_CUSTOM.test(style)) return inherited;
  let reading: ReturnType<typeof readStyle>;
  try {
    reading = readStyle(style, inherited);
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
    value = decodeNames(css.parse(resolved.value, { context: 'value' }));
  } catch {
    return resolved.mayHide;
  }
  const only = value.type === 'Value' ? value.children.first : null;
  return value.type === 'Value' && value.children.size === 1 && only?.type === 'Identifier' && asciiLower(only.name) === keyword;
}

/** The style's declarations: the value that applies for each hiding property, its custom properties, and how to substitute into them. */
function readStyle(style: string, inherited: CustomProperties) {
  const list = css.parse(style, { context: 'declarationList', parseValue: true, parseCustomProperty: false, positions: true });
  const applied = new Map<string, string>();
  const appliedImportant = new Set<string>();
  const custom = new Map<string, { value: string; important: boolean }>();
  if (list.type === 'DeclarationList') {
    for (const declaration of list.children) {
      if (declaration.type !== 'Declaration') continue;
      // css-tree gives the word after `!` where it is not `important` as written: `!IMPORTANT` is one (names are
      // ASCII case-insensitive), a hack's `!ie` is not, and a browser drops that declaration.
      const flag = declaration.important;
      if (typeof flag === 'string' && asciiLower(css.ident.decode(flag)) !== 'important') continue;
      const important = flag !== false;
      const name = css.ident.decode(declaration.property);
      const value = style.slice(declaration.value.loc!.start.offset, declaration.value.loc!.end.offset);
      if (!balanced(value)) continue;
      if (name.startsWith('--')) {
        if (!custom.get(name)?.important || important) custom.set(name, { value, important });
        continue;
      }
      const property = asciiLower(name);
      if (!(property in HIDING_VALUES) || (appliedImportant.has(property) && !important)) continue;
      if (!usesSubstitution(value) && css.lexer.matchProperty(property, decodeNames(css.clone(declaration.value))).error) continue;
      applied.set(property, value);
      if (important) appliedImportant.add(property);
    }
  }
  return { applied, custom, ...substitution(custom, inherited) };
}

/**
 * Whether a value is one CSS keeps (CSS Syntax §4.3, CSS Variables §2: a <declaration-value>): no unmatched `)`, `]`
 * or `}`, nor a bad string or URL. css-tree reads some such values as it pleases and throws on others.
 */
function balanced(text: string): boolean {
  const types = css.tokenTypes;
  const closing = new Map([[types.RightParenthesis, types.LeftParenthesis], [types.RightSquareBracket, types.LeftSquareBracket], [types.RightCurlyBracket, types.LeftCurlyBracket]]);
  const open: number[] = [];
  let ok = true;
  css.tokenize(text, (type: number) => {
    if (type === types.BadString || type === types.BadUrl) ok = false;
    else if (type === types.Function || type === types.LeftParenthesis) open.push(types.LeftParenthesis);
    else if (type === types.LeftSquareBracket || type === types.LeftCurlyBracket) open.push(type);
    else if (closing.has(type) && open.pop() !== closing.get(type)) ok = false;
  });
  return ok;
}

/** The node with every name's escapes decoded (CSS Syntax §4.3.7), for the lexer to match. */
function decodeNames<T extends CssNode>(node: T): T {
  css.walk(node, (child) => {
    if (child.type === 'Identifier' || child.type === 'Function') child.name = css.ident.decode(child.name);
  });
  return node;
}

const functionName = (node: CssNode): string | undefined => (node.type === 'Function' ? asciiLower(css.ident.decode(node.name)) : undefined);
const isVar = (node: CssNode): node is FunctionNode => functionName(node) === 'var';

/** Whether a value calls var() or another substitution function: read from its tokens, as css-tree leaves some such values unparsed. */
function usesSubstitution(text: string): boolean {
  let found = false;
  css.tokenize(text, (type: number, start: number, end: number) => {
    const name = type === css.tokenTypes.Function ? asciiLower(css.ident.decode(text.slice(start, end - 1))) : undefined;
    if (name === 'var' || UNKNOWN_FUNCTIONS.has(name ?? '')) found = true;
  });
  return found;
}

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
      tree = css.parse(text, { context: 'value', positions: true });
    } catch {
      return found;
    }
    const calls = css.findAll(tree, isVar) as FunctionNode[];
    if (css.find(tree, (node) => UNKNOWN_FUNCTIONS.has(functionName(node) ?? '')) !== null) return found;
    found.unresolved = false;
    let result = '';
    let end = 0;
    for (const call of calls) {
      const start = call.loc!.start.offset;
      // A var() in another's fallback goes with it.
      if (start < end) continue;
      const first = call.children.first;
      const comma = call.children.toArray().find((child) => child.type === 'Operator' && child.value === ',');
      let replacement = first?.type === 'Identifier' ? property(css.ident.decode(first.name), depth) : unset;
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
  css.tokenize(text, (type: number, start: number, end: number) => {
    if (type !== css.tokenTypes.Ident) return;
    const name = css.ident.decode(text.slice(start, end));
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
