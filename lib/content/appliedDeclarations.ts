import type { CssNode, LexerMatchResult } from 'css-tree';
import { cssTree as css } from './cssTree.js';

/** CSS names are ASCII case-insensitive (CSS Syntax §5): `ı` or `K` must not read as `i` or `k`. */
export const asciiLower = (name: string): string => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

// Arbitrary substitution functions other than var() (CSS Values 5 §7, Environment Variables, CSS Conditional 5):
// what they give is not in the HTML.
export const UNKNOWN_FUNCTIONS: ReadonlySet<string> = new Set(['env', 'attr', 'if']);

/**
 * The declarations that apply of an element's styles in cascade order (a string alone is an inline style; a list is
 * its style sheet rules' declaration blocks, least specific first, then its inline style), each read as a browser's
 * CSS parser reads a style attribute (CSS Style Attributes §2: a list of declarations), with css-tree: comments
 * dropped, escapes decoded (`w\69dth`, `n\6f ne`), a declaration whose value is not valid for its property dropped
 * (CSS 2.1 §4.2, so an earlier valid one stays), as is one with a hack's `!ie` for `!important` or an unbalanced value;
 * of the rest the last, or the last `!important` one, applies (CSS Cascade §6.4). `applied`: for each of `properties`
 * set so, its value's text as written (one using var() or another substitution function is valid as parsed, CSS
 * Variables §3); `custom`: the custom properties, each with its last value, or its last `!important` one. Each style is
 * parsed on its own (a string left open at the end of one closes there). `shorthands`: for a shorthand, the one of
 * `properties` it sets (CSS Cascade §1.2), which takes the part of its value the grammar gives that property, or an
 * empty text where the part is not one of its words (a system font's size) or is known only after substitution.
 * Throws css-tree's SyntaxError where it cannot read a style at all.
 */
export function appliedDeclarations(styles: string | readonly string[], properties: ReadonlySet<string>, shorthands: Readonly<Record<string, string>> = {}) {
  const applied = new Map<string, string>();
  const appliedImportant = new Set<string>();
  const custom = new Map<string, { value: string; important: boolean }>();
  for (const style of typeof styles === 'string' ? [styles] : styles) {
    const list = css().parse(style, { context: 'declarationList', parseValue: true, parseCustomProperty: false, positions: true });
    if (list.type !== 'DeclarationList') continue;
    for (const declaration of list.children) {
      if (declaration.type !== 'Declaration') continue;
      // css-tree gives the word after `!` where it is not `important` as written: `!IMPORTANT` is one (names are
      // ASCII case-insensitive), a hack's `!ie` is not, and a browser drops that declaration.
      const flag = declaration.important;
      if (typeof flag === 'string' && asciiLower(css().ident.decode(flag)) !== 'important') continue;
      const important = flag !== false;
      const name = css().ident.decode(declaration.property);
      const value = style.slice(declaration.value.loc!.start.offset, declaration.value.loc!.end.offset);
      if (!balanced(value)) continue;
      if (name.startsWith('--')) {
        if (!custom.get(name)?.important || important) custom.set(name, { value, important });
        continue;
      }
      const written = asciiLower(name);
      const property = Object.hasOwn(shorthands, written) ? shorthands[written]! : written;
      if (!properties.has(property) || (appliedImportant.has(property) && !important)) continue;
      const decoded = usesSubstitution(value) ? undefined : decodeNames(css().clone(declaration.value));
      const match = decoded === undefined ? undefined : css().lexer.matchProperty(written, decoded);
      if (match?.error) continue;
      applied.set(property, property === written ? value : longhandPart(decoded, property, match, style));
      if (important) appliedImportant.add(property);
    }
  }
  return { applied, custom };
}

/** The text of the part of a shorthand's value its grammar gives `property`, or empty where none is known. */
function longhandPart(value: CssNode | undefined, property: string, match: LexerMatchResult | undefined, style: string): string {
  if (value?.type !== 'Value' || match === undefined) return '';
  const part = value.children.toArray().find((node) => match.isProperty(node, property));
  return part === undefined ? '' : style.slice(part.loc!.start.offset, part.loc!.end.offset);
}

/**
 * Whether a value is one CSS keeps (CSS Syntax §4.3, CSS Variables §2: a <declaration-value>): no unmatched `)`, `]`
 * or `}`, nor a bad string or URL. css-tree reads some such values as it pleases and throws on others.
 */
function balanced(text: string): boolean {
  const types = css().tokenTypes;
  const closing = new Map([[types.RightParenthesis, types.LeftParenthesis], [types.RightSquareBracket, types.LeftSquareBracket], [types.RightCurlyBracket, types.LeftCurlyBracket]]);
  const open: number[] = [];
  let ok = true;
  css().tokenize(text, (type: number) => {
    if (type === types.BadString || type === types.BadUrl) ok = false;
    else if (type === types.Function || type === types.LeftParenthesis) open.push(types.LeftParenthesis);
    else if (type === types.LeftSquareBracket || type === types.LeftCurlyBracket) open.push(type);
    else if (closing.has(type) && open.pop() !== closing.get(type)) ok = false;
  });
  return ok;
}

/** The node with every name's escapes decoded (CSS Syntax §4.3.7), for the lexer to match. */
export function decodeNames<T extends CssNode>(node: T): T {
  css().walk(node, (child) => {
    if (child.type === 'Identifier' || child.type === 'Function') child.name = css().ident.decode(child.name);
  });
  return node;
}

/** Whether a value calls var() or another substitution function: read from its tokens, as css-tree leaves some such values unparsed. */
function usesSubstitution(text: string): boolean {
  let found = false;
  css().tokenize(text, (type: number, start: number, end: number) => {
    const name = type === css().tokenTypes.Function ? asciiLower(css().ident.decode(text.slice(start, end - 1))) : undefined;
    if (name === 'var' || UNKNOWN_FUNCTIONS.has(name ?? '')) found = true;
  });
  return found;
}
