import { urlAuthority } from './urlAuthority.js';

/**
 * An http(s) URL without the user name and password before its host (`https://user:pw@host/a` is
 * `https://host/a`), or undefined when it has none. RFC 9110 §4.2.4: a sender must not put credentials in an
 * http(s) URI, and whatever an entry gives is published in every feed and page. An empty user info
 * (`https://@host/`, `https://:@host/`) names neither: the URL Standard's serialisation drops it (normalizeUrl).
 */
export function withoutCredentials(url: string): string | undefined {
  if (!url.includes('@')) return undefined;
  const { start, end } = urlAuthority(url);
  const at = url.lastIndexOf('@', end - 1);
  return at < start || /^:?$/.test(url.slice(start, at)) ? undefined : url.slice(0, start) + url.slice(at + 1);
}
