import { domainToUnicode } from 'node:url';
import { quote } from './quote.js';

// Most URLs in entries are plain: http(s), a host of ASCII letters, digits and hyphens whose last label starts
// with a letter (so not an IPv4 address), perhaps a short port, then printable ASCII. Nothing in such a URL can
// make the WHATWG parser refuse it, so it needs no parse; `xn--` labels still go to the parser, which checks the
// punycode. tests/unit/shared/urls.test.ts compares the two.
const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*(?::\d{1,4})?(?:[/?#][\x21-\x7e]*)?$/i;
const PUNYCODE_LABEL = /xn--/i;

/** True for an absolute http: or https: URL with a host; `javascript:`, `data:` and relative URLs are false. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (PLAIN_HTTP_URL.test(value) && !PUNYCODE_LABEL.test(value) && plainHostFits(value)) return true;
  return isHttpUrlParsed(value);
}

// A plain URL's host (PLAIN_HTTP_URL: letters, digits, hyphens and single dots) fits a domain name's lengths
// (hostNameFault); one that may not is parsed.
const PLAIN_HOST_END = /[:/?#]/g;
const LONG_LABEL = /[a-z0-9-]{64}/i;
function plainHostFits(value: string): boolean {
  const start = value.indexOf('//') + 2;
  PLAIN_HOST_END.lastIndex = start;
  const end = PLAIN_HOST_END.exec(value)?.index ?? value.length;
  return end - start <= MAX_NAME_CHARS && (end - start <= MAX_LABEL_CHARS || !LONG_LABEL.test(value.slice(start, end)));
}

// RFC 1035 §2.3.4: a label of 63 octets at most, a name of 255 with its length octets, 253 written out (without a
// final dot). HTML (the Nu checker's "valid host") refuses a name beyond them, or with an empty label, which the
// WHATWG URL parser keeps.
const MAX_LABEL_CHARS = 63;
const MAX_NAME_CHARS = 253;

/** What is wrong with a host name (as the URL parser writes it, in ASCII) for HTML, in words, or undefined. */
export function hostNameFault(hostname: string): string | undefined {
  // An IPv6 literal; an IPv4 address is four short labels.
  if (hostname.startsWith('[')) return undefined;
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name.length > MAX_NAME_CHARS) return `is ${name.length} characters long, more than the ${MAX_NAME_CHARS} a domain name may have (RFC 1035)`;
  const labels = name.split('.');
  if (labels.includes('')) return 'has an empty label: two dots in a row, or a dot at its start, or more than one at its end';
  const long = labels.find((label) => label.length > MAX_LABEL_CHARS);
  return long === undefined ? undefined : `has a label of ${long.length} characters, more than the ${MAX_LABEL_CHARS} a domain name's label may have (RFC 1035)`;
}

/**
 * For an http(s) URL the WHATWG parser reads but whose host HTML refuses (hostNameFault): the host, quoted, and what
 * is wrong with it, for a problem's message; else undefined.
 */
export function urlHostFault(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  let hostname: string;
  try {
    hostname = new URL(value).hostname;
  } catch {
    return undefined;
  }
  const fault = hostNameFault(hostname);
  if (fault === undefined) return undefined;
  // A host typed in Unicode is measured as DNS spells it (UTS #46 ToASCII, the URL Standard's): both are named, so that
  // a label of 60 letters said to have 66 characters reads true.
  const unicode = domainToUnicode(hostname);
  // A host longer than any name DNS takes is not quoted again: the message quotes the value's start already.
  if (hostname.length > MAX_NAME_CHARS + 2) return `has a host that ${fault}`;
  const named = unicode !== '' && unicode !== hostname ? `${JSON.stringify(unicode)} (${JSON.stringify(hostname)} as DNS spells it)` : JSON.stringify(hostname);
  return `has the host ${named}, which ${fault}`;
}

/**
 * The problem of a `name:` URL refused for its host alone (urlHostFault, HTML's valid host), naming the host and what
 * is wrong with it, as site.yml's and an entry's URLs give it; undefined for any other value.
 */
export function urlHostRefusal(name: string, value: unknown): { message: string; fix: string } | undefined {
  const fault = typeof value === 'string' ? urlHostFault(value.trim()) : undefined;
  if (fault === undefined) return undefined;
  return {
    message: `${quote(value)} ${fault}: no page may link to it (HTML's valid URL)`,
    fix: `write ${name}: with the host's name as it is spelt, labels of 1 to 63 letters, digits or hyphens between single dots`,
  };
}

/**
 * The first white space other than U+0020 in an address that starts as an http(s) URL (a no-break space pasted
 * with it, inside or at either end), which isHttpUrlParsed refuses and a message prints as a space; undefined if none.
 */
export function urlWhiteSpace(value: string): string | undefined {
  // Only U+0020 is trimmed before looking: String.trim would drop a no-break space at an end unnamed.
  return /^https?:\/\//i.test(value.trim()) ? /[^\S ]/.exec(value.replace(/^ +| +$/g, ''))?.[0] : undefined;
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
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && hostNameFault(url.hostname) === undefined;
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
