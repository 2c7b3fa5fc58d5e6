import { createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DamagedLinkError, TokenError } from '../../../lib/shared/errors.js';
import { linkDamaged, signToken, tokenFits, verifyToken, type TokenClaims } from '../../../lib/subscribers/subscriberToken.js';
import { tokenSecrets } from '../../../lib/shared/tokenSecrets.js';
import { sealToken } from '../../../lib/subscribers/sealedToken.js';
import { readMailEnv } from '../../../lib/delivery/mailEnv.js';
import { signedListTag, signedToken, tokenReadings, type SignedClaims } from '../../support/signedToken.js';

const SECRET = 'a-long-enough-test-secret';
const NOW = 1_700_000_000;
const LIST = 'digest.watch.example.org';

describe('subscriber tokens', () => {
  it('round-trips the address, purpose, tags, page and expiry', () => {
    const token = signToken({ address: 'Ada@Example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 }, SECRET);
    expect(verifyToken(token, 'confirm', SECRET, NOW, LIST)).toEqual({ address: 'ada@example.org', purpose: 'confirm', tags: ['trade'], page: '/tags/trade/', expires: NOW + 60 });
  });

  it('round-trips the unsubscribe count a confirm link was made at, zero included, under the seal: no byte of it can change', () => {
    for (const unsubscribes of [0, 2]) {
      const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes }, SECRET);
      expect(verifyToken(token, 'confirm', SECRET, NOW, LIST).unsubscribes).toBe(unsubscribes);
    }
    const zero = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes: 0 }, SECRET);
    const bytes = Buffer.from(zero, 'base64url');
    for (let at = 0; at < bytes.length; at++) {
      const changed = Buffer.from(bytes);
      changed[at]! ^= 1;
      // A changed length (bytes 1 and 2) that names more bytes than there are reads as a link cut short.
      const says = at === 1 || at === 2 ? /^the link is (incomplete or damaged|damaged, or not one this site made)$/ : /^the link is damaged, or not one this site made$/;
      expect(() => verifyToken(changed.toString('base64url'), 'confirm', SECRET, NOW, LIST)).toThrow(says);
    }
    // A link of before, readable: its count is under its signature.
    const signed = signedToken({ a: 'ada@example.org', p: 'confirm', e: NOW + 60, u: 0 }, SECRET);
    const [payload, signature] = signed.split('.') as [string, string];
    const raised = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('"u":0', '"u":1')).toString('base64url');
    expect(verifyToken(signed, 'confirm', SECRET, NOW, LIST).unsubscribes).toBe(0);
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
    // A link of before's signature on another payload.
    const [, signature] = signedToken({ a: 'ada@example.org', p: 'unsubscribe' }, SECRET).split('.');
    const forged = `${Buffer.from(JSON.stringify({ a: 'grace@example.org', p: 'unsubscribe' })).toString('base64url')}.${signature}`;
    expect(() => verifyToken(forged, 'unsubscribe', SECRET, NOW, LIST)).toThrow(/not one this site made/);
    for (const bad of ['', 'abc', `${token}x`, `${token}A`, token.slice(0, -1), token.slice(1), '../../etc/passwd', `${token}.${'A'.repeat(43)}`]) expect(() => verifyToken(bad, 'unsubscribe', SECRET, NOW, LIST)).toThrow(TokenError);
  });

  it('says a link changed on its way is damaged, as a mail program that did not decode quoted-printable leaves it (token=3D…)', () => {
    const token = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60 }, SECRET);
    expect(() => verifyToken(`3D${token}`, 'confirm', SECRET, NOW, LIST)).toThrow('the link is damaged, or not one this site made');
  });

  it('says a link cut short anywhere is incomplete, as a signed link of before was, not that it may be a forgery', () => {
    // Half a link copied, or a long line broken by a mail program: the page then says to open all of it.
    const sealed = signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: LIST }, SECRET);
    const signed = signedToken({ a: 'ada@example.org', p: 'unsubscribe' }, SECRET);
    for (const token of [sealed, signed]) {
      for (let length = 1; length < token.length; length++) expect(() => verifyToken(token.slice(0, length), 'unsubscribe', SECRET, NOW, LIST)).toThrow(/^the link is incomplete or damaged$/);
    }
  });

  it('refuses sealed claims that are not an object of claims, and reads `__proto__` as a key, never the prototype', () => {
    // Made under the secret, so only a flaw of the site's own could make them: refused with a TokenError all the same.
    for (const json of ['null', '[]', '"ada@example.org"', '7', '{"a":"ada@example.org"}', '{"a":1,"p":"unsubscribe"}']) {
      expect(() => verifyToken(sealToken(json, SECRET), 'unsubscribe', SECRET, NOW, LIST)).toThrow(new DamagedLinkError('the link is damaged'));
    }
    const polluting = sealToken('{"__proto__":{"a":"ada@example.org","p":"unsubscribe"},"constructor":{"prototype":{"a":"x"}}}', SECRET);
    expect(() => verifyToken(polluting, 'unsubscribe', SECRET, NOW, LIST)).toThrow(new DamagedLinkError('the link is damaged'));
    expect(({} as { a?: unknown }).a).toBeUndefined();
  });

  it('is the same for the same claims (a digest link is stable)', () => {
    expect(signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)).toBe(signToken({ address: 'ADA@example.org', purpose: 'unsubscribe' }, SECRET));
  });
});

