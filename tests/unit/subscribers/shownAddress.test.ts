import { describe, expect, it } from 'vitest';
import { shownAddress } from '../../../lib/subscribers/shownAddress.js';

describe('shownAddress (RFC 5890 §2.3.2.1)', () => {
  it('shows an internationalized domain in its U-labels, the local part as kept', () => {
    // "bücher" is "bcher-kva" in punycode (RFC 3492 §7.1 encodes its ü after the basic letters).
    expect(shownAddress('User.Name@xn--bcher-kva.example')).toBe('User.Name@bücher.example');
    expect(shownAddress('kim@mail.xn--3e0b707e')).toBe('kim@mail.한국');
  });

  it('leaves an ASCII domain, and an A-label that is not valid punycode, as they are', () => {
    expect(shownAddress('ada@example.org')).toBe('ada@example.org');
    expect(shownAddress('ada@xn--zz.example')).toBe('ada@xn--zz.example');
  });
});
