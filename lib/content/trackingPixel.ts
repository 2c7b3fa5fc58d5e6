import type { DefaultTreeAdapterMap } from 'parse5';
import { NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { cssTree as css } from './cssTree.js';
import { styleOf } from './htmlElementSets.js';
import { attributesOf, pictureSources, type Attributes } from './pictureSources.js';
import { NO_CUSTOM_PROPERTIES, substitutedValues, type CustomProperties, type Styles } from './styleHides.js';

// A dimension attribute's value as HTML reads it (WHATWG HTML §2.3.4.4, rules for parsing dimension values): white
// space, digits, a fraction, and `%` for a share of the container; anything after is ignored ("1px" is 1).
const DIMENSION = /^[\t\n\f\r ]*(\d+(?:\.\d+)?)(%?)/;
// A style sizes its element only where it names width or height, as written or through an escape (`w\69dth`).
const MAY_SIZE = /width|height|\\/i;
const SIDES: ReadonlySet<string> = new Set(['width', 'height']);

/** A rendered width or height: pixels, `auto` (from the image's own size and the other side), or another length (%, em, calc(), var()). */
type Size = number | 'auto' | 'other';
interface Sides {
  width: Size;
  height: Size;
}

/** A dimension attribute as a size: its pixels, `other` for a percentage, `auto` when missing or not a number. */
function attributeSize(value: string | undefined): Size {
  const match = value === undefined ? null : DIMENSION.exec(value);
  if (match === null) return 'auto';
  return match[2] === '' ? Number(match[1]) : 'other';
}

/** A width or height value's text as a size: a length in px or a zero, `auto`, or `other`. */
function cssSize(text: string): Size {
  const value = css().parse(text, { context: 'value' });
  const only = value.type === 'Value' && value.children.size === 1 ? value.children.first : null;
  if (only?.type === 'Dimension' && only.unit.toLowerCase() === 'px') return Number(only.value);
  if (only?.type === 'Number' && Number(only.value) === 0) return 0;
  if (only?.type === 'Identifier' && css().ident.decode(only.name).toLowerCase() === 'auto') return 'auto';
  return 'other';
}

/**
 * The width and height an element's styles set (Styles, in cascade order: its style sheets' rules, then its inline
 * style; as a browser's cascade applies their declarations), a var() substituted from the custom properties they and
 * its ancestors (`inherited`) set (substitutedValues, CSS Variables §3); one the HTML does not settle is `other`. A
 * style css-tree cannot read sets both to `other`: read as not a pixel, so no content is lost.
 */
export function styleSides(styles: Styles | undefined, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): Partial<Sides> {
  const list = styles === undefined ? [] : typeof styles === 'string' ? [styles] : styles.filter((style): style is string => style !== undefined);
  if (!list.some((style) => MAY_SIZE.test(style))) return {};
  try {
    const sides: Partial<Sides> = {};
    for (const [side, text] of substitutedValues(list, SIDES, inherited)) sides[side as keyof Sides] = text === undefined ? 'other' : cssSize(text);
    return sides;
  } catch (error) {
    // css-tree's own SyntaxError, named so, where it cannot read the style at all; anything else is a fault here.
    if (!(error instanceof Error) || error.name !== 'SyntaxError') throw error;
    return { width: 'other', height: 'other' };
  }
}

/** Whether a size is drawn at most one CSS pixel wide and high; a side left to auto follows the other in proportion. */
function pixelSized({ width, height }: Sides): boolean {
  const small = (size: Size) => typeof size === 'number' && size <= 1;
  return (small(width) || small(height)) && (small(width) || width === 'auto') && (small(height) || height === 'auto');
}

/**
 * The sizes an img may be drawn at: one for each `<source>` before it in its `<picture>` that a browser may select
 * (one with a srcset, WHATWG HTML §4.8.4.3.2, up to the first with neither `media` nor `type`, which is always
 * selected), with that source's width and height where it has either (§4.8.4.4: the dimension attribute source), and
 * the img's own where none is selected. Each side is as the img's styles set it (`styles`, its inline style by
 * default), else as the attribute does (§15.4.3 makes the attributes presentational hints, which an author's style overrides).
 */
function drawnSizes(img: Attributes, sources: readonly Attributes[], styles: Styles | undefined, inherited: CustomProperties): Sides[] {
  const style = styleSides(styles, inherited);
  const drawn = (dimensions: Attributes): Sides => ({ width: style.width ?? attributeSize(dimensions.width), height: style.height ?? attributeSize(dimensions.height) });
  const sizes: Sides[] = [];
  for (const source of sources) {
    if (source.srcset === undefined) continue;
    sizes.push(drawn(source.width !== undefined || source.height !== undefined ? source : img));
    if (source.media === undefined && source.type === undefined) return sizes;
  }
  return [...sizes, drawn(img)];
}

/**
 * Whether an img's attributes make it a tracking pixel: drawn at most one CSS pixel wide and high (1×1, 0×0) by its
 * attributes and styles (drawnSizes; `styles`, its inline style by default), whichever source of its picture a
 * browser selects (`sources`: the attributes of the `<source>` elements before it), which shows a reader nothing and
 * tells the sender each time the page, the feed item or the mail is opened. A side left to auto follows the other in
 * proportion, so `width="1"` alone draws a 1×1 image. A var() takes the custom properties its styles and its
 * ancestors' (`inherited`) set. A percentage, an em, calc() or a var() the HTML does not settle is not read: such an image is kept.
 */
export function trackingPixel(img: Attributes, sources: readonly Attributes[] = [], styles: Styles | undefined = img.style, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  return drawnSizes(img, sources, styles, inherited).every(pixelSized);
}

/**
 * The styles a browser sizes an img of a body's tree (parseBodyHtml) by: the rules of the body's style sheets that
 * match it (`sheet`, bodyStyleSheet), then its inline style; its inline style alone where a rule sizes it to a pixel
 * and a rule not read (a media query's) may size it otherwise (BodyStyleSheet.mayShow): kept, as content is where
 * unsure. `inherited`: the custom properties its ancestors set (customPropertiesFrom).
 */
export function drawingStyles(element: DefaultTreeAdapterMap['element'], sheet: BodyStyleSheet = NO_STYLE_SHEET, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): Styles | undefined {
  const style = styleOf(element.attrs);
  const rules = sheet.declarations(element);
  if (rules.length === 0) return style;
  const styles = [...rules, style];
  return sheet.mayShow(element) && trackingPixel(attributesOf(element), pictureSources(element), styles, inherited) ? style : styles;
}

/**
 * trackingPixel for an element as parse5 builds it: an img, with the sources before it where its parent is a picture,
 * its styles (drawingStyles) and the custom properties its ancestors set (`inherited`).
 */
export function trackingPixelElement(element: DefaultTreeAdapterMap['element'], sheet: BodyStyleSheet = NO_STYLE_SHEET, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  return element.tagName === 'img' && trackingPixel(attributesOf(element), pictureSources(element), drawingStyles(element, sheet, inherited), inherited);
}
