import { refusedAddress } from './refusedAddress.js';
import { bodyDrops, type BodyDrops } from './bodyDrops.js';

// A quick look, before any parse, at what may be a link's or an image's address: a Markdown link's or image's
// destination (`](…)`), a reference definition's (`]: …`, on its line or the next), an autolink with a scheme
// (`<tel:…>`), an ftp:// address linkify makes a link of, and a raw HTML src, href or srcset (a lazy loader's data-src
// too, which imageSource may publish) as a browser reads attribute values (WHATWG HTML §13.2.5.32–38). Each is looked
// for only where its marker is in the body (one pattern of them all, tried at every position of every body, was most
// of this warning's cost to `check`); an autolink and an attribute need raw HTML's `<`.
const INLINE = /\]\([ \t\n]*(<[^>\n]*>|[^\s)]*)/y;
const REFERENCE = /\]:[ \t]*(?:\n[ \t>]*)?(<[^>\n]*>|\S+)/y;
const AUTOLINK = /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi;
const ATTRIBUTE = /\b(?:src|href|srcset)[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"|'[^']*'|[^\t\n\f\r >]+)/gi;
// A Markdown backslash escape (CommonMark §2.4), which the parser removes from an address.
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const HTTP = /^[\t\n\f\r ]*https?:\/\//i;

/**
 * Whether an address of the look's may be dropped: one whose scheme is not http or https (mailto, kept on a link, is
 * read too), or one a URL parser cannot read; one with a character reference outside http(s):// may hide either.
 */
function mayBeRefused(address: string): boolean {
  const value = address.replace(/^["'<]|["'>]$/g, '').replace(ESCAPE, '$1');
  // A srcset's candidates are separated by commas (WHATWG HTML §4.8.4.3.3): each is tested, descriptors too.
  return value.split(/[\s,]+/).some((part) => part !== '' && (refusedAddress(part, true) || (part.includes('&') && !HTTP.test(part))));
}

/**
 * Whether `ftp:` is in the body, in any case: each colon's three characters before it are read (a pattern tried at
 * every position of every body cost as much as the rest of the look).
 */
function holdsFtp(body: string): boolean {
  for (let at = body.indexOf(':', 3); at !== -1; at = body.indexOf(':', at + 1)) {
    // ASCII letters alone: bit 5 set is the lower case (a pattern's `i` maps no other character to them either).
    if ((body.charCodeAt(at - 3) | 0x20) === 0x66 && (body.charCodeAt(at - 2) | 0x20) === 0x74 && (body.charCodeAt(at - 1) | 0x20) === 0x70) return true;
  }
  return false;
}

/**
 * The addresses `look` (sticky, starting with `marker`) reads where `marker` is, as a global pattern's matches would be:
 * each search goes on from the end of the match before, or past a marker where none is; the marker found by indexOf,
 * not tried at every position.
 */
function* addressesAt(body: string, marker: string, look: RegExp): Generator<string> {
  for (let at = body.indexOf(marker); at !== -1; ) {
    look.lastIndex = at;
    const match = look.exec(body);
    if (match !== null) yield match[1]!;
    at = body.indexOf(marker, match === null ? at + 1 : look.lastIndex);
  }
}

/** Whether a body may hold a link or image whose address the sanitiser drops: a look at its addresses, no parse. */
function mayHoldRefused(body: string): boolean {
  if (holdsFtp(body)) return true;
  for (const address of addressesAt(body, '](', INLINE)) if (mayBeRefused(address)) return true;
  for (const address of addressesAt(body, ']:', REFERENCE)) if (mayBeRefused(address)) return true;
  if (body.includes('<')) for (const look of [AUTOLINK, ATTRIBUTE]) for (const match of body.matchAll(look)) if (mayBeRefused(match[1]!)) return true;
  return false;
}

/**
 * The warning for the links and images of a body whose address every feed and page drops (sanitizeEntryHtml: a scheme
 * but http or https, and mailto for a link, such as `data:` or `javascript:`; or one no URL parser reads): an image goes
 * with its alt text, a link keeps its text alone. It names the first one's line in the body (0-based), and how many
 * more. One hidden goes with what hides it (the hidden-content warning names it). The body is rendered (`drops`,
 * against the site's `baseUrl` where given) only when a look at its addresses finds one that may be dropped.
 */
export function droppedAddressWarning(body: string, baseUrl = 'https://example.org/', drops: () => BodyDrops = bodyDrops(body, baseUrl)): { line?: number; message: string; fix: string } | undefined {
  if (!mayHoldRefused(body)) return undefined;
  const [first, ...others] = drops().refused;
  if (first === undefined) return undefined;
  const image = first.tag === 'img';
  const more = others.length === 0 ? '' : `; and ${others.length} more image${others.length === 1 ? '' : 's'} or link${others.length === 1 ? '' : 's'} so`;
  const warning = {
    message: image
      ? `an image's address is not an http or https URL (such as data:, or one that cannot be read), so every feed and page drops the image, and its alt text with it${more}`
      : `a link's address is not an http, https or mailto URL (such as javascript:, or one that cannot be read), so every feed and page drops the link and shows its text alone${more}`,
    fix: image ? 'upload the image to a web host and give its http or https address, or delete it' : 'give the link an http or https address, or delete it',
  };
  return first.line === undefined ? warning : { line: first.line, ...warning };
}
