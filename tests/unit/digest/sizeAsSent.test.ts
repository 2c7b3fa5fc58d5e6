import { describe, expect, it } from 'vitest';
import { sizeAsSent } from '../../../lib/digest/sizeAsSent.js';

// The bytes a part takes in the message: quoted-printable (RFC 2045 §6.7) with CRLF line ends (RFC 5322 §2.3).
describe('sizeAsSent', () => {
  it('counts printable ASCII as it is and each line end as CRLF', () => {
    expect(sizeAsSent('ab\ncd')).toBe('ab\r\ncd'.length);
  });

  it('counts each byte outside printable ASCII as =XX, three characters (rule 1)', () => {
    // "é" is two bytes of UTF-8, "평" three.
    expect(sizeAsSent('é')).toBe(6);
    expect(sizeAsSent('평')).toBe(9);
    expect(sizeAsSent('a=b')).toBe('a=3Db'.length);
  });

  it('counts the soft line break a line past 76 characters takes (rule 5)', () => {
    // 75 characters and "=" then CRLF, then the other 25.
    expect(sizeAsSent('x'.repeat(100))).toBe(75 + 3 + 25);
  });
});
