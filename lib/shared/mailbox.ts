import { domainToASCII } from 'node:url';
import { trimSpaces } from './trimSpaces.js';
import { quote } from './quote.js';
import { codePointName } from './codePointName.js';

/**
 * One mailbox (RFC 5322 §3.4): `address` or `Display Name <address>`, and nothing else. Group syntax
 * (`Team: a@x;`), lists, comments, routes and quoted local parts are refused rather than interpreted: a
 * subscriber line or a From that a mail library would read as something else (another address, two of them)
 * must never reach it. A quoted local part (`"john doe"@example.org`) is a valid address, refused as one not
 * taken (`quoted`; `needless` when the quotes hold a plain local part): it can hold spaces, `@`, `,`, `<` and
 * escapes that each other reader of an address (a mail client's To line, an export read as a list, the logs'
 * address filter) may split otherwise, and the signup form's email field refuses it too (HTML's valid email
 * address has no quoted string).
 */
export interface Mailbox {
  /** `local@domain`: the local part as written (NFC), the domain lowercased in its ASCII (IDNA) form. */
  address: string;
  /** The address lowercased: one key per mailbox, whatever the case or the display name it was written with. */
  key: string;
  /** The display name, unquoted; absent when there is none. */
  name?: string;
  /** The address with the domain as written, lowercased, when that differs from `key` (earlier ledgers keyed on it). */
  writtenKey?: string;
}

/**
 * `problem` quotes the text and says why it is not a mailbox; `reason` is the why alone. `internationalised`: the
 * address may be a working one (RFC 6532 lets its local part be UTF-8), refused only as no sender here can reach it.
 * `surrogateInName`: refused only for a lone surrogate half in the display name, where a caller that can warn may
 * drop it (droppedCharacterWarning) and parse the rest.
 */
export type MailboxParse = { ok: true; mailbox: Mailbox } | { ok: false; problem: string; reason: string; internationalised?: true; quoted?: 'needless' | 'needed'; surrogateInName?: true };

