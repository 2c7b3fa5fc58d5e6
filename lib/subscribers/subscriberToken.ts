import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { DamagedLinkError, TokenError } from '../shared/errors.js';
import { tokenSecrets } from '../shared/tokenSecrets.js';
import { MOST_CLAIMS_BYTES, SEALED_TOKEN, sealedTokenCut, sealToken, unsealToken } from './sealedToken.js';

/** What a link may do: confirm a signup, change preferences, or unsubscribe. */
export type TokenPurpose = 'confirm' | 'preferences' | 'unsubscribe';

export interface TokenClaims {
  /** The canonical address, lowercased. */
  address: string;
  purpose: TokenPurpose;
  /** Tag slugs chosen at signup (confirm tokens). */
  tags?: string[];
  /** The form page of the signup (confirm tokens). */
  page?: string;
  /** Seconds since the epoch after which the token is refused; none for the links in a digest. */
  expires?: number;
  /**
   * How often the address had unsubscribed when the link was made (confirm tokens; Subscriber.unsubscribes): one
   * made before the address's last unsubscribe has fewer, and never confirms, whatever the clock read.
   */
  unsubscribes?: number;
  /**
   * The list id (RFC 2919 §2, the id in the digest's List-Id) of the list the link was made for, signed in as its
   * tag (listTag): another list refuses it even under the same secret. Absent: an unbound link, as versions before
   * links named their list made them, which every list still takes (verifyToken says why).
   */
  list?: string;
}

/** A confirmation link is good for 7 days. */
export const CONFIRM_TOKEN_SECONDS = 7 * 24 * 3600;

/** The `expires` (seconds since the epoch) of a confirm link made at `madeAtMs`: it works up to that second, included. */
export function confirmTokenExpiry(madeAtMs: number): number {
  return Math.floor(madeAtMs / 1000) + CONFIRM_TOKEN_SECONDS;
}

const PURPOSES: readonly TokenPurpose[] = ['confirm', 'preferences', 'unsubscribe'];

/** How a signed token (signedPayload) begins, its claims' JSON `{"` in base64url: one cut ahead of its dot is no sealed token. */
const SIGNED_PAYLOAD_START = 'eyJ';

/** A link cut short on its way, or with a character that no link has: the page says to open all of it. */
const INCOMPLETE = 'the link is incomplete or damaged';
/** A link that does not open: changed on its way (quoted-printable's `=3D` left in it, a character lost) or forged. */
const NOT_OURS = 'the link is damaged, or not one this site made';
/** A link that opens to claims no link of this site holds. */
const DAMAGED = 'the link is damaged';

/**
 * Whether a TokenError says the link itself is not whole (cut short, changed on its way): the page asks for all of the
 * link from the mail, where the link as mailed still works. Expired, withdrawn, another step's or another list's: it
 * is whole, and opening it again changes nothing.
 */
export function linkDamaged(error: TokenError): boolean {
  return error instanceof DamagedLinkError;
}

/**
 * The claims as JSON, sealed (sealToken: AES-256-GCM under a key derived from the first secret): the link shows
 * neither the address nor any claim, in access logs, browser history or a forwarded mail, and the same claims give
 * the same token.
 */
export function signToken(claims: TokenClaims, secret: string): string {
  return sealToken(claimsJson(claims), secret);
}

/**
 * Whether a token of these claims can be made: their JSON holds at most MOST_CLAIMS_BYTES, the most verifyToken takes
 * (signToken throws a RangeError past it). Only a confirm link's topics can be that many.
 */
export function tokenFits(claims: TokenClaims): boolean {
  return Buffer.byteLength(claimsJson(claims), 'utf8') <= MOST_CLAIMS_BYTES;
}

function claimsJson(claims: TokenClaims): string {
  const body: Record<string, unknown> = { a: claims.address.toLowerCase(), p: claims.purpose };
  if (claims.tags && claims.tags.length > 0) body.t = claims.tags;
  if (claims.page) body.g = claims.page;
  if (claims.expires !== undefined) body.e = claims.expires;
  if (claims.unsubscribes !== undefined) body.u = claims.unsubscribes;
  if (claims.list !== undefined) body.l = listTag(claims.list);
  return JSON.stringify(body);
}

