import { createHmac, timingSafeEqual } from 'node:crypto';
import { TokenError } from '../shared/errors.js';
import { tokenSecrets } from '../shared/tokenSecrets.js';

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
}

/** A confirmation link is good for 7 days. */
export const CONFIRM_TOKEN_SECONDS = 7 * 24 * 3600;

/** The `expires` (seconds since the epoch) of a confirm link made at `madeAtMs`: it works up to that second, included. */
export function confirmTokenExpiry(madeAtMs: number): number {
  return Math.floor(madeAtMs / 1000) + CONFIRM_TOKEN_SECONDS;
}

const PURPOSES: readonly TokenPurpose[] = ['confirm', 'preferences', 'unsubscribe'];

/** `payload.signature`, both base64url: the payload is the claims as JSON, the signature an HMAC-SHA256 of it. */
export function signToken(claims: TokenClaims, secret: string): string {
  const body: Record<string, unknown> = { a: claims.address.toLowerCase(), p: claims.purpose };
  if (claims.tags && claims.tags.length > 0) body.t = claims.tags;
  if (claims.page) body.g = claims.page;
  if (claims.expires !== undefined) body.e = claims.expires;
  if (claims.unsubscribes !== undefined) body.u = claims.unsubscribes;
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, tokenSecrets(secret)[0]!)}`;
}

/** The claims of a token signed with `secret` for `purpose` and not expired at `nowSeconds`, or a TokenError saying why not. */
export function verifyToken(token: string, purpose: TokenPurpose, secret: string, nowSeconds: number): TokenClaims {
  const match = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new TokenError('the link is incomplete or damaged');
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'utf8');
  // Constant time: the comparison takes as long wherever the first wrong character is, and every secret is tried.
  let signed = false;
  for (const key of tokenSecrets(secret)) {
    const expected = Buffer.from(mac(payload, key), 'utf8');
    if (given.length === expected.length && timingSafeEqual(given, expected)) signed = true;
  }
  if (!signed) throw new TokenError('the link is not one this site made');
  let body: { a?: unknown; p?: unknown; t?: unknown; g?: unknown; e?: unknown; u?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('the link is damaged');
  }
  if (typeof body.a !== 'string' || !PURPOSES.includes(body.p as TokenPurpose)) throw new TokenError('the link is damaged');
  if (body.p !== purpose) throw new TokenError(`the link is for another step (${String(body.p)}), not ${purpose}`);
  if (body.e !== undefined && (typeof body.e !== 'number' || body.e < nowSeconds)) throw new TokenError('the link has expired');
  const claims: TokenClaims = { address: body.a, purpose };
  if (Array.isArray(body.t)) claims.tags = body.t.filter((tag): tag is string => typeof tag === 'string');
  if (typeof body.g === 'string') claims.page = body.g;
  if (typeof body.e === 'number') claims.expires = body.e;
  if (Number.isSafeInteger(body.u) && (body.u as number) >= 0) claims.unsubscribes = body.u as number;
  return claims;
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`broadsheet-subscriber-token\n${payload}`).digest('base64url');
}