describe('linkDamaged (whether the page asks for all of the link from the mail)', () => {
  const refusal = (token: string, purpose: 'confirm' | 'unsubscribe' = 'confirm', list = LIST): TokenError => {
    try {
      verifyToken(token, purpose, SECRET, NOW, list);
    } catch (error) {
      return error as TokenError;
    }
    throw new Error('taken');
  };
  const whole = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW + 60, unsubscribes: 0, list: LIST }, SECRET);

  it('says so of a link cut short, changed on its way, or opening to claims no link holds', () => {
    const changed = `${whole.slice(0, 20)}${whole[20] === 'A' ? 'B' : 'A'}${whole.slice(21)}`;
    const noExpiry = signToken({ address: 'ada@example.org', purpose: 'confirm', list: LIST }, SECRET);
    for (const token of [whole.slice(0, 42), changed, 'x', sealToken('null', SECRET), noExpiry]) expect(linkDamaged(refusal(token))).toBe(true);
  });

  it('not of a whole link that no longer works: expired, another step\'s or another list\'s', () => {
    const expired = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: NOW - 1, list: LIST }, SECRET);
    for (const error of [refusal(expired), refusal(whole, 'unsubscribe'), refusal(whole, 'confirm', 'another.example.org')]) expect([error.message, linkDamaged(error)]).toEqual([error.message, false]);
  });
});

