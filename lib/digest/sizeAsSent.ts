import { encode, wrap } from 'nodemailer/lib/qp';

/**
 * The bytes of a text or HTML part as the digest message sends it: quoted-printable (lib/delivery/message.ts'
 * `textEncoding`, RFC 2045 §6.7: a byte outside printable ASCII takes three, a line past 76 characters a soft
 * break) with each line ending in CRLF (RFC 5322 §2.3). Gmail's clipping may count the message as received, and a
 * part in a non-Latin script grows by nearly three times when encoded, so the budget counts these bytes.
 */
export function sizeAsSent(text: string): number {
  return wrap(encode(text.replaceAll('\n', '\r\n')), 76).length;
}
