import { createHash, timingSafeEqual } from 'node:crypto';
import { tokenSecrets } from '../../lib/shared/tokenSecrets.js';

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1; the scheme is case-insensitive). */
export function bearerToken(headers: Readonly<Record<string, string | undefined>> | undefined): string | undefined {
  if (!headers) return undefined;
  // Function URLs and HTTP APIs lowercase header names; a hand-made event may not.
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const match = value ? /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(value) : null;
  return match?.[1];
}

/**
 * Compares in constant time. Hashing both sides first gives equal-length inputs to timingSafeEqual,
 * so neither the content nor the length of the expected token leaks through timing.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const same = timingSafeEqual(digest(presented ?? ''), digest(expected));
  return same && presented !== undefined && expected.length > 0;
}

/** At most this many values in a presented secret: a new and an old one, during a rotation. */
export const MAX_PRESENTED_SECRETS = 2;

/**
 * Whether a presented secret and the expected one share a value. Either may hold, while it is rotated, the new and the
 * old value separated by white space ("NEW OLD", as tokenSecrets reads it): CloudFront sends its origin header with the
 * parameter's whole value, and takes a new one only from a deploy that names another parameter (CloudFormation resolves
 * `{{resolve:ssm:NAME}}` again only when NAME changes), so each side changes on its own and no step of the rotation
 * leaves them without a value in common. Every pair is compared, in constant time.
 */
export function anySecretMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const offered = tokenSecrets(presented.trim());
  // Each value is one more guess.
  if (offered.length > MAX_PRESENTED_SECRETS) return false;
  let matched = false;
  for (const value of offered) for (const secret of tokenSecrets(expected)) matched = tokenMatches(value, secret) || matched;
  return matched;
}
