import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { parseMailbox } from './mailbox.js';

/**
 * An unstructured header field's text (Subject) as ASCII: printable ASCII as it is, anything else as RFC 2047 encoded
 * words (Q, whole characters, each at most 75 characters, §2 and §5 (1)). Text holding "=?" is encoded too: written as
 * it is, a mail client would decode an encoded word typed into a title (`=?utf-8?b?…?=`) into other text (§6.1).
 */
export function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) && !text.includes('=?') ? text : encodeWord(text, 'Q', 52);
}

/**
 * A display name as an RFC 5322 phrase (§3.2.5): atoms as they are, other printable ASCII as a quoted-string
 * (§3.2.4), anything else as encoded words, which RFC 2047 §5 (3) lets stand for a phrase (and "=?" too, §6.1).
 */
export function headerPhrase(text: string): string {
  if (text.includes('=?') || !/^[\x20-\x7e]*$/.test(text)) return encodeWord(text, 'Q', 52);
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(text) ? text : `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * One mailbox (`Name <address>` or `address`) in 7-bit ASCII, its name as headerPhrase: what SES takes as a From or
 * a To address (the address ASCII, a name in encoded words; its SendEmail reference). Text that is not one mailbox
 * is returned as it is.
 */
export function asciiMailbox(text: string): string {
  const parsed = parseMailbox(text);
  if (!parsed.ok) return text;
  const { name, address } = parsed.mailbox;
  return name === undefined ? address : `${headerPhrase(name)} <${address}>`;
}
