import { isUtf8 } from 'node:buffer';
import type { Problem } from './errors.js';
import { utf16Encoding, utf16Problem } from './utf16Encoding.js';
import { windows1252Byte } from './windows1252Byte.js';

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
 * The problem of a file whose `bytes` are not UTF-8 at `offset`: refused, never read with U+FFFD (README, Encoding).
 * It names the line and column, as an editor shows them, and the character the byte is in Latin-1, the encoding
 * such a file most often has. A gzip stream (RFC 1952 §2.3.1: it starts with the bytes 31, 139) is named as such: no editor
 * can save it as UTF-8, and an S3 object uploaded with Content-Encoding: gzip is stored, and read back, compressed.
 * So is UTF-16 (utf16Encoding), whose byte-order mark is no Latin-1 text.
 */
export function notUtf8(file: string, bytes: Uint8Array, offset: number): Problem {
  if (offset === 1 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return { file, field: 'file', message: 'is gzip-compressed (uploaded with Content-Encoding: gzip, or a .gz file renamed)', fix: 'upload the file itself, uncompressed, as push-content does' };
  }
  const utf16 = utf16Encoding(bytes);
  if (utf16) return { file, field: 'file', ...utf16Problem(utf16) };
  // Every byte before `offset` is UTF-8, so the text before it decodes as written.
  const before = new TextDecoder().decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(0, lineStart).split('\n').length;
  const column = [...before.slice(lineStart)].length + 1;
  const byte = bytes[offset]!;
  // A Latin-1 (ISO 8859-1) byte is its code point, and above 0xA0 (a no-break space) Windows-1252 agrees. From 0x80
  // to 0x9F Latin-1 has C1 controls and Windows-1252 (Notepad's and Word's "ANSI") its curly quotes and dashes.
  const cp1252 = windows1252Byte(byte);
  const guess = byte > 0xa0 ? `, "${String.fromCharCode(byte)}" in Latin-1 or Windows-1252` : cp1252 !== undefined ? `, "${cp1252}" in Windows-1252` : '';
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return {
    file,
    line,
    field: 'file',
    message: `is not valid UTF-8 at column ${column} (byte offset ${offset}: ${hex}${guess})`,
    fix: 'save the file as UTF-8 in your editor; if the text there looks wrong, reopen it as Latin-1 or Windows-1252 first',
  };
}
