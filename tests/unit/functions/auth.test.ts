import { describe, expect, it } from 'vitest';
import { bearerToken, tokenMatches } from '../../../functions/http/auth.js';

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
