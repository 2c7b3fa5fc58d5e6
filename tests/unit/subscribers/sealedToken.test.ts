import { createCipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealedTokenCut, sealToken, unsealToken } from '../../../lib/subscribers/sealedToken.js';

const SECRET = 'a-long-enough-test-secret';
const CLAIMS = '{"a":"ada@example.org","p":"unsubscribe"}';

/**
 * A token written from the format (README, "What a link holds"), with a tag of `tagBytes`: 0x02, the token's length
 * in two bytes, the 12-byte nonce, the ciphertext and the tag, the first three bytes GCM's additional data.
 */
function written(tagBytes: number): string {
  const key = Buffer.from(hkdfSync('sha256', SECRET, 'broadsheet-subscriber-token', 'broadsheet subscriber token v2: AES-256-GCM key', 32));
  const clear = Buffer.from(CLAIMS);
  const header = Buffer.of(2, 0, 0);
  header.writeUInt16BE(3 + 12 + clear.length + tagBytes, 1);
  const nonce = Buffer.alloc(12, 7);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
  cipher.setAAD(header);
  const sealed = Buffer.concat([cipher.update(clear), cipher.final()]);
  return Buffer.concat([header, nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

describe('a sealed token', () => {
  it('opens with its full 16-byte tag only: one sealed under the key with a shorter tag (GCM allows 4 to 16 bytes) is refused', () => {
    // The same construction with the full tag opens: what is refused is the tag's length alone.
    expect(unsealToken(written(16), SECRET)).toBe(CLAIMS);
    for (const tagBytes of [4, 8, 12, 13, 14, 15]) expect(unsealToken(written(tagBytes), SECRET)).toBeUndefined();
  });

  it('has one spelling: the same bytes written with other unused bits in its last character are refused', () => {
    // 42 bytes of claims: a token of 73 bytes, 98 characters, whose last one holds 2 bits of the last byte and 4 unused.
    const claims = '{"a":"adam@example.org","p":"unsubscribe"}';
    const token = sealToken(claims, SECRET);
    expect(token).toHaveLength(98);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelt = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]}`;
    expect(Buffer.from(respelt, 'base64url')).toEqual(Buffer.from(token, 'base64url'));
    expect(unsealToken(token, SECRET)).toBe(claims);
    expect(unsealToken(respelt, SECRET)).toBeUndefined();
  });

  it('tells a token cut short (fewer bytes than its header names) from one changed or made elsewhere', () => {
    const token = sealToken(CLAIMS, SECRET);
    for (let length = 4; length < token.length; length++) expect(sealedTokenCut(token.slice(0, length))).toBe(true);
    expect(sealedTokenCut(token)).toBe(false);
    expect(sealedTokenCut(`${token}AAAA`)).toBe(false);
    // Another format byte: not one of these tokens at all, so not one cut short either.
    const other = Buffer.from(token, 'base64url');
    other[0] = 3;
    expect(sealedTokenCut(other.subarray(0, 20).toString('base64url'))).toBe(false);
  });
});
