/**
 * Whom an SMTP refusal is about, read from its reply code and its enhanced status code:
 * - `recipient`: this recipient's address or mailbox (another recipient may well be taken);
 * - `transport`: the relay will take no message from this sender or session (its login, its permission to relay, the
 *   sender's address), so every recipient would meet it;
 * - `unclear`: the code does not say (a bare 550, RFC 5321 §4.2.3's "mailbox unavailable ... or command rejected for
 *   policy reasons"; a 5.7.1 that names no relaying, RFC 3463 §3.8's "per-host or per-recipient filtering").
 *
 * The reply code (RFC 5321 §4.2.1) says only transient or permanent. The enhanced code (RFC 3463 §2, `class.subject.
 * detail` at the start of the text, RFC 2034 §4) names the subject: X.1 addressing, whose X.1.1–X.1.6 and X.1.10
 * (RFC 7505, a null MX) are the destination's address, X.1.7 and X.1.8 the sender's; X.2 the recipient's mailbox;
 * X.3 the mail system, X.4 the network and routing, X.5 the protocol (each the relay's or one destination's: unclear);
 * X.7 security or policy, whose X.7.8, X.7.9, X.7.11 (RFC 4954 §6: credentials invalid, mechanism too
 * weak, encryption required), X.7.13 and X.7.14 (RFC 5248's registry: account disabled, trust relationship required)
 * concern the session's login. RFC 4954 §6's own reply codes (530 authentication required, 534, 535, 538) say the same
 * without an enhanced code.
 */
export type SmtpRefusalScope = 'recipient' | 'transport' | 'unclear';

/** RFC 4954 §6: authentication required, mechanism too weak, credentials invalid, encryption required. */
const LOGIN_REPLY_CODES = new Set([530, 534, 535, 538]);
/** RFC 3463 X.7.x details about the session's login (RFC 4954 §6, RFC 5248). */
const LOGIN_DETAILS = new Set([8, 9, 11, 13, 14]);
/** RFC 3463 X.1.x details about the destination's address (X.1.10: RFC 7505). */
const DESTINATION_ADDRESS_DETAILS = new Set([1, 2, 3, 4, 5, 6, 10]);

/** `text`: the reply's text after its code, where an enhanced code comes first (`5.7.1 Relaying denied`). */
export function smtpRefusalScope(responseCode: number, text: string): SmtpRefusalScope {
  if (LOGIN_REPLY_CODES.has(responseCode)) return 'transport';
  const enhanced = /^\s*[245]\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
  if (!enhanced) return 'unclear';
  const subject = Number(enhanced[1]);
  const detail = Number(enhanced[2]);
  switch (subject) {
    case 1:
      return DESTINATION_ADDRESS_DETAILS.has(detail) ? 'recipient' : detail === 7 || detail === 8 ? 'transport' : 'unclear';
    case 2:
      return 'recipient';
    case 7:
      // X.7.1 is a refusal by policy, of one recipient or of every one: relaying denied is the relay's.
      if (LOGIN_DETAILS.has(detail)) return 'transport';
      return detail === 1 && mentionsRelaying(text) ? 'transport' : 'unclear';
    default:
      return 'unclear';
  }
}

/**
 * Whether the text speaks of relaying (`Relay access denied`, `Relaying denied`, `Unable to relay`): the word on its
 * own, not within a host's name or address (`relay.example.net`, `smtp-relay…`), which a per-recipient block may quote.
 */
function mentionsRelaying(text: string): boolean {
  return text.split(/\s+/).some((word) => /^\W*relay(?:s|ed|ing)?\W*$/i.test(word));
}
