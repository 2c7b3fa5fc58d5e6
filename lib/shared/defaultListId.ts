import { createHash } from 'node:crypto';

/** RFC 1035 §2.3.4: a DNS label is at most 63 octets; "digest-" and the path's label together keep within it. */
const MAX_PATH_LABEL_CHARS = 63 - 'digest-'.length;

/**
 * The list id a site at `url` has without digest.listId: `digest.HOST` for a site at its host's root, and for one
 * under a path `digest-PATH.HOST`, each byte of the path between its first and last "/" (percent-decoded) other than
 * a letter or a digit written as "-" and two hex digits: `https://watch.example.org/news/ko/` has
 * `digest-news-2Fko.watch.example.org`. Two sites on one host are two lists (RFC 2919 §2: a list id is unique to its
 * list), and the id stays a dot-atom of letters, digits, hyphens and dots, as digest.listId takes. Its first label
 * names the whole path, and a root site's is `digest`, so no two sites share one. A path label longer than 56
 * characters keeps its first 46 and ends "--" and 8 hex digits of the path's SHA-256 ("--" is never in a written
 * path), so the id stays a DNS label and within SES's header limit however long the path.
 */
export function defaultListId(url: string): string {
  const { hostname, pathname } = new URL(url);
  const path = pathname.replace(/^\/|\/$/g, '');
  if (path === '') return `digest.${hostname}`;
  // The URL writes the path in ASCII, any other byte as %XX (RFC 3986 §2.1).
  const label = path.replace(/%([0-9A-Fa-f]{2})|[^A-Za-z0-9]/g, (character, hex?: string) => `-${(hex ?? character.charCodeAt(0).toString(16)).toUpperCase().padStart(2, '0')}`);
  const bounded = label.length <= MAX_PATH_LABEL_CHARS ? label : `${label.slice(0, MAX_PATH_LABEL_CHARS - 10)}--${createHash('sha256').update(path).digest('hex').slice(0, 8)}`;
  return `digest-${bounded}.${hostname}`;
}
