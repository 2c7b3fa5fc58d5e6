import type { DefaultTreeAdapterMap } from 'parse5';
import { NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { hiddenByAttributes, styleOf } from './htmlElementSets.js';
import { laysOutItems, NO_CUSTOM_PROPERTIES, styleHidesText, type CustomProperties } from './styleHides.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// What may show again, inside an element whose text an inherited property hides, a text it would hide: a style
// naming the property (`visibility: visible`, `font-size: 14px` or the `font` shorthand), or, under a zero font size,
// an image or another element drawn at its own size, or a `<font size>`, whose attribute sets a font size (WHATWG
// HTML §15.3.4).
const SHOWS_AGAIN = { visibility: /visibility|\\/i, 'font-size': /font|\\/i } as const;
const OWN_SIZE = new Set(['img', 'video', 'canvas', 'input', 'button', 'select', 'picture']);

/**
 * Whether an element of a body as a browser builds it (parseBodyHtml) is hidden from a reader with all it holds: by
 * its attributes and styles (hiddenByAttributes), its styles being the declarations the body's style sheets give it
 * (`sheet`, bodyStyleSheet) and its inline style; or by `visibility: hidden` or `font-size: 0` (styleHidesText) where
 * nothing inside it may show its text again (SHOWS_AGAIN), else it is kept whole. `inherited`: the custom properties
 * its ancestors set (customPropertiesFrom).
 */
export function hiddenElement(node: Element, inherited: CustomProperties = NO_CUSTOM_PROPERTIES, sheet: BodyStyleSheet = NO_STYLE_SHEET): boolean {
  const rules = sheet.declarations(node);
  const style = styleOf(node.attrs);
  if (node.attrs.length === 0 && rules.length === 0 && node.tagName !== 'dialog') return false;
  // A rule not read that may show it again keeps it (a layout for wide screens, a checkbox or `:target` reveal).
  if (sheet.mayShow(node)) return false;
  const styles = rules.length === 0 ? style : [...rules, style];
  // A flex or grid container's child is blockified, so a zero size may hide a span in it (styleHides).
  const parent = node.parentNode;
  const item = () => parent !== null && 'tagName' in parent && laysOutItems([...sheet.declarations(parent), styleOf(parent.attrs)], inherited);
  if (hiddenByAttributes(node.tagName, Object.fromEntries(node.attrs.map((attribute) => [attribute.name, attribute.value])), inherited, styles, item)) return true;
  if (styles === undefined) return false;
  const properties = styleHidesText(styles, inherited);
  return properties.length > 0 && !showsAgain(node, properties, sheet);
}

/** Whether anything inside `element` may show again what `properties` hide in it (SHOWS_AGAIN). */
function showsAgain(element: Element, properties: readonly (keyof typeof SHOWS_AGAIN)[], sheet: BodyStyleSheet): boolean {
  const pending: Node[] = [...element.childNodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!('tagName' in node)) continue;
    if (sheet.mayShow(node)) return true;
    if (properties.includes('font-size') && (OWN_SIZE.has(node.tagName) || (node.tagName === 'font' && node.attrs.some((attribute) => attribute.name === 'size')))) return true;
    const styles = [...sheet.declarations(node), styleOf(node.attrs) ?? ''];
    if (properties.some((property) => styles.some((style) => SHOWS_AGAIN[property].test(style)))) return true;
    pending.push(...node.childNodes);
  }
  return false;
}
