/**
 * The host of an http(s) URL when it is an IP literal in brackets (`[2001:db8::1]`, RFC 3986 §3.2.2), else
 * undefined. RSS 2.0 takes its URLs by RFC 2396, whose grammar has no `[` or `]` (RFC 2732 added them later): the W3C
 * feed validator calls every such `<link>`, `<source url>`, `<media:content url>` and `<image><url>` an invalid URI,
 * and a percent-encoded bracket would name another host.
 */
export function ipLiteralHost(url: string): string | undefined {
  if (!url.includes('[')) return undefined;
  try {
    const { hostname } = new URL(url);
    return hostname.startsWith('[') ? hostname : undefined;
  } catch {
    return undefined;
  }
}