describe('a sealed token (what a link shows)', () => {
  const everyClaim: TokenClaims = { address: 'ada+news@example.org', purpose: 'confirm', tags: ['trade', 'markets'], page: '/tags/trade/', expires: NOW + 60, unsubscribes: 3, list: LIST };
  // The token's format, written from its description (README, "What a link holds") rather than by the code:
  // base64url of 0x02 and the token's length in two bytes (big-endian), a 12-byte nonce, the AES-256-GCM ciphertext of
  // the claims' JSON and its 16-byte tag (those three first bytes the additional data), the key HKDF-SHA256 of the
  // secret (salt "broadsheet-subscriber-token").
  const hkdf = (secret: string, info: string) => Buffer.from(hkdfSync('sha256', secret, 'broadsheet-subscriber-token', info, 32));
  const opened = (token: string, secret: string) => {
    const bytes = Buffer.from(token, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', hkdf(secret, 'broadsheet subscriber token v2: AES-256-GCM key'), bytes.subarray(3, 15), { authTagLength: 16 });
    decipher.setAAD(bytes.subarray(0, 3));
    decipher.setAuthTag(bytes.subarray(-16));
    const json = Buffer.concat([decipher.update(bytes.subarray(15, -16)), decipher.final()]).toString('utf8');
    return { format: bytes[0], length: bytes.readUInt16BE(1), bytes: bytes.length, header: bytes.subarray(0, 3), nonce: bytes.subarray(3, 15), json };
  };

  it('shows neither the address nor any claim: its text and its bytes hold none of them, in no encoding', () => {
    for (const purpose of ['confirm', 'preferences', 'unsubscribe'] as const) {
      const token = signToken({ ...everyClaim, purpose }, SECRET);
      const readable = tokenReadings(token);
      for (const shown of ['ada+news@example.org', encodeURIComponent('ada+news@example.org'), 'ada', 'example.org', purpose, 'trade', 'markets', '/tags/', String(NOW + 60), signedListTag(LIST), '"a"']) expect(readable).not.toContain(shown);
    }
  });

  it('is AES-256-GCM under a key HKDF derives from the secret, the JSON of the claims inside, opened with nothing else', () => {
    const token = signToken(everyClaim, SECRET);
    const { format, length, bytes, json } = opened(token, SECRET);
    expect([format, length]).toEqual([2, bytes]);
    expect(JSON.parse(json)).toEqual({ a: 'ada+news@example.org', p: 'confirm', t: ['trade', 'markets'], g: '/tags/trade/', e: NOW + 60, u: 3, l: signedListTag(LIST) });
    // The secret itself as the key (no HKDF), or another secret's key, opens nothing.
    expect(() => opened(token, 'another-long-secret!!')).toThrow();
    expect(() => {
      const bytes = Buffer.from(token, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', createHmac('sha256', '').update(SECRET).digest(), bytes.subarray(3, 15));
      decipher.setAAD(bytes.subarray(0, 3));
      decipher.setAuthTag(bytes.subarray(-16));
      decipher.update(bytes.subarray(15, -16));
      decipher.final();
    }).toThrow();
  });

  it("has a nonce made from its claims (an HMAC of them under a second derived key): the same claims, the same token; other claims, another nonce", () => {
    const tokens = ['ada@example.org', 'grace@example.org', 'ada@example.com'].flatMap((address) => (['preferences', 'unsubscribe'] as const).map((purpose) => signToken({ address, purpose, list: LIST }, SECRET)));
    const nonces = tokens.map((token) => opened(token, SECRET).nonce.toString('hex'));
    expect(new Set(nonces).size).toBe(tokens.length);
    for (const token of tokens) {
      const { header, nonce, json } = opened(token, SECRET);
      expect(nonce).toEqual(createHmac('sha256', hkdf(SECRET, 'broadsheet subscriber token v2: nonce key')).update(header).update(json).digest().subarray(0, 12));
    }
  });

  it('is no longer than a signed link was: 3 + 12 + 16 bytes around the claims, 127 characters for an unsubscribe link to a 15-character address (130 signed)', () => {
    const unsubscribe = signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: LIST }, SECRET);
    const json = JSON.stringify({ a: 'ada@example.org', p: 'unsubscribe', l: signedListTag(LIST) });
    expect(unsubscribe).toHaveLength(Math.ceil(((3 + 12 + json.length + 16) * 4) / 3));
    // 23 + 18 + 23 characters of JSON: 95 bytes, 127 characters of base64url.
    expect([json.length, unsubscribe.length]).toEqual([64, 127]);
    // The signed link of before: the claims' JSON in base64url (86), a dot and 43 characters of signature.
    expect(signedToken({ a: 'ada@example.org', p: 'unsubscribe', l: signedListTag(LIST) }, SECRET)).toHaveLength(130);
  });
});

