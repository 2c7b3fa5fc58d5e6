import { describe, expect, it } from 'vitest';
import { TokenError } from '../../../lib/shared/errors.js';
import { signToken, verifyToken } from '../../../lib/subscribers/subscriberToken.js';

const SECRET = 'a-long-enough-test-secret';
const NOW = 1_700_000_000;

describe('subscriber tokens', () => {
  it('round-trips the address, purpose, tags, page and expiry', () => {
    const token = signToken({ address: 'Ada@Example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 }, SECRET);
    expect(verifyToken(token, 'confirm', SECRET, NOW)).toEqual({ address: 'ada@example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 });
  });

  it('refuses an expired token', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW - 1 }, SECRET);
    expect(() => verifyToken(token, 'confirm', SECRET, NOW)).toThrow(/expired/);
  });

  it('refuses a token for another purpose', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    expect(() => verifyToken(token, 'unsubscribe', SECRET, NOW)).toThrow(TokenError);
  });

  it('refuses another secret, a changed payload and garbage', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET);
    expect(() => verifyToken(token, 'unsubscribe', 'another-long-secret!!', NOW)).toThrow(/not one this site made/);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ a: 'grace@example.org', p: 'unsubscribe' })).toString('base64url')}.${signature}`;
    expect(() => verifyToken(forged, 'unsubscribe', SECRET, NOW)).toThrow(/not one this site made/);
    for (const bad of ['', 'abc', `${token}x`, '../../etc/passwd']) expect(() => verifyToken(bad, 'unsubscribe', SECRET, NOW)).toThrow(TokenError);
  });

  it('is the same for the same claims (a digest link is stable)', () => {
    expect(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)).toBe(signToken({ address: 'ADA@example.org', purpose: 'unsubscribe' }, SECRET));
  });
});