// RFC 5322 §3.2.3 atext, plus any non-ASCII character but a space (RFC 6532, refused after with its own reason).
const ATOM = /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|(?!\p{Z})[\u0080-\u{10FFFF}])+$/u;
// Controls (C0, DEL, C1), format characters (bidi overrides, zero-width), line and paragraph separators.
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
// A lone surrogate half (no character: UTF-8 has none, a header would carry U+FFFD); a pair reads as one code point.
const LONE_SURROGATE = /\p{Cs}/u;
// An unquoted display name: words, dots and spaces, none of the specials that start another syntax.
const PHRASE = /^[^()<>[\]:;@\\,"]+$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 5322 §3.2.4 quoted-string: qtext and quoted-pairs between double quotes (FWS as plain spaces).
const QUOTED_STRING = /^"((?:[^"\\]|\\[^])*)"$/u;
// RFC 5322 §3.2.3 dot-atom-text, ASCII: what a local part needs no quotes for.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Parses `text` as exactly one mailbox, or says why it is not one. */
export function parseMailbox(text: string): MailboxParse {
  const bad = (reason: string): Extract<MailboxParse, { ok: false }> => ({ ok: false, problem: `${quote(text)} is not one mailbox: ${reason}`, reason });
  const control = CONTROL.exec(text);
  if (control) return bad(`it contains the control character ${codePointName(control[0])}`);
  const half = LONE_SURROGATE.exec(text);
  if (half) {
    const refused = bad(`it contains ${codePointName(half[0])}, a lone surrogate half (no character), which no mail header can carry: delete it`);
    // Before the last "<" of a text ending ">": in the display name, not the address.
    const open = text.trimEnd().endsWith('>') ? text.lastIndexOf('<') : -1;
    return LONE_SURROGATE.test(text.slice(open < 0 ? 0 : open)) || open < 0 ? refused : { ...refused, surrogateInName: true };
  }
  const trimmed = trimSpaces(text);
  if (trimmed === '') return bad('it is empty');

  let spec = trimmed;
  let name: string | undefined;
  if (trimmed.endsWith('>')) {
    const open = trimmed.lastIndexOf('<');
    if (open < 0) return bad('a ">" without its "<"');
    spec = trimmed.slice(open + 1, -1).trim();
    const display = trimmed.slice(0, open).trim();
    if (display !== '') {
      const parsed = displayName(display);
      if (typeof parsed !== 'string') return bad(parsed.problem);
      if (parsed !== '') name = parsed;
    }
  }
  if (/[<>]/.test(spec)) return bad('more than one "<…>"');

  const at = spec.lastIndexOf('@');
  if (at < 0) return bad('no "@"');
  const local = spec.slice(0, at).normalize('NFC');
  const written = spec.slice(at + 1);
  const quoted = QUOTED_STRING.exec(local);
  // A quoted local part is checked once the domain is known to be one (below).
  const unquoted = quoted ? undefined : localPartRefusal(local, bad);
  if (unquoted) return unquoted;
  // domainToASCII parses a URL's host, which ends at /, ?, # or : (it would read `a.example?cc=b` as `a.example`).
  const domain = /^[^\s[\]@/?#%:\\]+$/.test(written) ? domainToASCII(written) : '';
  const labels = domain.split('.');
  if (domain === '' || domain.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1)!)) {
    return bad(`${quote(written)} is not a domain name`);
  }
  // A well-formed address with a domain that is one: refused as not taken, not as no address.
  if (quoted) {
    // RFC 5322 §3.2.4: the quotes are not part of the string, so `"ada"` is the local part `ada`, the same mailbox.
    const needless = DOT_ATOM.test(quoted[1]!.replace(/\\([^])/gu, '$1'));
    const reason = needless
      ? 'the part before "@" is in quotes it does not need: write it without them, the same mailbox (RFC 5322 §3.2.4)'
      : 'the part before "@" is a quoted string, which RFC 5322 §3.4.1 allows but Broadsheet does not take: use an address without quotes';
    return { ok: false, problem: `${quote(text)} is refused: ${reason}`, reason, quoted: needless ? 'needless' : 'needed' };
  }
  const address = `${local}@${domain}`;
  if (Buffer.byteLength(address) > 254) return bad('it is longer than 254 bytes');
  const key = address.toLowerCase();
  const mailbox: Mailbox = { address, key };
  if (name !== undefined) mailbox.name = name;
  const writtenKey = `${local}@${written}`.toLowerCase();
  if (writtenKey !== key) mailbox.writtenKey = writtenKey;
  return { ok: true, mailbox };
}

/** Why `local`, written without quotes, is no local part Broadsheet sends to; undefined when it is one. */
function localPartRefusal(local: string, bad: (reason: string) => Extract<MailboxParse, { ok: false }>): Extract<MailboxParse, { ok: false }> | undefined {
  if (!local.split('.').every((atom) => ATOM.test(atom))) {
    return bad(/[:;,]/.test(local) ? 'group or list syntax ("name:", ";" or ",") is not an address' : `the part before "@" must be letters, digits and !#$%&'*+/=?^_\`{|}~.- (no spaces, quotes or brackets)`);
  }
  // RFC 2047 §5: an encoded word never stands in an addr-spec, yet a mail client may decode one there into another name.
  if (holdsEncodedWord(local)) return bad('the part before "@" holds an encoded word ("=?…?="), which a mail client may decode into other text');
  // SES takes only ASCII local parts, and an SMTP server without SMTPUTF8 (RFC 6531) cannot take the rest.
  if (/[^\x00-\x7f]/.test(local)) return { ...bad('the part before "@" is not ASCII, which needs SMTPUTF8 (RFC 6531): SES and most servers cannot send to it'), internationalised: true };
  if (Buffer.byteLength(local) > 64) return bad('the part before "@" is longer than 64 bytes');
  return undefined;
}

