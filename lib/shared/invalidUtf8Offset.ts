import { isUtf8 } from 'node:buffer';
import type { Problem } from './errors.js';

/**
 * The byte offset of the first sequence that is not UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing
 * above U+10FFFF), or undefined when every byte is. A decoder would put U+FFFD there and publish it.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The length of the sequence, and the range of its second byte (RFC 3629 §4's UTF8-2 to UTF8-4).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return undefined;
}

/**
 * The problem of a file that is not UTF-8 at `offset`: refused, never read with U+FFFD (README, Encoding). `text`, the
 * file as decoded, tells a gzip stream (RFC 1952 §2.3.1: it starts with the bytes 31, 139), which no editor can save
 * as UTF-8: an S3 object uploaded with Content-Encoding: gzip is stored, and read back, compressed.
 */
export function notUtf8(file: string, offset: number, text?: string): Problem {
  if (offset === 1 && text?.startsWith('\x1f\uFFFD')) {
    return { file, field: 'file', message: 'is gzip-compressed (uploaded with Content-Encoding: gzip, or a .gz file renamed)', fix: 'upload the file itself, uncompressed, as push-content does' };
  }
  return { file, field: 'file', message: `is not valid UTF-8 (byte offset ${offset})`, fix: 'save the file as UTF-8 in your editor, and check the character at that offset' };
}
