import type { DefaultTreeAdapterMap } from 'parse5';
import { DROPPED_WITH_CONTENT, hiddenByAttributeList } from './htmlElementSets.js';

const DROPPED = new Set(DROPPED_WITH_CONTENT);

/** Whether the sanitiser drops an element with its content: by its name (DROPPED_WITH_CONTENT), or as its attributes hide it. */
export function isDroppedElement(node: DefaultTreeAdapterMap['element']): boolean {
  return DROPPED.has(node.tagName) || hiddenByAttributeList(node.tagName, node.attrs);
}
