import { describe, expect, it } from 'vitest';
import { confirmTokenExpiry, signToken, verifyToken } from '../../../lib/subscribers/subscriberToken.js';

const SECRET = 'a-long-enough-test-secret';
const NOW = 1_400_000_000;
const LIST = 'digest.watch.example.org';

describe('a confirm link’s expiry', () => {
  it('is required: a confirm link signed without one, which would confirm for ever, is refused as damaged', () => {
    const timeless = signToken({ address: 'ada@example.org', purpose: 'confirm', unsubscribes: 0, list: LIST }, SECRET);
    expect(() => verifyToken(timeless, 'confirm', SECRET, NOW, LIST)).toThrow('the link is damaged');
    const made = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: confirmTokenExpiry(NOW * 1000), unsubscribes: 0, list: LIST }, SECRET);
    expect(verifyToken(made, 'confirm', SECRET, NOW, LIST).address).toBe('ada@example.org');
  });

  it('is no requirement of the digest’s links, which never expire', () => {
    for (const purpose of ['unsubscribe', 'preferences'] as const) {
      expect(verifyToken(signToken({ address: 'ada@example.org', purpose, list: LIST }, SECRET), purpose, SECRET, NOW + 10 * 365 * 86_400, LIST).purpose).toBe(purpose);
    }
  });
});
