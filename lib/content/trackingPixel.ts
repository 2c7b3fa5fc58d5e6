import type { Value } from 'css-tree';
import { cssTree as css } from './cssTree.js';

// A dimension attribute's value as HTML reads it (WHATWG HTML §2.3.4.4, rules for parsing dimension values): white
// space, digits, a fraction, and `%` for a share of the container; anything after is ignored ("1px" is 1).
const DIMENSION = /^[\t\n\f\r ]*(\d+(?:\.\d+)?)(%?)/;
// A style sizes its element only where it names width or height, as written or through an escape (`w\69dth`).
const MAY_SIZE = /width|height|\\/i;

/** A rendered width or height: pixels, `auto` (from the image's own size and the other side), or another length (%, em, calc()). */
type Size = number | 'auto' | 'other';

/** A dimension attribute as a size: its pixels, `other` for a percentage, `auto` when missing or not a number. */
function attributeSize(value: string | undefined): Size {
  const match = value === undefined ? null : DIMENSION.exec(value);
  if (match === null) return 'auto';
  return match[2] === '' ? Number(match[1]) : 'other';
}

/** A width or height value as a size: a length in px or a zero, `auto`, or `other`. */
function cssSize(value: Value): Size {
  const only = value.children.size === 1 ? value.children.first : null;
  if (only?.type === 'Dimension' && only.unit.toLowerCase() === 'px') return Number(only.value);
  if (only?.type === 'Number' && Number(only.value) === 0) return 0;
  if (only?.type === 'Identifier' && only.name.toLowerCase() === 'auto') return 'auto';
  return 'other';
}

/**
 * The width and height an inline style sets, read as a browser's CSS parser reads a style attribute (css-tree): of
 * the declarations valid for the property, the last, or the last `!important` one (CSS Cascade §6.4).
 */
function styleSizes(style: string): { width?: Size; height?: Size } {
  const sizes: { width?: Size; height?: Size } = {};
  if (!MAY_SIZE.test(style)) return sizes;
  const important = { width: false, height: false };
  const list = css.parse(style, { context: 'declarationList', parseValue: true, parseCustomProperty: false });
  if (list.type !== 'DeclarationList') return sizes;
  for (const declaration of list.children) {
    if (declaration.type !== 'Declaration' || declaration.value.type !== 'Value') continue;
    const name = css.ident.decode(declaration.property).replace(/[A-Z]/g, (letter) => letter.toLowerCase());
    if (name !== 'width' && name !== 'height') continue;
    const isImportant = declaration.important !== false;
    if ((important[name] && !isImportant) || css.lexer.matchProperty(name, declaration.value).error) continue;
    sizes[name] = cssSize(declaration.value);
    important[name] = isImportant;
  }
  return sizes;
}

/**
 * Whether an img's attributes make it a tracking pixel: drawn at most one CSS pixel wide and high (1×1, 0×0), which
 * shows a reader nothing and tells the sender each time the page, the feed item or the mail is opened. Each side is
 * as the inline style sets it, else as the attribute does (WHATWG HTML §15.4.3 makes the attributes presentational
 * hints, which an author's style overrides); a side left to auto follows the other in proportion, so `width="1"` alone draws a 1×1 image.
 * A percentage, an em or calc() is not read: such an image is kept.
 */
export function trackingPixel(attributes: Readonly<Record<string, string | undefined>>): boolean {
  const style = attributes.style === undefined ? {} : styleSizes(attributes.style);
  const width = style.width ?? attributeSize(attributes.width);
  const height = style.height ?? attributeSize(attributes.height);
  const small = (size: Size) => typeof size === 'number' && size <= 1;
  return (small(width) || small(height)) && (small(width) || width === 'auto') && (small(height) || height === 'auto');
}
