import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { hiddenByAttributes, styleOf } from './htmlElementSets.js';
import { showsTextAgain, type TextHiders } from './hiddenText.js';
import { attributesOf } from './pictureSources.js';
import { displaysContents, laysOutItems, NO_CUSTOM_PROPERTIES, styleHidesText, type CustomProperties } from './styleHides.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// Under a zero font size, an image or another element drawn at its own size shows.
const OWN_SIZE = new Set(['img', 'video', 'canvas', 'input', 'button', 'select', 'picture']);

/**
 * Whether an element of a body as a browser builds it (parseBodyHtml) is hidden from a reader with all it holds: by
 * its attributes and styles (hiddenByAttributes), its styles being the declarations the body's style sheets give it
 * (`sheet`, bodyStyleSheet) and its inline style; or by `visibility: hidden` or `font-size: 0` (styleHidesText) where
 * nothing inside it may show its text again (showsTextAgain), else it is kept, its own text left out (textHiddenIn).
 * `inherited`: the custom properties its ancestors set (customPropertiesFrom).
 */
export function hiddenElement(node: Element, inherited: CustomProperties = NO_CUSTOM_PROPERTIES, sheet: BodyStyleSheet = NO_STYLE_SHEET): boolean {
  const rules = sheet.declarations(node);
  const style = styleOf(node.attrs);
  if (node.attrs.length === 0 && rules.length === 0 && node.tagName !== 'dialog') return false;
  // A rule not read that may show it again keeps it (a layout for wide screens, a checkbox or `:target` reveal).
  if (sheet.mayShow(node)) return false;
  const styles = rules.length === 0 ? style : [...rules, style];
  // A flex or grid container's child is blockified, so a zero size may hide a span in it (styleHides); so is the child
  // of a display:contents parent in one, which the container lays out (CSS Display §2.5).
  const item = () => {
    for (let parent = node.parentNode; parent !== null && defaultTreeAdapter.isElementNode(parent); parent = parent.parentNode) {
      const styles = [...sheet.declarations(parent), styleOf(parent.attrs)];
      if (!displaysContents(styles, inherited)) return laysOutItems(styles, inherited);
    }
    return false;
  };
  if (hiddenByAttributes(node.tagName, attributesOf(node), inherited, styles, item)) return true;
  if (styles === undefined) return false;
  const properties = styleHidesText(styles, inherited);
  return properties.length > 0 && !showsAgain(node, properties, sheet);
}

/** Whether anything inside `element` may show again what `properties` hide in it (showsTextAgain, OWN_SIZE). */
function showsAgain(element: Element, properties: TextHiders, sheet: BodyStyleSheet): boolean {
  const pending: Node[] = [...element.childNodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    if (properties.includes('font-size') && OWN_SIZE.has(node.tagName)) return true;
    if (properties.some((property) => showsTextAgain(node, property, sheet))) return true;
    pending.push(...node.childNodes);
  }
  return false;
}
