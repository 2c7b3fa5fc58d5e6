// RFC 3986 §2: unreserved and reserved characters, and `%` (checked separately for its two hex digits). `[` and `]`
// are reserved only for an IP-literal host (§3.2.2), so after the authority they are encoded too.
const RFC3986_TAIL_CHAR = /[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]/;
const ALREADY_CLEAN = /^https?:\/\/[A-Za-z0-9\-._~!$&'()*+,;=:@[\]]*(?:[/?#][A-Za-z0-9\-._~:/?@!$&'()*+,;=]*)?$/i;

/**
 * An absolute http(s) URL (one isHttpUrl accepts) in the form every output can carry: characters RFC 3986 does not
 * allow (`|`, `^`, `[`/`]` outside the host, spaces, quotes, non-ASCII, a `%` without two hex digits, a second `#`)
 * are percent-encoded as UTF-8, and a non-ASCII host becomes its punycode. Everything else is kept as typed, so a
 * URL that is already valid is returned unchanged: RSS 2.0 and RFC 4287 §3.4 (`atom:uri`, `href`) want a URI,
 * JSON Feed 1.1 a URL, and HTML an attribute the Nu checker accepts.
 */
export function normalizeUrl(url: string): string {
  if (ALREADY_CLEAN.test(url) && !/%/.test(url)) return url;
  const schemeEnd = url.indexOf('//') + 2;
  const tailStart = firstIndexOf(url, ['/', '?', '#'], schemeEnd);
  let authority = url.slice(schemeEnd, tailStart);
  if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]]*$/.test(authority) || /%/.test(authority)) {
    const parsed = new URL(url);
    const userinfo = parsed.username || parsed.password ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
    authority = `${userinfo}${parsed.host}`;
  }
  return `${url.slice(0, schemeEnd)}${authority}${encodeUriTail(url.slice(tailStart))}`;
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
