import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { tokenSecrets } from '../shared/tokenSecrets.js';

/** The first byte of a sealed token: its format. */
const FORMAT = 2;
/**
 * The format byte and the token's length in bytes (big-endian, two bytes: one taken is at most 3031 bytes), GCM's
 * additional data: a token with fewer bytes than its header names was cut short on its way, and the reader is told so.
 */
const HEADER_BYTES = 3;
/** GCM's 96-bit nonce (NIST SP 800-38D §8.2) and its full 128-bit tag. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** RFC 5869: one salt for both keys, a distinct info for each, so neither key is the other's. */
const SALT = 'broadsheet-subscriber-token';
const CIPHER_INFO = 'broadsheet subscriber token v2: AES-256-GCM key';
const NONCE_INFO = 'broadsheet subscriber token v2: nonce key';
const OVERHEAD = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;
/** The most claims a token taken holds: as many as a signed one's 4000 characters of base64url before its dot. */
export const MOST_CLAIMS_BYTES = 3000;

/** A sealed token in base64url: the header, the nonce, the ciphertext and the tag, with no `.` (a signed token has one). */
export const SEALED_TOKEN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((OVERHEAD * 4) / 3)},${Math.ceil(((OVERHEAD + MOST_CLAIMS_BYTES) * 4) / 3)}}$`);

/**
 * `plaintext` encrypted and authenticated with AES-256-GCM under a key HKDF-SHA256 derives from the first of the
 * secrets (tokenSecrets), as base64url: whoever holds the link reads nothing of it without the secret. The nonce is
 * synthetic (an HMAC of the plaintext under a second derived key, cut to 96 bits, as SIV does, RFC 5297): the same
 * claims give the same token, so a digest made again with the same `--now` is the same bytes and a reader's
 * unsubscribe link the same every week. Two different plaintexts share a nonce, which GCM could not survive, only by
 * an HMAC collision (about n²/2⁹⁷ in n tokens under one secret); all it shows is that two links are the same link.
 */
export function sealToken(plaintext: string, secret: string): string {
  const keys = derivedKeys(tokenSecrets(secret)[0]!);
  const clear = Buffer.from(plaintext, 'utf8');
  // A longer one would be mailed and then refused (unsealToken): its maker asks first (tokenFits) and says so.
  if (clear.length > MOST_CLAIMS_BYTES) throw new RangeError(`claims of ${clear.length} bytes, more than the ${MOST_CLAIMS_BYTES} a token holds`);
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = FORMAT;
  header.writeUInt16BE(OVERHEAD + clear.length, 1);
  const nonce = createHmac('sha256', keys.nonce).update(header).update(clear).digest().subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.cipher, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const sealed = Buffer.concat([cipher.update(clear), cipher.final()]);
  return Buffer.concat([header, nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Whether a token that did not open has fewer bytes than its header names: cut short on its way (a mail program that
 * broke a long line, half a link copied), which only its own text tells, so it says nothing of the secret.
 */
export function sealedTokenCut(token: string): boolean {
  const bytes = Buffer.from(token, 'base64url');
  return bytes.length >= HEADER_BYTES && bytes[0] === FORMAT && bytes.readUInt16BE(1) > bytes.length;
}

/**
 * The plaintext of a token sealToken made under any of the secrets, or undefined: another secret's, changed on
 * its way, or not one at all. Every secret is tried whichever opens it, and GCM compares its tag in constant time
 * (OpenSSL's CRYPTO_memcmp), so the time taken tells nothing of where a forged tag goes wrong nor which secret took it.
 */
export function unsealToken(token: string, secret: string): string | undefined {
  if (!SEALED_TOKEN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  // One spelling per token: a last character whose unused bits differ decodes to the same bytes.
  if (bytes.toString('base64url') !== token || bytes[0] !== FORMAT || bytes.readUInt16BE(1) !== bytes.length) return undefined;
  const header = bytes.subarray(0, HEADER_BYTES);
  const nonce = bytes.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const sealed = bytes.subarray(HEADER_BYTES + NONCE_BYTES, bytes.length - TAG_BYTES);
  // Always the last 16 bytes, and GCM told to take no shorter tag (it would otherwise take one of 4 to 16).
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  let opened: string | undefined;
  for (const key of tokenSecrets(secret)) {
    const decipher = createDecipheriv('aes-256-gcm', derivedKeys(key).cipher, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    const clear = decipher.update(sealed);
    try {
      const last = decipher.final();
      opened ??= Buffer.concat([clear, last]).toString('utf8');
    } catch {
      // Not this secret's (or changed): the next is tried all the same.
    }
  }
  return opened;
}

/** The keys of the few secrets in use, derived once each: a digest seals two links per recipient. */
const KEPT_KEYS = 8;
const keysOf = new Map<string, { cipher: Buffer; nonce: Buffer }>();

function derivedKeys(secret: string): { cipher: Buffer; nonce: Buffer } {
  let keys = keysOf.get(secret);
  if (keys === undefined) {
    if (keysOf.size >= KEPT_KEYS) keysOf.clear();
    keys = { cipher: Buffer.from(hkdfSync('sha256', secret, SALT, CIPHER_INFO, 32)), nonce: Buffer.from(hkdfSync('sha256', secret, SALT, NONCE_INFO, 32)) };
    keysOf.set(secret, keys);
  }
  return keys;
}
