import type { DefaultTreeAdapterMap } from 'parse5';
import { NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { embedLink } from './embedLink.js';
import { DROPPED_WITH_CONTENT } from './htmlElementSets.js';
import { hiddenElement } from './hiddenElement.js';
import { katexCopy } from './mathText.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';

const DROPPED = new Set(DROPPED_WITH_CONTENT);

/**
 * Whether the sanitiser drops an element with its content: by its name (DROPPED_WITH_CONTENT), KaTeX's copy of a
 * formula for screen readers (katexCopy), a video's or audio's fallback where a link replaces it (fallbackDropped),
 * or as its attributes
 * and styles hide it (hiddenElement), given the custom properties its ancestors set (`inherited`,
 * customPropertiesFrom) and the body's style sheets (`sheet`, bodyStyleSheet).
 */
export function isDroppedElement(node: DefaultTreeAdapterMap['element'], inherited: CustomProperties = NO_CUSTOM_PROPERTIES, sheet: BodyStyleSheet = NO_STYLE_SHEET): boolean {
  return DROPPED.has(node.tagName) || (node.tagName === 'math' && katexCopy(node)) || hiddenElement(node, inherited, sheet) || fallbackDropped(node);
}

/**
 * Whether a video or audio is published as a link (embedLink) in place of its fallback, which goes with it: one whose
 * end tag a tree parsed with locations shows (without one, what follows is the rest of the body, and stays).
 */
function fallbackDropped(node: DefaultTreeAdapterMap['element']): boolean {
  return (node.tagName === 'video' || node.tagName === 'audio') && node.sourceCodeLocation?.endTag !== undefined && embedLink(node) !== undefined;
}
