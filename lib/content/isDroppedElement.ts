import type { DefaultTreeAdapterMap } from 'parse5';
import { DROPPED_WITH_CONTENT, hiddenByAttributeList } from './htmlElementSets.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';

const DROPPED = new Set(DROPPED_WITH_CONTENT);

/**
 * Whether the sanitiser drops an element with its content: by its name (DROPPED_WITH_CONTENT), or as its attributes
 * hide it, given the custom properties its ancestors set (`inherited`, customPropertiesFrom).
 */
export function isDroppedElement(node: DefaultTreeAdapterMap['element'], inherited: CustomProperties = NO_CUSTOM_PROPERTIES): boolean {
  return DROPPED.has(node.tagName) || hiddenByAttributeList(node.tagName, node.attrs, inherited);
}
