import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { invalidUtf8Offset, notUtf8 } from '../../../lib/shared/invalidUtf8Offset.js';

describe('invalidUtf8Offset', () => {
  it('finds the first byte that is not UTF-8 (worked out by hand)', () => {
    expect(invalidUtf8Offset(Buffer.from('title: Café 北 😀\n'))).toBeUndefined();
    // Latin-1 é after "title: Caf".
    expect(invalidUtf8Offset(Buffer.from([...Buffer.from('title: Caf'), 0xe9, 0x0a]))).toBe(10);
    expect(invalidUtf8Offset(Buffer.from([0x41, 0xc0, 0xaf]))).toBe(1); // overlong /
    expect(invalidUtf8Offset(Buffer.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2); // a surrogate
    expect(invalidUtf8Offset(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(invalidUtf8Offset(Buffer.from([0x41, 0xe2, 0x82]))).toBe(1); // cut short
    expect(invalidUtf8Offset(Buffer.from([0x80]))).toBe(0); // a lone continuation byte
  });

  it('agrees with a fatal TextDecoder on 5,000 random byte strings, at the offset where decoding stops', () => {
    const random = prng(3629);
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i < 5_000; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.6 ? Math.floor(random() * 0x80) : 0x80 + Math.floor(random() * 0x80))));
      const offset = invalidUtf8Offset(bytes);
      const valid = (slice: Uint8Array) => {
        try {
          fatal.decode(slice);
          return true;
        } catch {
          return false;
        }
      };
      expect(offset === undefined, bytes.toString('hex')).toBe(valid(bytes));
      // The bytes before the offset decode; the first bad sequence starts there.
      if (offset !== undefined) expect(valid(bytes.subarray(0, offset)), bytes.toString('hex')).toBe(true);
    }
  });
});

describe('notUtf8', () => {
  it('names a gzip stream as such (its magic bytes 31, 139), which no editor can save as UTF-8, and any other bad byte by its offset', () => {
    const gzip = gzipSync('---\ntitle: An article\n---\n');
    expect(notUtf8('entries/a.md', invalidUtf8Offset(gzip)!, gzip.toString('utf8'))).toEqual({
      file: 'entries/a.md',
      field: 'file',
      message: 'is gzip-compressed (uploaded with Content-Encoding: gzip, or a .gz file renamed)',
      fix: 'upload the file itself, uncompressed, as push-content does',
    });
    // A byte 139 after another first byte, or later than the second, is no gzip stream.
    for (const bytes of [Buffer.from([0x61, 0x8b]), Buffer.from([0x1e, 0x8b]), Buffer.from([0x1f, 0x61, 0x8b])]) {
      const offset = invalidUtf8Offset(bytes)!;
      expect(notUtf8('entries/a.md', offset, bytes.toString('utf8')).message).toBe(`is not valid UTF-8 (byte offset ${offset})`);
    }
  });
});