/**
 * The claims of a token signed with `secret` for `purpose`, for the list `list` and not expired at `nowSeconds`, or a
 * TokenError saying why not. `list` undefined (a site.yml that cannot be used, which names no list): any list's.
 * An unbound token (no list in it) is taken by every list: the links in mail sent before tokens named their list
 * must keep working, and those of a digest (unsubscribe, preferences) never expire; a confirm link expires within
 * CONFIRM_TOKEN_SECONDS of being made. Only confirm and topics links made since are kept to their own list.
 */
export function verifyToken(token: string, purpose: TokenPurpose, secret: string, nowSeconds: number, list: string | undefined): TokenClaims {
  const sealed = SEALED_TOKEN.test(token) && !token.startsWith(SIGNED_PAYLOAD_START);
  const json = sealed ? unsealToken(token, secret) : signedPayload(token, secret);
  // A token that does not open is a link changed on its way (a mail program that left quoted-printable's `=3D` in
  // it, a character lost) far more often than a forgery: the reader is told both, or that it is cut short.
  if (json === undefined) throw new DamagedLinkError(sealed && sealedTokenCut(token) ? INCOMPLETE : NOT_OURS);
  let body: { a?: unknown; p?: unknown; t?: unknown; g?: unknown; e?: unknown; u?: unknown; l?: unknown };
  try {
    body = JSON.parse(json);
  } catch {
    throw new DamagedLinkError(DAMAGED);
  }
  // Claims are an object (JSON.parse makes `__proto__` an own key, never the prototype).
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DamagedLinkError(DAMAGED);
  if (typeof body.a !== 'string' || !PURPOSES.includes(body.p as TokenPurpose)) throw new DamagedLinkError(DAMAGED);
  if (body.p !== purpose) throw new TokenError(`the link is for another step (${String(body.p)}), not ${purpose}`);
  if (body.l !== undefined && typeof body.l !== 'string') throw new DamagedLinkError(DAMAGED);
  // An unsubscribe link is taken whatever list it names: one mailed before digest.listId or the site's url changed
  // must still take the reader off (RFC 8058's one-click shows no page to say it failed), and another list's only
  // takes off the address it was mailed to.
  if (purpose !== 'unsubscribe' && body.l !== undefined && list !== undefined && !sameTag(body.l, listTag(list))) throw new TokenError('the link was made for another list, not this site\'s digest');
  // Every confirm link is made with its expiry (confirmTokenExpiry): one without would confirm for ever, so it is refused.
  if (purpose === 'confirm' && body.e === undefined) throw new DamagedLinkError(DAMAGED);
  if (body.e !== undefined && (typeof body.e !== 'number' || body.e < nowSeconds)) throw new TokenError('the link has expired');
  const claims: TokenClaims = { address: body.a, purpose };
  if (Array.isArray(body.t)) claims.tags = body.t.filter((tag): tag is string => typeof tag === 'string');
  if (typeof body.g === 'string') claims.page = body.g;
  if (typeof body.e === 'number') claims.expires = body.e;
  if (Number.isSafeInteger(body.u) && (body.u as number) >= 0) claims.unsubscribes = body.u as number;
  return claims;
}

/**
 * The list's tag in a token: 96 bits of a SHA-256 of its id, lowercased (RFC 2919 takes a list id's case as
 * insignificant), so that the links stay as long whatever the id's length (List-Unsubscribe takes 870 characters in SES).
 */
function listTag(list: string): string {
  return createHash('sha256').update(`broadsheet-list\n${list.toLowerCase()}`).digest('base64url').slice(0, 16);
}

/** Constant time over equal lengths; a tag's length is no secret. */
function sameTag(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The claims' JSON of a token as versions before sealed tokens made it, `payload.signature` (the claims as JSON in
 * base64url, readable; an HMAC-SHA256 of it), or undefined: the links already mailed (a digest's never expire) keep
 * working. Constant time: the comparison takes as long wherever the first wrong character is, and every secret is tried.
 */
function signedPayload(token: string, secret: string): string | undefined {
  const match = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new DamagedLinkError(INCOMPLETE);
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'utf8');
  let signed = false;
  for (const key of tokenSecrets(secret)) {
    const expected = Buffer.from(mac(payload, key), 'utf8');
    if (given.length === expected.length && timingSafeEqual(given, expected)) signed = true;
  }
  return signed ? Buffer.from(payload, 'base64url').toString('utf8') : undefined;
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`broadsheet-subscriber-token\n${payload}`).digest('base64url');
}
