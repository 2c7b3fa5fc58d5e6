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
  it('names a gzip stream as such (its magic bytes 31, 139), which no editor can save as UTF-8', () => {
    const gzip = gzipSync('---\ntitle: An article\n---\n');
    expect(notUtf8('entries/a.md', gzip, invalidUtf8Offset(gzip)!)).toEqual({
      file: 'entries/a.md',
      field: 'file',
      message: 'is gzip-compressed (uploaded with Content-Encoding: gzip, or a .gz file renamed)',
      fix: 'upload the file itself, uncompressed, as push-content does',
    });
    // A byte 139 after another first byte, or later than the second, is no gzip stream.
    for (const bytes of [Buffer.from([0x61, 0x8b]), Buffer.from([0x1e, 0x8b]), Buffer.from([0x1f, 0x61, 0x8b])]) {
      expect(notUtf8('entries/a.md', bytes, invalidUtf8Offset(bytes)!).message).toMatch(/^is not valid UTF-8 at column \d+ \(byte offset \d+: 0x8B, "\u2039" in Windows-1252\)$/);
    }
  });

  it('names the line and column an editor shows, the byte, and the character it is in Latin-1', () => {
    // "---\n" is line 1; "title: Caf" is 10 characters and 14 bytes into the file.
    const latin1 = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]);
    expect(notUtf8('entries/a.md', latin1, 14)).toEqual({
      file: 'entries/a.md',
      line: 2,
      field: 'file',
      message: 'is not valid UTF-8 at column 11 (byte offset 14: 0xE9, "é" in Latin-1 or Windows-1252)',
      fix: 'save the file as UTF-8 in your editor; if the text there looks wrong, reopen it as Latin-1 or Windows-1252 first',
    });
  });

  it('counts characters, not bytes, for the column, and no byte order mark', () => {
    // "title: 北京 " is 10 characters in 14 bytes (each CJK character is 3); the BOM adds 3 bytes and no column.
    const bytes = Buffer.concat([Buffer.from('\uFEFFtitle: 北京 '), Buffer.from([0xbd]), Buffer.from('\n')]);
    const problem = notUtf8('entries/a.md', bytes, invalidUtf8Offset(bytes)!);
    expect(problem).toMatchObject({ line: 1, message: 'is not valid UTF-8 at column 11 (byte offset 17: 0xBD, "½" in Latin-1 or Windows-1252)' });
  });

  it('names a byte from 0x80 to 0x9F as its Windows-1252 character (Notepad\'s "ANSI"), where Latin-1 has a control', () => {
    // Word's ’ in "Kaesong’s", saved as Windows-1252.
    const ansi = Buffer.concat([Buffer.from('---\ntitle: Kaesong'), Buffer.from([0x92]), Buffer.from('s\n---\n')]);
    expect(notUtf8('entries/a.md', ansi, 18)).toMatchObject({ line: 2, message: 'is not valid UTF-8 at column 15 (byte offset 18: 0x92, "’" in Windows-1252)' });
    expect(notUtf8('entries/a.md', Buffer.from([0x61, 0x96]), 1).message).toBe('is not valid UTF-8 at column 2 (byte offset 1: 0x96, "–" in Windows-1252)');
  });

  it('guesses no character for a byte Windows-1252 leaves unassigned, nor for 0xA0 (a no-break space, like a space)', () => {
    const bytes = Buffer.from([0x61, 0x0a, 0x0a, 0x62, 0x81]);
    expect(notUtf8('subscribers.txt', bytes, 4)).toMatchObject({ line: 3, message: 'is not valid UTF-8 at column 2 (byte offset 4: 0x81)' });
    expect(notUtf8('subscribers.txt', Buffer.from([0x61, 0xa0]), 1).message).toBe('is not valid UTF-8 at column 2 (byte offset 1: 0xA0)');
  });
});
