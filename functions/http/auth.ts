import { createHash, timingSafeEqual } from 'node:crypto';

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