/** The display name unquoted, or why it cannot be one: it must not read as an address or a second mailbox. */
function displayName(display: string): string | { problem: string } {
  let name: string;
  if (display.startsWith('"')) {
    const quoted = /^"((?:[^"\\]|\\.)*)"$/u.exec(display);
    if (!quoted) return { problem: 'the quoted display name is not one quoted string' };
    name = quoted[1]!.replace(/\\(.)/gu, '$1');
  } else {
    if (!PHRASE.test(display)) return { problem: /:/.test(display) ? 'group syntax ("name: …") is not one mailbox' : 'the display name holds ( ) < > [ ] : ; @ \\ , or " (quote it, without @ < >)' };
    name = display;
  }
  // A name that holds an address or angle brackets shows the reader another mailbox than the one it goes to.
  if (/[@<>]/.test(name)) return { problem: 'the display name holds "@", "<" or ">", so it reads as another address' };
  // A mail client decodes an RFC 2047 encoded word into any text, an address included; names are encoded when sent.
  if (holdsEncodedWord(name)) return { problem: 'the display name holds an encoded word ("=?…?="), which a mail client decodes into other text: write the name itself' };
  return name.replace(/ {2,}/g, ' ').trim();
}

/**
 * True when `text` holds `=?` and, after it, `?=` (RFC 2047 §2's delimiters), as `/=\?.*\?=/s` tells, in one pass:
 * the regex backtracks from every `=?` to the end, so a line of many `=?` and no `?=` took time quadratic in its length.
 */
export function holdsEncodedWord(text: string): boolean {
  const opening = text.indexOf('=?');
  return opening >= 0 && text.lastIndexOf('?=') >= opening + 2;
}

/** A run of text between spaces and the characters that end an address in a message (RFC 5322 §3.4: <>()[],;:"). */
const WORD = /[^\s<>()[\],;:"]+/g;
/**
 * An address in a word: a character of a local part (RFC 5322 §3.2.3's atext, "/" left out, a URL path's separator),
 * an "@" or one percent-encoded (RFC 3986 §2.1: `%40`), once or more (`%2540`: `%25` is the "%"), as a URL path or
 * query quotes an address (SES's UpdateContact, `mailto:ada%40example.org`), then a domain of two labels or more whose
 * last is letters (RFC 5321 §2.3.5; an IDN's `xn--` A-label). Not an npm scope (`@smithy/node-http-handler`: no local
 * part) nor a package's version (`pkg@1.2.3`: no top-level label).
 */
const ADDRESS = /[\p{L}\p{N}!#$%&'*+=?^_`{|}~.-](?:@|%(?:25)*40)(?:[\p{L}\p{N}-]+\.)+(?:\p{L}{2,}|xn--[a-z0-9-]+)(?![\p{L}\p{N}-])/iu;
/** Text that ends where a URL's authority starts (RFC 3986 §3: `scheme:` before `//`), or its password does (`scheme://user:`). */
const BEFORE_AUTHORITY = /[A-Za-z][A-Za-z0-9+.-]*:$/;
const BEFORE_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@<>()[\],;:"]*:$/;
/** How far back a word's start is looked at for a URL's scheme and user: one linear pass still. */
const LOOK_BACK = 256;
/** What a log line keeps of a longer message. */
export const MAX_LOGGED_CHARS = 1_000;

/**
 * `text` with every word that holds an address (or one percent-encoded) replaced by `<address>`, and cut to its first 1,000 characters, for a log
 * line: an error from the mail service quotes the recipient (SES: "…failed the check in region EU-WEST-1:
 * ada@example.org"), and the logs hold no address. Whole words, so that a local part never survives on its own;
 * replaced before the cut, so that the cut never leaves half an address; one linear pass. A URL's "@" that ends its
 * userinfo (`smtps://user:password@smtp.example.org:465`, RFC 3986 §3.2.1) is no address's, so the example URL of a
 * fix stays readable; an address within the userinfo (percent-encoded there) is still replaced.
 */
export function withoutAddresses(text: string, maxChars = MAX_LOGGED_CHARS): string {
  return text.replace(WORD, (word: string, offset: number) => (ADDRESS.test(outsideHost(word, text.slice(Math.max(0, offset - LOOK_BACK), offset))) ? '<address>' : word)).slice(0, maxChars);
}

/** `word` without the "@host" of a URL's authority it starts (`before` is the text before it), else as it is. */
function outsideHost(word: string, before: string): string {
  const rest = BEFORE_AUTHORITY.test(before) && word.startsWith('//') ? word.slice(2) : BEFORE_PASSWORD.test(before) ? word : undefined;
  if (rest === undefined) return word;
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  return at < 0 ? word : `${authority.slice(0, at)} ${rest.slice(authority.length)}`;
}
