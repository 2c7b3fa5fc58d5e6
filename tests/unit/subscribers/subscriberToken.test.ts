import { describe, expect, it } from 'vitest';
import { TokenError } from '../../../lib/shared/errors.js';
import { signToken, verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { tokenSecrets } from '../../../lib/shared/tokenSecrets.js';
import { readMailEnv } from '../../../lib/delivery/mailEnv.js';
import { unboundToken } from '../../support/unboundToken.js';

const SECRET = 'a-long-enough-test-secret';
const NOW = 1_700_000_000;
const LIST = 'digest.watch.example.org';

describe('subscriber tokens', () => {
  it('round-trips the address, purpose, tags, page and expiry', () => {
    const token = signToken({ address: 'Ada@Example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 }, SECRET);
    expect(verifyToken(token, 'confirm', SECRET, NOW, LIST)).toEqual({ address: 'ada@example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 });
  });

  it('round-trips the unsubscribe count a confirm link was made at, zero included, under the signature', () => {
    for (const unsubscribes of [0, 2]) {
      const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes }, SECRET);
      expect(verifyToken(token, 'confirm', SECRET, NOW, LIST).unsubscribes).toBe(unsubscribes);
    }
    const zero = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes: 0 }, SECRET);
    const [payload, signature] = zero.split('.') as [string, string];
    const raised = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('"u":0', '"u":1')).toString('base64url');
    expect(() => verifyToken(`${raised}.${signature}`, 'confirm', SECRET, NOW, LIST)).toThrow(TokenError);
  });

  it('refuses an expired token', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW - 1 }, SECRET);
    expect(() => verifyToken(token, 'confirm', SECRET, NOW, LIST)).toThrow(/expired/);
  });

  it('refuses a token for another purpose', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    expect(() => verifyToken(token, 'unsubscribe', SECRET, NOW, LIST)).toThrow(TokenError);
  });

  it('refuses another secret, a changed payload and garbage', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET);
    expect(() => verifyToken(token, 'unsubscribe', 'another-long-secret!!', NOW, LIST)).toThrow(/not one this site made/);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ a: 'grace@example.org', p: 'unsubscribe' })).toString('base64url')}.${signature}`;
    expect(() => verifyToken(forged, 'unsubscribe', SECRET, NOW, LIST)).toThrow(/not one this site made/);
    for (const bad of ['', 'abc', `${token}x`, '../../etc/passwd']) expect(() => verifyToken(bad, 'unsubscribe', SECRET, NOW, LIST)).toThrow(TokenError);
  });

  it('says a link changed on its way is damaged, as a mail program that did not decode quoted-printable leaves it (token=3D…)', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60 }, SECRET);
    expect(() => verifyToken(`3D${token}`, 'confirm', SECRET, NOW, LIST)).toThrow('the link is damaged, or not one this site made');
  });

  it('is the same for the same claims (a digest link is stable)', () => {
    expect(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)).toBe(signToken({ address: 'ADA@example.org', purpose: 'unsubscribe' }, SECRET));
  });
});

describe("a token's list", () => {
  const OTHER = 'digest-ko.watch.example.org';
  const claims = [
    { address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes: 0 },
    { address: 'ada@example.org', purpose: 'preferences' },
    { address: 'ada@example.org', purpose: 'unsubscribe' },
  ] as const;

  it('as a confirm or topics link, is refused by another list though signed with the same secret, and taken by its own', () => {
    for (const made of claims) {
      const token = signToken({ ...made, list: LIST }, SECRET);
      expect(verifyToken(token, made.purpose, SECRET, NOW, LIST).address).toBe('ada@example.org');
      // A list id's case is not significant.
      expect(verifyToken(token, made.purpose, SECRET, NOW, 'Digest.Watch.Example.ORG').address).toBe('ada@example.org');
      // An unsubscribe link is taken whatever list it names: one mailed before the list id changed still works.
      if (made.purpose === 'unsubscribe') expect(verifyToken(token, made.purpose, SECRET, NOW, OTHER).address).toBe('ada@example.org');
      else expect(() => verifyToken(token, made.purpose, SECRET, NOW, OTHER)).toThrow(/made for another list/);
      // A site.yml that names no list (only /unsubscribe answers then): any list's.
      expect(verifyToken(token, made.purpose, SECRET, NOW, undefined).address).toBe('ada@example.org');
    }
  });

  it('cannot be swapped for another list\'s: the list is under the signature', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: OTHER }, SECRET);
    const [payload, signature] = token.split('.') as [string, string];
    const mine = signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: LIST }, SECRET).split('.')[0]!;
    expect(mine).not.toBe(payload);
    expect(() => verifyToken(`${mine}.${signature}`, 'unsubscribe', SECRET, NOW, LIST)).toThrow(/not one this site made/);
  });

  it('is absent from a link made before tokens named their list, which every list still takes (the digests already mailed)', () => {
    for (const made of claims) {
      const token = unboundToken({ a: made.address, p: made.purpose, ...('expires' in made ? { e: made.expires, u: made.unsubscribes } : {}) }, SECRET);
      expect(verifyToken(token, made.purpose, SECRET, NOW, LIST).address).toBe('ada@example.org');
      expect(verifyToken(token, made.purpose, SECRET, NOW, OTHER).address).toBe('ada@example.org');
    }
    // An unbound confirm link still expires as it did.
    expect(() => verifyToken(unboundToken({ a: 'ada@example.org', p: 'confirm', e: NOW - 1, u: 0 }, SECRET), 'confirm', SECRET, NOW, LIST)).toThrow(/expired/);
  });

  it('keeps the token as long whatever the list id (List-Unsubscribe takes 870 characters in SES)', () => {
    const short = signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: 'a.b' }, SECRET);
    const long = signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: `${'x'.repeat(180)}.example.org` }, SECRET);
    expect(long.length).toBe(short.length);
  });
});

describe('rotating the token secret ("NEW OLD")', () => {
  const OLD = 'the-old-secret-of-length';
  const NEW = 'the-new-secret-of-length';

  it('signs with the first secret and still takes the links signed with the old one', () => {
    const sent = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, OLD);
    expect(verifyToken(sent, 'unsubscribe', `${NEW} ${OLD}`, NOW, LIST)).toEqual({ address: 'ada@example.org', purpose: 'unsubscribe' });
    expect(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, `${NEW} ${OLD}`)).toBe(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, NEW));
    // Once the old secret is dropped, its links stop working.
    expect(() => verifyToken(sent, 'unsubscribe', NEW, NOW, LIST)).toThrow(/not one this site made/);
  });

  it('reads a value whose parts are not all 16 characters long as one secret (a passphrase), as before', () => {
    const passphrase = 'correct horse battery staple';
    expect(tokenSecrets(passphrase)).toEqual([passphrase]);
    expect(tokenSecrets(`${NEW}\n`)).toEqual([`${NEW}\n`]);
    expect(tokenSecrets(`${NEW}\n${OLD}\n`)).toEqual([NEW, OLD]);
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, passphrase);
    expect(() => verifyToken(token, 'unsubscribe', 'correct horse', NOW, LIST)).toThrow(/not one this site made/);
    expect(verifyToken(token, 'unsubscribe', passphrase, NOW, LIST).address).toBe('ada@example.org');
  });

  it('DIGEST_UNSUBSCRIBE_SECRET takes a rotation, and still refuses a short secret', () => {
    expect(readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: `${NEW} ${OLD}` }).unsubscribeSecret).toBe(`${NEW} ${OLD}`);
    expect(() => readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: 'short' })).toThrow(/too short/);
  });

  it('DIGEST_UNSUBSCRIBE_SECRET is read trimmed, as the SSM parameter is, so a link the CLI signs is one the functions take', () => {
    const secret = readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: `${SECRET}\n` }).unsubscribeSecret!;
    expect(secret).toBe(SECRET);
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, secret);
    expect(verifyToken(token, 'unsubscribe', SECRET, NOW, LIST).address).toBe('ada@example.org');
    expect(readMailEnv({ DIGEST_UNSUBSCRIBE_SECRET: ' \n' }).unsubscribeSecret).toBeUndefined();
  });
});
