import { describe, expect, it } from 'vitest';
import { TokenError } from '../../../lib/shared/errors.js';
import { signToken, verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { tokenSecrets } from '../../../lib/shared/tokenSecrets.js';
import { readMailEnv } from '../../../lib/delivery/mailEnv.js';

const SECRET = 'a-long-enough-test-secret';
const NOW = 1_700_000_000;

describe('subscriber tokens', () => {
  it('round-trips the address, purpose, tags, page and expiry', () => {
    const token = signToken({ address: 'Ada@Example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 }, SECRET);
    expect(verifyToken(token, 'confirm', SECRET, NOW)).toEqual({ address: 'ada@example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 });
  });

  it('round-trips the unsubscribe count a confirm link was made at, zero included, under the signature', () => {
    for (const unsubscribes of [0, 2]) {
      const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes }, SECRET);
      expect(verifyToken(token, 'confirm', SECRET, NOW).unsubscribes).toBe(unsubscribes);
    }
    const zero = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes: 0 }, SECRET);
    const [payload, signature] = zero.split('.') as [string, string];
    const raised = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('"u":0', '"u":1')).toString('base64url');
    expect(() => verifyToken(`${raised}.${signature}`, 'confirm', SECRET, NOW)).toThrow(TokenError);
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

describe('rotating the token secret ("NEW OLD")', () => {
  const OLD = 'the-old-secret-of-length';
  const NEW = 'the-new-secret-of-length';

  it('signs with the first secret and still takes the links signed with the old one', () => {
    const sent = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, OLD);
    expect(verifyToken(sent, 'unsubscribe', `${NEW} ${OLD}`, NOW)).toEqual({ address: 'ada@example.org', purpose: 'unsubscribe' });
    expect(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, `${NEW} ${OLD}`)).toBe(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, NEW));
    // Once the old secret is dropped, its links stop working.
    expect(() => verifyToken(sent, 'unsubscribe', NEW, NOW)).toThrow(/not one this site made/);
  });

  it('reads a value whose parts are not all 16 characters long as one secret (a passphrase), as before', () => {
    const passphrase = 'correct horse battery staple';
    expect(tokenSecrets(passphrase)).toEqual([passphrase]);
    expect(tokenSecrets(`${NEW}\n`)).toEqual([`${NEW}\n`]);
    expect(tokenSecrets(`${NEW}\n${OLD}\n`)).toEqual([NEW, OLD]);
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, passphrase);
    expect(() => verifyToken(token, 'unsubscribe', 'correct horse', NOW)).toThrow(/not one this site made/);
    expect(verifyToken(token, 'unsubscribe', passphrase, NOW).address).toBe('ada@example.org');
  });

  it('DIGEST_UNSUBSCRIBE_SECRET takes a rotation, and still refuses a short secret', () => {
    expect(readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: `${NEW} ${OLD}` }).unsubscribeSecret).toBe(`${NEW} ${OLD}`);
    expect(() => readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: 'short' })).toThrow(/too short/);
  });

  it('DIGEST_UNSUBSCRIBE_SECRET is read trimmed, as the SSM parameter is, so a link the CLI signs is one the functions take', () => {
    const secret = readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: `${SECRET}\n` }).unsubscribeSecret!;
    expect(secret).toBe(SECRET);
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, secret);
    expect(verifyToken(token, 'unsubscribe', SECRET, NOW).address).toBe('ada@example.org');
    expect(readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: ' \n' }).unsubscribeSecret).toBeUndefined();
  });
});
