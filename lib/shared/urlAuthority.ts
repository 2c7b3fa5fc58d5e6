/**
 * Where an http(s) URL's authority (user info, host and port) lies, as the WHATWG URL parser reads it (URL Standard
 * §4.4, the special authority states): after the scheme's `:` and any run of `/` or `\`, up to the first `/`, `\`,
 * `?` or `#`. In a special scheme `\` is read as `/`, so `https://a.example\b` is the host `a.example`, path `/b`.
 */
export function urlAuthority(url: string): { start: number; end: number } {
  let start = url.indexOf(':') + 1;
  while (url[start] === '/' || url[start] === '\\') start++;
  let end = start;
  while (end < url.length && !AUTHORITY_END.has(url[end]!)) end++;
  return { start, end };
}

const AUTHORITY_END = new Set(['/', '\\', '?', '#']);
