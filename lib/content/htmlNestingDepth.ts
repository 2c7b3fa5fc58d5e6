import { htmlTreeSize } from './htmlTreeSize.js';

/**
 * How deep `html`'s elements nest as a browser builds its tree, counted up to `limit` + 1: the parse stops as soon
 * as an element is placed deeper than `limit` (htmlTreeSize).
 */
export function htmlNestingDepth(html: string, limit: number): number {
  return htmlTreeSize(html, { depth: limit, elements: Infinity, attributeChars: Infinity }).depth;
}
