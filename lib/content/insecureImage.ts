import { quote } from '../shared/quote.js';

const PLAIN_HTTP = /^http:\/\//i;

/**
 * The warning for images an entry shows over plain http://: the site is served over https:// (parseSite), and a page
 * served so that loads one is mixed content, which browsers upgrade to https:// or block (W3C Mixed Content §4.4,
 * https://www.w3.org/TR/mixed-content/), as some feed readers do; where the host has no https:// copy, none shows.
 */
export function insecureImage(images: readonly string[]): { message: string; fix: string } | undefined {
  const insecure = images.filter((src) => PLAIN_HTTP.test(src));
  const first = insecure[0];
  if (first === undefined) return undefined;
  const secure = `https://${first.slice('http://'.length)}`;
  let host: string;
  try {
    host = new URL(secure).host;
  } catch {
    host = 'its host';
  }
  const shown = insecure.length === 1 ? `the image ${quote(first)}` : `${insecure.length} images (the first ${quote(first)})`;
  return {
    message: `shows ${shown} over plain http://, which browsers block or flag as mixed content on the site's https:// pages, and so do some feed readers`,
    fix: `write ${secure} if ${host} serves it over https:// (open it to see), or put a copy of the image where https:// reaches it`,
  };
}
