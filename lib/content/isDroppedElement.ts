import type { DefaultTreeAdapterMap } from 'parse5';
import { NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { DROPPED_WITH_CONTENT } from './htmlElementSets.js';
import { hiddenElement } from './hiddenElement.js';
import { katexCopy } from './mathText.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';

const DROPPED = new Set(DROPPED_WITH_CONTENT);

/**
 * Whether the sanitiser drops an element with its content: by its name (DROPPED_WITH_CONTENT), KaTeX's copy of a
 * formula for screen readers (katexCopy), or as its attributes
 * and styles hide it (hiddenElement), given the custom properties its ancestors set (`inherited`,
 * customPropertiesFrom) and the body's style sheets (`sheet`, bodyStyleSheet).
 */
export function isDroppedElement(node: DefaultTreeAdapterMap['element'], inherited: CustomProperties = NO_CUSTOM_PROPERTIES, sheet: BodyStyleSheet = NO_STYLE_SHEET): boolean {
  return DROPPED.has(node.tagName) || (node.tagName === 'math' && katexCopy(node)) || hiddenElement(node, inherited, sheet);
}