describe('a link made before tokens were sealed (payload.signature, readable)', () => {
  const OTHER = 'digest-ko.watch.example.org';
  const kinds: [SignedClaims, SignedClaims, SignedClaims] = [
    { a: 'ada@example.org', p: 'confirm', t: ['trade'], g: '/tags/trade/', e: NOW + 60, u: 1 },
    { a: 'ada@example.org', p: 'preferences' },
    { a: 'ada@example.org', p: 'unsubscribe' },
  ];

  it('is still taken, bound to its list or not, with every claim it carries: the digests already mailed keep their links', () => {
    for (const made of kinds) {
      for (const l of [undefined, signedListTag(LIST)]) {
        const token = signedToken({ ...made, ...(l ? { l } : {}) }, SECRET);
        const claims = verifyToken(token, made.p, SECRET, NOW, LIST);
        expect(claims).toEqual({ address: 'ada@example.org', purpose: made.p, ...(made.e !== undefined ? { tags: ['trade'], page: '/tags/trade/', expires: NOW + 60, unsubscribes: 1 } : {}) });
        // Bound to a list: another list takes only its unsubscribe link, as before.
        if (l && made.p !== 'unsubscribe') expect(() => verifyToken(token, made.p, SECRET, NOW, OTHER)).toThrow(/made for another list/);
        else expect(verifyToken(token, made.p, SECRET, NOW, OTHER).address).toBe('ada@example.org');
      }
    }
    expect(() => verifyToken(signedToken({ ...kinds[0], e: NOW - 1 }, SECRET), 'confirm', SECRET, NOW, LIST)).toThrow(/expired/);
    expect(() => verifyToken(signedToken(kinds[1], SECRET), 'unsubscribe', SECRET, NOW, LIST)).toThrow(/another step/);
  });

  it('is taken under either secret while the secret is rotated ("NEW OLD"), and refused once the old one is dropped', () => {
    const OLD = 'the-old-secret-of-length';
    const NEW = 'the-new-secret-of-length';
    const mailed = signedToken({ a: 'ada@example.org', p: 'unsubscribe', l: signedListTag(LIST) }, OLD);
    expect(verifyToken(mailed, 'unsubscribe', `${NEW} ${OLD}`, NOW, LIST).address).toBe('ada@example.org');
    expect(() => verifyToken(mailed, 'unsubscribe', NEW, NOW, LIST)).toThrow(/not one this site made/);
  });

  it('held claims of up to 3000 bytes (4000 characters of base64url before its dot): sealed, the same claims are still taken', () => {
    // A confirm link's claims as signToken writes them, a topic long enough for 3000 bytes of JSON, then one byte more.
    const claims = (bytes: number): SignedClaims => {
      const made: SignedClaims = { a: 'ada@example.org', p: 'confirm', t: [''], e: NOW + 60 };
      return { ...made, t: ['t'.repeat(bytes - JSON.stringify(made).length)] };
    };
    const most = claims(3000);
    expect(JSON.stringify(most)).toHaveLength(3000);
    const sealed = signToken({ address: most.a, purpose: 'confirm', tags: most.t!, expires: most.e! }, SECRET);
    for (const token of [signedToken(most, SECRET), sealed]) expect(verifyToken(token, 'confirm', SECRET, NOW, LIST).tags).toEqual(most.t);
    expect(tokenFits({ address: most.a, purpose: 'confirm', tags: most.t!, expires: most.e! })).toBe(true);
    // One byte more was never taken: a signed link was told as one cut short, and no sealed one is made, which would be mailed and refused.
    const over = claims(3001);
    expect(() => verifyToken(signedToken(over, SECRET), 'confirm', SECRET, NOW, LIST)).toThrow(/incomplete or damaged/);
    const overClaims: TokenClaims = { address: over.a, purpose: 'confirm', tags: over.t!, expires: over.e! };
    expect(tokenFits(overClaims)).toBe(false);
    expect(() => signToken(overClaims, SECRET)).toThrow(new RangeError('claims of 3001 bytes, more than the 3000 a token holds'));
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

  it('cannot be swapped for another list\'s: the list is under the seal (and under the signature of a link of before)', () => {
    const other = Buffer.from(signToken({ address: 'ada@example.org', purpose: 'preferences', list: OTHER }, SECRET), 'base64url');
    const mine = Buffer.from(signToken({ address: 'ada@example.org', purpose: 'preferences', list: LIST }, SECRET), 'base64url');
    expect(mine.length).toBe(other.length);
    // This list's ciphertext with the other's nonce and tag, and the other way round.
    const spliced = [Buffer.concat([other.subarray(0, 15), mine.subarray(15, -16), other.subarray(-16)]), Buffer.concat([mine.subarray(0, 15), other.subarray(15, -16), mine.subarray(-16)])];
    for (const token of spliced) expect(() => verifyToken(token.toString('base64url'), 'preferences', SECRET, NOW, LIST)).toThrow(/not one this site made/);
    const [payload, signature] = signedToken({ a: 'ada@example.org', p: 'preferences', l: signedListTag(OTHER) }, SECRET).split('.') as [string, string];
    const signedMine = signedToken({ a: 'ada@example.org', p: 'preferences', l: signedListTag(LIST) }, SECRET).split('.')[0]!;
    expect(signedMine).not.toBe(payload);
    expect(() => verifyToken(`${signedMine}.${signature}`, 'preferences', SECRET, NOW, LIST)).toThrow(/not one this site made/);
  });

  it('is absent from a link made before tokens named their list, which every list still takes (the digests already mailed)', () => {
    for (const made of claims) {
      const token = signedToken({ a: made.address, p: made.purpose, ...('expires' in made ? { e: made.expires, u: made.unsubscribes } : {}) }, SECRET);
      expect(verifyToken(token, made.purpose, SECRET, NOW, LIST).address).toBe('ada@example.org');
      expect(verifyToken(token, made.purpose, SECRET, NOW, OTHER).address).toBe('ada@example.org');
    }
    // An unbound confirm link still expires as it did.
    expect(() => verifyToken(signedToken({ a: 'ada@example.org', p: 'confirm', e: NOW - 1, u: 0 }, SECRET), 'confirm', SECRET, NOW, LIST)).toThrow(/expired/);
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
