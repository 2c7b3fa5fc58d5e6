import { urlAuthority } from './urlAuthority.js';

// RFC 3986 §2: unreserved and reserved characters, and `%` (checked separately for its two hex digits). `[` and `]`
// are reserved only for an IP-literal host (§3.2.2), so after the authority they are encoded too.
const RFC3986_TAIL_CHAR = /[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]/;
// A host of DNS labels whose last starts with a letter (so the parser reads no IPv4 number in it), then only what RFC
// 3986 allows, one `#` and no `%`: the WHATWG parser reads such a URL as typed, so it needs no parse.
const ALREADY_CLEAN = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*(?::\d*)?(?:[/?#][A-Za-z0-9\-._~:/?@!$&'()*+,;=]*)?$/;

/**
 * An absolute http(s) URL (one isHttpUrl accepts) in the form every output can carry, naming what a browser's
 * WHATWG URL parser reads in it: characters RFC 3986 does not allow (`|`, `^`, `[`/`]` outside the host, spaces,
 * quotes, non-ASCII, a `%` without two hex digits, a second `#`) are percent-encoded as UTF-8; a `\` before the query
 * is a `/` (the URL Standard reads it so in http and https); a host the parser reads otherwise than typed (a non-ASCII
 * name as punycode, an IPv4 address in hex or short, percent-encoded letters) is the parser's. Everything else is
 * kept as typed, so a URL that is already valid is returned unchanged: RSS 2.0 and RFC 4287 §3.4 (`atom:uri`,
 * `href`) want a URI, JSON Feed 1.1 a URL, and HTML an attribute the Nu checker accepts.
 */
export function normalizeUrl(url: string): string {
  if (ALREADY_CLEAN.test(url)) return url;
  // The parser drops trailing C0 controls (URL Standard §4.4), so a browser never sees them.
  const typed = url.slice(0, typedEnd(url));
  const parsed = new URL(typed);
  const { start, end } = urlAuthority(typed);
  const userinfo = parsed.username || parsed.password ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  const typedAuthority = typed.slice(start, end);
  const at = typedAuthority.lastIndexOf('@');
  const hostPort = typedAuthority.slice(at + 1);
  const colon = hostPort.lastIndexOf(':');
  const hostname = colon > hostPort.lastIndexOf(']') ? hostPort.slice(0, colon) : hostPort;
  const asTyped = typedAuthority.slice(0, at + 1) === userinfo && hostname.toLowerCase() === parsed.hostname;
  const authority = asTyped ? typedAuthority : `${userinfo}${parsed.host}`;
  const rest = typed.slice(end);
  const pathEnd = firstIndexOf(rest, ['?', '#'], 0);
  const tail = rest.slice(0, pathEnd).replace(/\\/g, '/') + rest.slice(pathEnd);
  return `${typed.slice(0, typed.indexOf(':'))}://${authority}${encodeUriTail(tail)}`;
}

/**
 * What follows a URI's authority (or a `mailto:` URI's scheme), with every character RFC 3986 does not allow
 * there percent-encoded as UTF-8, a `%` without two hex digits as `%25` and any `#` after the first as `%23`.
 */
export function encodeUriTail(rest: string): string {
  let tail = '';
  let inFragment = false;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i]!;
    if (char === '#') {
      tail += inFragment ? '%23' : '#';
      inFragment = true;
    } else if (char === '%') tail += /^[0-9A-Fa-f]{2}$/.test(rest.slice(i + 1, i + 3)) ? '%' : '%25';
    else if (RFC3986_TAIL_CHAR.test(char)) tail += char;
    else {
      // A whole code point, so a character outside the BMP is encoded as its four UTF-8 bytes.
      const point = String.fromCodePoint(rest.codePointAt(i)!);
      i += point.length - 1;
      for (const byte of Buffer.from(point, 'utf8')) tail += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return tail;
}

/**
 * An email address as the `to` of a `mailto:` URI (RFC 6068 §2): every character but the unreserved ones and its
 * some-delims (`! $ ' ( ) * + , ; : @`) percent-encoded as UTF-8, so a `%`, `?`, `#`, `&` or `|` an address may
 * hold (RFC 5322 atext) neither breaks the URI nor starts its query.
 */
export function mailtoAddress(address: string): string {
  let out = '';
  for (const char of address) {
    if (/[A-Za-z0-9\-._~!$'()*+,;:@]/.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function firstIndexOf(text: string, chars: string[], from: number): number {
  let first = text.length;
  for (const char of chars) {
    const index = text.indexOf(char, from);
    if (index >= 0 && index < first) first = index;
  }
  return first;
}

// Where `url` ends without its trailing C0 controls and spaces: what `/[\u0000-\u001f ]+$/` matched, in one pass (that
// pattern tries from every such character of an inner run to the run's end, quadratic in its length).
function typedEnd(url: string): number {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) <= 0x20) end--;
  return end;
}
