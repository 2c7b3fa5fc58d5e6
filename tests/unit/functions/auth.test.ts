import { describe, expect, it } from 'vitest';
import { anySecretMatches, bearerToken, tokenMatches } from '../../../functions/http/auth.js';

describe('bearerToken (RFC 6750 §2.1)', () => {
  it('takes the token after the Bearer scheme, in any case, from a header of any case', () => {
    expect(bearerToken({ authorization: 'Bearer abc.DEF-123' })).toBe('abc.DEF-123');
    expect(bearerToken({ Authorization: 'bearer abc' })).toBe('abc');
    expect(bearerToken({ AUTHORIZATION: 'BEARER  abc ' })).toBe('abc');
  });

  it('finds none without the header, with another scheme, or with no token', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken({ 'content-type': 'application/json' })).toBeUndefined();
    expect(bearerToken({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(bearerToken({ authorization: 'Bearer' })).toBeUndefined();
    expect(bearerToken({ authorization: 'Bearer a b' })).toBeUndefined();
    expect(bearerToken({ authorization: 'abc' })).toBeUndefined();
  });
});

describe('tokenMatches', () => {
  const expected = 'k3J9-pQ2x_Vb7LmN8rT4wZ6y';
  it('accepts exactly the expected token', () => {
    expect(tokenMatches(expected, expected)).toBe(true);
  });

  it('rejects a missing, empty, shorter, longer or different token', () => {
    for (const presented of [undefined, '', expected.slice(0, -1), `${expected}y`, expected.toUpperCase(), `${expected.slice(0, -1)}z`]) {
      expect(tokenMatches(presented, expected), String(presented)).toBe(false);
    }
  });

  it('never matches when the expected token is empty', () => {
    expect(tokenMatches('', '')).toBe(false);
    expect(tokenMatches(undefined, '')).toBe(false);
  });
});

describe('anySecretMatches (an origin secret while it is rotated)', () => {
  const OLD = 'old-origin-secret-0123456789';
  const NEW = 'new-origin-secret-9876543210';
  it('matches a presented value against either of "NEW OLD", and "NEW OLD" presented against either', () => {
    // The README's steps: the parameter takes "NEW OLD" while CloudFront still sends OLD; CloudFront is deployed with
    // "NEW OLD"; the parameter takes NEW alone while CloudFront still sends "NEW OLD"; CloudFront is deployed with NEW.
    expect([anySecretMatches(OLD, `${NEW} ${OLD}`), anySecretMatches(`${NEW} ${OLD}`, `${NEW} ${OLD}`), anySecretMatches(`${NEW} ${OLD}`, NEW), anySecretMatches(NEW, NEW)]).toEqual([true, true, true, true]);
  });

  it('refuses a value the expected secret no longer holds, a missing one, and more than two values at once', () => {
    expect(anySecretMatches(OLD, NEW)).toBe(false);
    expect(anySecretMatches(undefined, NEW)).toBe(false);
    expect(anySecretMatches(`${OLD}x ${NEW}x`, `${NEW} ${OLD}`)).toBe(false);
    // Each value presented is one more guess: three, the right one among them, are refused.
    expect(anySecretMatches(`guess-one-0123456789 guess-two-0123456789 ${NEW}`, NEW)).toBe(false);
  });

  it('reads a value with short words as one secret, as a passphrase is', () => {
    expect(anySecretMatches('correct horse battery staple', 'correct horse battery staple')).toBe(true);
    expect(anySecretMatches('correct horse', 'correct horse battery staple')).toBe(false);
  });
});
