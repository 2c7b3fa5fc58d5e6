import { describe, expect, it } from 'vitest';
import { asciiMailbox } from '../../../lib/shared/headerText.js';

describe('asciiMailbox: an ASCII display name as nodemailer writes it', () => {
  // Letters, digits, "_" and spaces stay bare; any other printable ASCII makes the name a quoted-string (RFC 5322
  // §3.2.4), its '"' and '\' quoted-pairs, even where the name is atoms ("-", "'", "&", "%" are atext, §3.2.3).
  const table: Array<[input: string, expected: string]> = [
    ['Tech Watch <d@example.org>', 'Tech Watch <d@example.org>'],
    ['Tech_Watch 2 <d@example.org>', 'Tech_Watch 2 <d@example.org>'],
    ['"Tech-News Weekly" <d@example.org>', '"Tech-News Weekly" <d@example.org>'],
    ['Tech-News Weekly <d@example.org>', '"Tech-News Weekly" <d@example.org>'],
    ['"O\'Brien Digest" <d@example.org>', '"O\'Brien Digest" <d@example.org>'],
    ['"A & B" <d@example.org>', '"A & B" <d@example.org>'],
    ['"100% news" <d@example.org>', '"100% news" <d@example.org>'],
    ['"Watch, Inc." <d@example.org>', '"Watch, Inc." <d@example.org>'],
    ['"Say \\"hi\\" \\\\ bye" <d@example.org>', '"Say \\"hi\\" \\\\ bye" <d@example.org>'],
    ['d@example.org', 'd@example.org'],
  ];
  it.each(table)('%s', (input, expected) => {
    expect(asciiMailbox(input)).toBe(expected);
  });

  it('still writes a non-ASCII word as an encoded word (RFC 2047 §5 (3)), its ASCII atoms bare', () => {
    // "é" is C3 A9 in UTF-8, Q-encoded as =C3=A9.
    expect(asciiMailbox('Café Watch <d@example.org>')).toBe('=?UTF-8?Q?Caf=C3=A9?= Watch <d@example.org>');
  });
});
