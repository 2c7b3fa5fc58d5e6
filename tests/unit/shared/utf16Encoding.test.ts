import { describe, expect, it } from 'vitest';
import { notUtf8, invalidUtf8Offset } from '../../../lib/shared/invalidUtf8Offset.js';
import { utf16Encoding } from '../../../lib/shared/utf16Encoding.js';

const TEXT = '---\ntitle: Café\n---\n';
// UTF-16 big-endian: each code unit's high byte first (RFC 2781 §2).
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('utf16Encoding', () => {
  it('names the byte order from a byte-order mark: FF FE little-endian, FE FF big-endian (RFC 2781 §3.2)', () => {
    expect(utf16Encoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))).toBe('UTF-16LE');
    expect(utf16Encoding(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]))).toBe('UTF-16BE');
  });

  it('names it without a mark from the zero byte beside each ASCII character', () => {
    expect(utf16Encoding(Buffer.from(TEXT, 'utf16le'))).toBe('UTF-16LE');
    expect(utf16Encoding(utf16be(TEXT))).toBe('UTF-16BE');
  });

  it('takes no UTF-8 text for UTF-16: Latin, Korean, Chinese, a UTF-8 signature, one NUL', () => {
    for (const text of [TEXT, '---\ntitle: 북한 경제\n---\n', '---\ntitle: 北京\n---\n', `\uFEFF${TEXT}`, '---\ntitle: a\u0000b\n---\n', '']) {
      expect(utf16Encoding(Buffer.from(text)), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('notUtf8 on UTF-16', () => {
  it('says the file is UTF-16 and to save it as UTF-8, not "0xFF at byte 0"', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(invalidUtf8Offset(bytes)).toBe(0);
    expect(notUtf8('entries/a.md', bytes, 0)).toEqual({
      file: 'entries/a.md',
      field: 'file',
      message: 'is in UTF-16 (little-endian), as Notepad\'s "Unicode" and PowerShell\'s > save text, not UTF-8',
      fix: 'save the file as UTF-8: in Notepad, Save As with the encoding UTF-8; in PowerShell, Out-File -Encoding utf8',
    });
  });
});
