import { escapeHtml } from './xmlText.js';

/** Typed text as a bidi isolate inside a line of other text (HTML §4.5.24 <bdi>), escaped. */
export function bdi(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}
