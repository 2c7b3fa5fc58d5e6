import { createHash, createHmac } from 'node:crypto';

/** The claims of a token as versions before sealed tokens wrote them, under their one-letter names. */
export interface SignedClaims {
  a: string;
  p: 'confirm' | 'preferences' | 'unsubscribe';
  t?: string[];
  g?: string;
  e?: number;
  u?: number;
  l?: string;
}

/**
 * A link's token as versions before sealed tokens made it, written here from its format rather than by signToken
 * (which makes sealed ones only): `payload.signature`, the payload the claims as JSON in base64url, readable by
 * anyone, the signature an HMAC-SHA256 of "broadsheet-subscriber-token\n" and the payload under the secret, in
 * base64url. Those mailed before links named their list have no `l`.
 */
export function signedToken(claims: SignedClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(`broadsheet-subscriber-token\n${payload}`).digest('base64url')}`;
}

/** The `l` of such a token: the first 16 base64url characters of a SHA-256 of "broadsheet-list\n" and the list id, lowercased. */
export function signedListTag(list: string): string {
  return createHash('sha256').update(`broadsheet-list\n${list.toLowerCase()}`).digest('base64url').slice(0, 16);
}

/** What anyone can read of a token without the secret: its text, and each `.`-separated part of it decoded from base64url. */
export function tokenReadings(token: string): string {
  return [token, decodeURIComponent(token), ...token.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'))].join('\n');
}
