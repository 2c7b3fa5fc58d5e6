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
      // A hack's `!ie` is no `!important`: a browser drops the declaration.
      if (declaration.type !== 'Declaration' || typeof declaration.important === 'string') continue;
      const name = css.ident.decode(declaration.property);
      const important = declaration.important;
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
    if (CSS_WIDE.has(asciiLower(text.trim()))) result = { ...unset, mayHide: inherited.get(name)?.mayHide ?? false };
    else {
      resolving.add(name);
      result = resolve(text, depth + 1);
      resolving.delete(name);
    }
    resolvedProperties.set(name, result);
    return result;
  };
  const resolve = (text: string, depth: number): Resolved => {
    const found: Resolved = { value: undefined, unresolved: true, mayHide: HIDING_WORD.test(text) };
    if (depth > MAX_DEPTH) return found;
    let tree: CssNode;
    try {
      tree = css.parse(text, { context: 'value', positions: true });
    } catch {
      return found;
    }
    const calls = css.findAll(tree, isVar) as FunctionNode[];
    // What every property named holds counts towards hiding, wherever the var() is.
    for (const call of calls) {
      const first = call.children.first;
      if (first?.type === 'Identifier') found.mayHide ||= property(css.ident.decode(first.name), depth).mayHide;
    }
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
