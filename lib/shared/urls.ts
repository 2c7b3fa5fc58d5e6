// Most URLs in entries are plain: http(s), a host of ASCII letters, digits and hyphens whose last label starts
// with a letter (so not an IPv4 address), perhaps a short port, then printable ASCII. Nothing in such a URL can
// make the WHATWG parser refuse it, so it needs no parse; `xn--` labels still go to the parser, which checks the
// punycode. tests/unit/shared/urls.test.ts compares the two.
const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*(?::\d{1,4})?(?:[/?#][\x21-\x7e]*)?$/i;
const PUNYCODE_LABEL = /xn--/i;

/** True for an absolute http: or https: URL with a host; `javascript:`, `data:` and relative URLs are false. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (PLAIN_HTTP_URL.test(value) && !PUNYCODE_LABEL.test(value)) return true;
  return isHttpUrlParsed(value);
}

/**
 * isHttpUrl by the WHATWG URL parser alone, with the `//` RFC 3986 §3.3 requires before a host: the parser reads
 * `https:host` and `https:/host` as `https://host/`, which a feed reader may not.
 */
export function isHttpUrlParsed(value: string): boolean {
  // A space inside is kept, and encoded on output (normalizeUrl); other white space the parser would drop unseen.
  if (value.trim() !== value || value === '' || /[^\S ]/.test(value) || !/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Joins a key such as `tags/korea/rss.xml` onto the site's base URL (which ends in `/`). */
export function publicUrl(siteUrl: string, key: string): string {
  return new URL(key, siteUrl).href;
}

/**
 * A key as a root-relative URL under the site's base path (`/watch/tags/` for `https://example.org/watch/`): for a
 * page served at any address, whose relative links would resolve against that address instead.
 */
export function rootRelativeUrl(siteUrl: string, key: string): string {
  const url = new URL(key, siteUrl);
  return url.pathname + url.hash;
}

/** The relative path from one published key to another, for links that work on any host (preview included). */
export function relativeHref(fromKey: string, toKey: string): string {
  const depth = fromKey.split('/').length - 1;
  return '../'.repeat(depth) + toKey;
}

/** An http(s) URL as the WHATWG parser writes it back, the form `feed` writes RSS and Atom links in: every format states it alike. */
export function normalUrl(url: string): string {
  return new URL(url).href;
}
