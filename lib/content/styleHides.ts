import type { CssNode, FunctionNode } from 'css-tree';
import { cssTree as css } from './cssTree.js';

// A style sets display only where it names it, as written or through an escape (`\64 isplay`, CSS Syntax §4.3.7); a
// comment cannot split a name (`dis/**/play` is two tokens). Any other style shows, without a parse.
const MAY_SET_DISPLAY = /display|\\/i;
// CSS Variables §3: a user agent limits how long a substitution may grow (`--a: var(--b) var(--b)` doubles at each
// step); past it the declaration is invalid.
const MAX_SUBSTITUTED = 1_000;
// How deep var() may nest, through custom properties and fallbacks, before it is read as invalid: a display value
// needs a few; each level parses its text once more.
const MAX_DEPTH = 32;
// Where css-tree cannot read a style (it throws on some unmatched brackets), it may still hide: a `none`, or an escape
// that may spell one, anywhere in it is read as hiding, the safe failure, since check names what is left out.
const MAY_SPELL_NONE = /none|\\/i;

/** CSS names are ASCII case-insensitive (CSS Syntax §5): `ı` or `K` must not read as `i` or `k`. */
const asciiLower = (name: string): string => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/**
 * Whether an inline style hides its element: whether the display that applies is `none`. Read as a browser's CSS
 * parser reads a style attribute (CSS Style Attributes §2: a list of declarations), with css-tree: comments dropped,
 * escapes decoded (`n\6f ne`), a declaration whose value is not valid for display dropped (CSS 2.1 §4.2, so an
 * earlier valid `none` stays); of the rest the last, or the last `!important` one, applies (CSS Cascade §6.4). A value
 * using var() is valid as parsed and takes the custom property the same style sets, or its fallback (CSS Variables
 * §3); with neither it is invalid when computed, and display is then its initial value, inline.
 */
export function styleHides(style: string): boolean {
  if (!MAY_SET_DISPLAY.test(style)) return false;
  try {
    return displayNone(style);
  } catch (error) {
    // css-tree's own SyntaxError, named so; anything else is a fault here.
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return MAY_SPELL_NONE.test(style);
  }
}

function displayNone(style: string): boolean {
  const list = css.parse(style, { context: 'declarationList', parseValue: true, parseCustomProperty: false, positions: true });
  let display: string | undefined;
  let displayImportant = false;
  const custom = new Map<string, { value: string; important: boolean }>();
  if (list.type !== 'DeclarationList') return false;
  for (const declaration of list.children) {
    if (declaration.type !== 'Declaration') continue;
    const name = css.ident.decode(declaration.property);
    const important = declaration.important !== false;
    const value = style.slice(declaration.value.loc!.start.offset, declaration.value.loc!.end.offset);
    if (name.startsWith('--')) {
      if (!custom.get(name)?.important || important) custom.set(name, { value, important });
      continue;
    }
    if (asciiLower(name) !== 'display' || (displayImportant && !important)) continue;
    const decoded = decodeNames(css.clone(declaration.value));
    if (!usesVar(decoded) && css.lexer.matchProperty('display', decoded).error) continue;
    display = value;
    displayImportant = important;
  }
  if (display === undefined) return false;
  const applied = substitute(display, custom);
  if (applied === undefined) return false;
  const value = decodeNames(css.parse(applied, { context: 'value' }));
  const only = value.type === 'Value' ? value.children.first : null;
  return value.type === 'Value' && value.children.size === 1 && only?.type === 'Identifier' && asciiLower(only.name) === 'none';
}

/** The node with every name's escapes decoded (CSS Syntax §4.3.7), for the lexer to match. */
function decodeNames<T extends CssNode>(node: T): T {
  css.walk(node, (child) => {
    if (child.type === 'Identifier' || child.type === 'Function') child.name = css.ident.decode(child.name);
  });
  return node;
}

const isVar = (node: CssNode): node is FunctionNode => node.type === 'Function' && asciiLower(css.ident.decode(node.name)) === 'var';
const usesVar = (node: CssNode): boolean => css.find(node, isVar) !== null;

/**
 * The value with each var() replaced by the custom property's value, itself substituted, or else by its fallback
 * (CSS Variables §3); undefined where one has neither, or the substitution grows past the limit or nests too deep.
 * Each custom property is substituted once, however often it is used, so the work stays in proportion to the style.
 */
function substitute(value: string, custom: ReadonlyMap<string, { value: string }>): string | undefined {
  const resolved = new Map<string, string | undefined>();
  const resolving = new Set<string>();
  // A property in a cycle is invalid (CSS Variables §2.3): a var() naming it takes its fallback.
  const property = (name: string, depth: number): string | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const text = custom.get(name)?.value;
    if (text === undefined || resolving.has(name)) return undefined;
    resolving.add(name);
    const result = replaceVars(text, depth + 1);
    resolving.delete(name);
    resolved.set(name, result);
    return result;
  };
  const replaceVars = (text: string, depth: number): string | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    let result = '';
    let end = 0;
    for (const call of css.findAll(css.parse(text, { context: 'value', positions: true }), isVar) as FunctionNode[]) {
      const start = call.loc!.start.offset;
      // A var() in another's fallback goes with it.
      if (start < end) continue;
      const first = call.children.first;
      const comma = call.children.toArray().find((child) => child.type === 'Operator' && child.value === ',');
      let replacement = first?.type === 'Identifier' ? property(css.ident.decode(first.name), depth) : undefined;
      if (replacement === undefined && comma) replacement = replaceVars(text.slice(comma.loc!.end.offset, call.loc!.end.offset - 1), depth + 1);
      if (replacement === undefined) return undefined;
      result += `${text.slice(end, start)} ${replacement} `;
      if (result.length > MAX_SUBSTITUTED) return undefined;
      end = call.loc!.end.offset;
    }
    return result + text.slice(end);
  };
  return replaceVars(value, 0);
}
