import { encodeWord } from 'nodemailer/lib/mime-funcs';

/**
 * An unstructured header field's text (Subject) as ASCII: printable ASCII as it is, anything else as RFC 2047 encoded
 * words (Q, whole characters, each at most 75 characters, §2 and §5 (1)). Text holding "=?" is encoded too: written as
 * it is, a mail client would decode an encoded word typed into a title (`=?utf-8?b?…?=`) into other text (§6.1).
 */
export function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) && !text.includes('=?') ? text : encodeWord(text, 'Q', 52);
}
