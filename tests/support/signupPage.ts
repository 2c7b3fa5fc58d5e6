import { escapeHtml } from '../../lib/shared/xmlText.js';

/**
 * A "Check your inbox" page with the address it names (as typed, lowercased) put as ADDRESS, so that the pages of two
 * addresses compare alike when all else is: the page names the address typed, and nothing of its state. Throws when
 * the page does not name it.
 */
export function signupPageOf(body: string, address: string): string {
  const shown = `<bdi>${escapeHtml(address.toLowerCase())}</bdi>`;
  if (!body.includes(shown)) throw new Error(`the page does not name ${address}`);
  return body.split(shown).join('<bdi>ADDRESS</bdi>');
}
