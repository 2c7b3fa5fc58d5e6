/** The URL schemes the sanitiser keeps in a link's address (sanitizeHtml's allowedSchemes). */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];
/** The URL schemes the sanitiser keeps in an image's address; without one the image is dropped with its alt. */
export const IMAGE_SCHEMES: readonly string[] = ['http', 'https'];

// What the WHATWG URL parser surely reads, against an https base, as an http or https URL (WHATWG URL §4.4), so that
// most addresses need no parse: an http(s) one whose host is ASCII letters, digits and hyphens, its last label
// starting with a letter (no IPv4 address, §3.5's "ends in a number"), none starting xn-- (a Punycode label may not
// decode, UTS #46 §4.1), up to the path, query or fragment, which no code point makes fail (a port, a user name,
// `%`, any other host goes to the parser); and a relative one without a colon (no scheme: a path, query or fragment,
// which cannot fail), but one that starts with two slashes (either way round: a `\` is a `/` in an http(s) URL),
// which names a host, or with a C0 control or space, which the parser strips first, or holds a tab or line break,
// which it removes (`/\n/a.example` is `//a.example`).
const SURE_HTTP = /^https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*\.?(?:[/\\?#]|$)/i;
const SURE_RELATIVE = /^(?![/\\]{2})[^\x00-\x20:][^:\t\n\r]*$/;

/**
 * Whether the sanitiser drops an address (`image`: an img's src, else a link's href), as the WHATWG URL parser reads it
 * against the site's URL: one it cannot parse, or of a scheme the sanitiser refuses (`javascript:`, `data:`).
 */
export function refusedAddress(address: string, image: boolean): boolean {
  const trimmed = address.trim();
  if (SURE_HTTP.test(trimmed) || SURE_RELATIVE.test(trimmed)) return false;
  try {
    return !(image ? IMAGE_SCHEMES : LINK_SCHEMES).includes(new URL(trimmed, 'https://base.invalid/').protocol.slice(0, -1));
  } catch {
    return true;
  }
}
