import { escapeHtml } from './xmlText.js';

/**
 * Typed text as a bidi isolate inside a line of other text (HTML §4.5.24 <bdi>), escaped; `attributes` (such as
 * ownWords' ` lang="ko"`) are written into its start tag.
 */
export function bdi(text: string, attributes = ''): string {
  return `<bdi${attributes}>${escapeHtml(text)}</bdi>`;
}
