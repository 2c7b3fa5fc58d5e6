import type { DefaultTreeAdapterMap } from 'parse5';
import type { BodyStyleSheet } from './bodyStyleSheet.js';
import { styleOf } from './htmlElementSets.js';
import { styleHidesText, type CustomProperties } from './styleHides.js';

type Element = DefaultTreeAdapterMap['element'];

/** The inherited properties that hide the text an element holds (styleHidesText): none for most. */
export type TextHiders = readonly ('visibility' | 'font-size')[];
export const NO_TEXT_HIDERS: TextHiders = [];

// What may show again, inside an element whose text an inherited property hides, a text it would hide: a style
// naming the property (`visibility: visible`, `font-size: 14px` or the `font` shorthand), or, under a zero font size,
// a `<font size>`, whose attribute sets a font size (WHATWG HTML §15.3.4).
const SHOWS_AGAIN = { visibility: /visibility|\\/i, 'font-size': /font|\\/i } as const;

/**
 * Whether an element's own styles or attributes may show again, inside it, the text that `property` hides above it
 * (SHOWS_AGAIN), or a rule not read may (`sheet.mayShow`).
 */
export function showsTextAgain(element: Element, property: TextHiders[number], sheet: BodyStyleSheet): boolean {
  if (sheet.mayShow(element)) return true;
  if (property === 'font-size' && element.tagName === 'font' && element.attrs.some((attribute) => attribute.name === 'size')) return true;
  return [...sheet.declarations(element), styleOf(element.attrs) ?? ''].some((style) => SHOWS_AGAIN[property].test(style));
}

/**
 * The properties that hide the text nodes of an element a browser shows (one hiddenElement keeps), as a browser
 * inherits them (CSS Display §4, CSS Fonts 4 §2.5): those hiding its parent's text (`above`) that it does not show
 * again (showsTextAgain), and those its own styles set (styleHidesText); none where a rule not read may show it
 * (`sheet.mayShow`). Its text is then not drawn, though a descendant's may be:
 * `<div style="font-size:0">Gone <span style="font-size:14px">Shown</span></div>`.
 */
export function textHiddenIn(element: Element, above: TextHiders, inherited: CustomProperties, sheet: BodyStyleSheet): TextHiders {
  // A rule not read that may show it again keeps its text, as hiddenElement keeps it.
  if (sheet.mayShow(element)) return NO_TEXT_HIDERS;
  const rules = sheet.declarations(element);
  if (element.attrs.length === 0 && rules.length === 0) return above;
  const kept = above.filter((property) => !showsTextAgain(element, property, sheet));
  const own = styleHidesText([...rules, styleOf(element.attrs)], inherited);
  const found = [...kept, ...own.filter((property) => !kept.includes(property))];
  return found.length === 0 ? NO_TEXT_HIDERS : found;
}

/** Whether a text node under `hiders` is left out: one with anything but whitespace, which keeps its place as a space. */
export const textLeftOut = (text: string, hiders: TextHiders): boolean => hiders.length > 0 && /[^\t\n\f\r ]/.test(text);

/**
 * Whether the visibility an element inherits (`above`) hides its own box, as it does an img's or an embed's where no
 * text stands for it (CSS 2.1 §11.2: visibility applies to every box): it does not show it again itself.
 */
export function visibilityHiddenIn(element: Element, above: TextHiders, inherited: CustomProperties, sheet: BodyStyleSheet): boolean {
  return above.includes('visibility') && textHiddenIn(element, above, inherited, sheet).includes('visibility');
}
