import { withoutTrailing } from './withoutTrailing.js';

/**
 * Query parameters that say how a reader came to a link, not which article it names: Urchin (`utm_*`) and the
 * click ids of the large ad and mail platforms. Editors paste links from newsletters and social posts with them.
 */
const TRACKING = /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok)$/i;

/**
 * What two links to one article have in common: the URL without its fragment (a place in the page), without an
 * empty query, without a trailing `/` on its path, and without tracking parameters, its scheme https whether typed http or https (sites
 * send one to the other), and a percent-encoded letter, digit, `-`, `.`, `_` or `~` as that character (RFC 3986
 * §6.2.2.2; §6.2.2.1: the other escapes in upper case); the host's case is already gone (WHATWG URL). Only for
 * telling entries apart: the entry keeps its url as written.
 */
export function articleKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = '';
  // An empty query (`/a?`, a `?` left from a pasted link) names the article `/a` does: `search` reads '' for both, and
  // setting it so leaves no `?`.
  if (parsed.search === '') parsed.search = '';
  if (parsed.pathname.length > 1) parsed.pathname = withoutTrailing(parsed.pathname, '/');
  const names = [...parsed.searchParams.keys()];
  if (names.some((name) => TRACKING.test(name))) {
    for (const name of names) if (TRACKING.test(name)) parsed.searchParams.delete(name);
  }
  const key = parsed.href.replace(/%[0-9A-Fa-f]{2}/g, (escape) => {
    const char = String.fromCharCode(parseInt(escape.slice(1), 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
  return key.startsWith('http:') ? `https:${key.slice('http:'.length)}` : key;
}

// RFC 3986 §2.3.
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * `url` without its tracking parameters, and their names, when it has any; otherwise undefined. The rest (the path,
 * the other parameters in their order, the fragment) stays as written.
 */
export function withoutTracking(url: string): { url: string; removed: string[] } | undefined {
  // No parameters without a `?` (URL Standard, the query state), and most urls have none: no parse.
  if (!url.includes('?')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const removed = [...new Set([...parsed.searchParams.keys()].filter((name) => TRACKING.test(name)))];
  if (removed.length === 0) return undefined;
  // The other pairs as written: URLSearchParams would write them again in its own form (a space as +).
  const kept = parsed.search.slice(1).split('&').filter((pair) => pair !== '' && !TRACKING.test(decodeName(pair.split('=')[0]!)));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return { url: parsed.href, removed };
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
