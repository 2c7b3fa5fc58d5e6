import { namesAddress } from './namesAddress.js';

/**
 * Whom an SMTP refusal is about, read from its reply code and its enhanced status code:
 * - `recipient`: this recipient's address or mailbox (another recipient may well be taken);
 * - `transport`: the relay will take no message from this sender or session (its login, its permission to relay, the
 *   sender's address), so every recipient would meet it; with what its code asks to fix (SmtpRelayFix);
 * - `unclear`: the code does not say (a bare 550, RFC 5321 §4.2.3's "mailbox unavailable ... or command rejected for
 *   policy reasons"; a 5.7.1 that names no relaying, RFC 3463 §3.8's "per-host or per-recipient filtering").
 *
 * The reply code (RFC 5321 §4.2.1) says only transient or permanent. The enhanced code (RFC 3463 §2, `class.subject.
 * detail` at the start of the text, RFC 2034 §4) names the subject: X.1 addressing, whose X.1.1–X.1.6 and X.1.10
 * (RFC 7505, a null MX) are the destination's address, X.1.7 and X.1.8 the sender's; X.2 the recipient's mailbox;
 * X.3 the mail system (but X.3.4, a message over the system's size limit: every message as large meets it), X.4 the
 * network and routing, X.5 the protocol (each the relay's or one destination's: unclear); X.7 security or policy, whose
 * X.7.8, X.7.9 (RFC 4954 §6: credentials invalid, mechanism too weak), X.7.13 and X.7.14 (RFC 5248's registry: account
 * disabled, trust relationship required) concern the session's login, and X.7.11 (RFC 4954 §6: encryption required
 * for the login's mechanism) its TLS; X.7.20–X.7.26 (RFC 7372 §3) the sender's authentication: DKIM, SPF, the sending
 * IP's reverse DNS; X.7.27 (RFC 7505 §4.2) the sender's domain's null MX. RFC 4954 §6's own reply codes (530
 * authentication required, 534, 535; 538 encryption required) say the same without an enhanced code, and RFC 3207 §4's
 * `530 Must issue a STARTTLS command first` that the session must start TLS. Codes a provider gives a meaning of its
 * own (PROVIDER_CODES) are read before the subject.
 */
export type SmtpRefusalScope = 'recipient' | 'transport' | 'unclear';

/**
 * What a `transport` refusal asks to fix: `login`, SMTP_URL's login (required, refused, disabled); `sender`, the
 * sender's address, site.yml's `digest.from` (refused, not one the login may send as, no valid From); `auth`, the
 * authentication of digest.from's domain in its DNS (SPF, RFC 7208; DKIM, RFC 6376; DMARC, RFC 7489), failing;
 * `domain`, digest.from's domain not one the relay's account has registered (added and verified); `quota`, the
 * sender's sending quota, spent for now; `blocked`, the relay's block or restriction of the sending account, its IP or
 * tenant (for spam or a low reputation), lifted by waiting (a 4xx) or by the relay's provider; `relay`, the relay's
 * settings (relaying denied, the client's IP or connector); `helo`, the name the client greets with (EHLO); `tls`, SMTP_URL's TLS (the relay takes nothing, or
 * no login, before it); `size`, the digest's size (over the relay's limit for any message); `rate`, the sender's
 * sending rate (its login's, or its IP range's), exceeded for now (a rerun later sends the rest; SMTP_URL's rateLimit keeps
 * under it); `ptr`, the reverse DNS (PTR record) of the IP address
 * the relay or this host sends from.
 */
export type SmtpRelayFix = 'login' | 'sender' | 'auth' | 'domain' | 'quota' | 'blocked' | 'relay' | 'helo' | 'tls' | 'size' | 'rate' | 'ptr';

/** Whom a refusal is about and, where it is the relay's, what to fix. */
export type SmtpRefusal = { readonly scope: 'recipient' | 'unclear' } | { readonly scope: 'transport'; readonly fix: SmtpRelayFix };

/** RFC 4954 §6: authentication required, mechanism too weak, credentials invalid. */
const LOGIN_REPLY_CODES = new Set([530, 534, 535]);
/** RFC 3463 X.7.x details about the session's login (RFC 4954 §6, RFC 5248). */
const LOGIN_DETAILS = new Set([8, 9, 13, 14]);
/** RFC 7372 §3.1, §3.2, §3.4: X.7.20–X.7.22 no passing, acceptable or author-matched DKIM signature, X.7.23 SPF validation failed, X.7.24 an SPF validation error, X.7.26 multiple authentication checks failed. */
const AUTHENTICATION_DETAILS = new Set([20, 21, 22, 23, 24, 26]);
/** RFC 3463 X.1.x details about the destination's address (X.1.10: RFC 7505). */
const DESTINATION_ADDRESS_DETAILS = new Set([1, 2, 3, 4, 5, 6, 10]);

/** One code, or a range of details, a provider documents; `when`: the words, where its code means two things. */
interface ProviderCode {
  /** 4 or 5; either, when not given. */
  readonly klass?: 4 | 5;
  readonly subject: number;
  readonly details: readonly [from: number, to: number];
  /** `recipient`; `unclear`, where the provider's meaning names no one its subject would; or a `transport` fix. */
  readonly of: 'recipient' | 'unclear' | SmtpRelayFix;
  readonly when?: (text: string) => boolean;
}

/**
 * Codes whose meaning a provider documents beyond RFC 3463's subject, read first, in order (the first that fits).
 * EXO: Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange Online" (troubleshoot/exchange/email-
 * delivery/ndr/non-delivery-reports-in-exchange-online) and its pages per code (…/ndr/fix-error-code-…). Gmail: "Gmail
 * SMTP errors and codes" (support.google.com/a/answer/3726730) and "SMTP relay service error messages"
 * (support.google.com/a/answer/6140680). Yahoo: "SMTP Error Codes" (senders.yahooinc.com/smtp-error-codes).
 */
const PROVIDER_CODES: readonly ProviderCode[] = [
  // EXO 5.7.64 `TenantAttribution; Relay Access Denied`: the tenant's inbound connector no longer matches the server
  // relaying through it (its certificate or IP address; Microsoft KB 3212877).
  { subject: 7, details: [64, 64], of: 'relay' },
  // Exchange's receive connector, `5.7.54 SMTP; Unable to relay recipient in non-accepted domain`: the connector does not
  // let this client relay (Microsoft Q&A 305565: its Ms-Exch-SMTP-Accept-Any-Recipient permission; Sisimai: norelaying).
  { subject: 7, details: [54, 54], of: 'relay' },
  // EXO 5.7.57 `Client was not authenticated to send anonymous mail during MAIL FROM`, and its 5.7.1 `Client was not
  // authenticated`: the login.
  { subject: 7, details: [57, 57], of: 'login' },
  // EXO 5.7.60, Exchange's 5.7.1 (its SendAsDenied reply) `Client does not have permissions to send as this sender`:
  // the login may not send as digest.from.
  { subject: 7, details: [60, 60], of: 'sender' },
  { subject: 7, details: [1, 1], of: 'login', when: (text) => /\bclient was not authenticated\b/i.test(text) },
  { subject: 7, details: [1, 1], of: 'sender', when: (text) => /\bpermissions to send as\b/i.test(text) },
  // iCloud Mail, `550 5.7.1 Relay not permitted for user`: a Hide My Email address (privaterelay.appleid.com) whose
  // user turned its forwarding off, or that takes mail only from senders registered with Apple; one recipient's, where
  // a 5.7.1 naming relaying is the relay's (Apple documents no list of codes; Spam Resource, "Help! All mail to
  // privaterelay.appleid.com users is bouncing!"; TamingDNS's Apple bounce decoder).
  { subject: 7, details: [1, 1], of: 'recipient', when: (text) => /\brelay not permitted for user\b/i.test(text) },
  // Gmail's SMTP relay, `550 5.7.1 Daily SMTP relay limit exceeded for customer`, `450 4.2.1 Peak SMTP relay limit
  // exceeded for customer` (a temporary error): the sender's quota, where a 5.7.1 naming relaying is relaying denied
  // and X.2.1 the recipient's mailbox.
  { subject: 7, details: [1, 1], of: 'quota', when: (text) => /\bSMTP relay limit exceeded\b/i.test(text) },
  { subject: 2, details: [1, 1], of: 'quota', when: (text) => /\bSMTP relay limit exceeded\b/i.test(text) },
  // Gmail's SMTP relay, `550 5.7.0 Mail relay denied`: the sending client's IP or domain is not registered in the
  // Workspace account's SMTP relay setting, or its HELO and MAIL FROM name none of its domains (answer 6140680).
  { subject: 7, details: [0, 0], of: 'relay', when: (text) => /\bmail relay denied\b/i.test(text) },
  // Gmail, `550 5.7.0 Mail Sending denied`: the sender's account is disabled or not registered in the Workspace domain.
  { subject: 7, details: [0, 0], of: 'sender', when: (text) => /\bmail sending denied\b/i.test(text) },
  // Gmail's 5.7.1 beside its 5.7.26 (RFC 7372's, read by subject below) `This message does not have authentication
  // information or fails to pass authentication checks (SPF or DKIM)`, and `Unauthenticated email is not accepted from
  // this domain`: digest.from's domain's authentication.
  { subject: 7, details: [1, 1], of: 'auth', when: (text) => /\bfails to pass authentication checks\b|\bunauthenticated email is not accepted\b/i.test(text) },
  // Yahoo 5.7.9, `This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to
  // authenticate with either SPF or DKIM`, where RFC 4954's 5.7.9 is the login's mechanism too weak.
  { klass: 5, subject: 7, details: [9, 9], of: 'auth', when: (text) => /\bsender is unauthenticated\b|\b(?:SPF|DKIM|DMARC)\b/.test(text) },
  // Yahoo's `554 5.7.9 Message not accepted for policy reasons`: its policy, of the message or the sender, not the login.
  { klass: 5, subject: 7, details: [9, 9], of: 'unclear', when: (text) => /\bnot accepted for policy reasons\b/i.test(text) },
  // Gmail, `550 5.7.1 Email quota exceeded`: among its errors of mail to Gmail accounts ("Gmail SMTP errors and codes",
  // answer 3726730), the recipient's mailbox over its storage, as its `452 4.2.2`/`552 5.2.2 … is over quota` (Sisimai's
  // copy of that list reads it so, rhost/google.rb: mailboxfull); not the sender's, which Gmail gives as 5.4.5.
  { subject: 7, details: [1, 1], of: 'recipient', when: (text) => /\bemail quota exceeded\b/i.test(text) },
  // Gmail, `550 5.7.1 Messages with multiple addresses in From: header are not accepted` (answer 3726730; its "Email
  // sender guidelines", answer 81126, p=RfcMessageNonCompliant: one address in From): every message's From, digest.from.
  { subject: 7, details: [1, 1], of: 'sender', when: (text) => /\bmultiple addresses in From: header\b/i.test(text) },
  // EXO 5.7.1 `Delivery not authorized`: the sender may not send to this recipient (a group taking mail from its
  // members or allowed senders only), or a transport rule refused the message.
  { subject: 7, details: [1, 1], of: 'recipient', when: (text) => /\bdelivery not authorized\b/i.test(text) },
  // EXO 5.7.703 `Your message can't be delivered because messages to <recipients> are blocked by your organization
  // using Tenant Allow Block List`: the sender's own tenant blocks this recipient or its domain, not every one.
  { klass: 5, subject: 7, details: [703, 703], of: 'recipient' },
  // EXO 5.7.750 `Client blocked from sending from unregistered domain`: digest.from's domain is not an accepted and
  // validated domain of the tenant ("Fix NDR error codes 550 5.7.703, 550 5.7.705, 550 5.7.708, and 550 5.7.750":
  // add and validate it).
  { klass: 5, subject: 7, details: [750, 750], of: 'domain' },
  // EXO: the sending account banned (5.7.501–503), the sending IP banned (5.7.511, 5.7.606–649), the tenant banned
  // from sending (5.7.700–749: 5.7.705 over its threshold of spam, 5.7.708 a low-reputation IP), the sender's domain
  // (of its EHLO, MAIL FROM or From) banned for spam (5.7.800 `Access denied, banned sender`); 5.1.8 `Access denied,
  // bad outbound sender` (the account blocked for sending spam, where X.1.8 is the sender's address); 4.7.500–699,
  // 4.7.850–899 `Access denied, please try again later` (the sender's or its IP's sending restricted for now).
  { klass: 5, subject: 7, details: [501, 503], of: 'blocked' },
  { klass: 5, subject: 7, details: [511, 511], of: 'blocked' },
  { klass: 5, subject: 7, details: [606, 649], of: 'blocked' },
  { klass: 5, subject: 7, details: [700, 749], of: 'blocked' },
  { klass: 5, subject: 7, details: [800, 800], of: 'blocked' },
  { klass: 5, subject: 1, details: [8, 8], of: 'blocked', when: (text) => /\bbad outbound sender\b/i.test(text) },
  { klass: 4, subject: 7, details: [500, 699], of: 'blocked' },
  { klass: 4, subject: 7, details: [850, 899], of: 'blocked' },
  // EXO, of every message this client sends: 5.7.506 `Bad HELO` (the name it greets with: SMTP_URL's `name`), 5.7.508
  // `Access denied, [$SenderIPAddress] has exceeded permitted limits within $range range` ("the sender's IPv6 range has
  // attempted to send too many messages in too short a time period": its rate), 5.7.509 the From domain failing DMARC,
  // 5.7.512 no valid From address.
  { klass: 5, subject: 7, details: [506, 506], of: 'helo' },
  { klass: 5, subject: 7, details: [508, 508], of: 'rate' },
  { klass: 5, subject: 7, details: [509, 509], of: 'auth' },
  { klass: 5, subject: 7, details: [512, 512], of: 'sender' },
  // Gmail, `552 5.2.3 Your message exceeded Google's message size limits`: a limit of every message it takes, where
  // RFC 3463's X.2.3 is one mailbox's limit (Exchange's `RecipSizeLimit; message too large for this recipient`).
  { subject: 2, details: [3, 3], of: 'size', when: (text) => /\bexceeded Google's message size limits\b/i.test(text) },
  // EXO 5.1.90: the sender's daily limit of recipients reached.
  { subject: 1, details: [90, 90], of: 'quota' },
  // EXO 5.2.2 `Submission quota exceeded`, and SMTP submission's `554 5.2.0 STOREDRV.Submission.Exception:
  // SubmissionQuotaExceededException` (the login's daily recipients) and `554 5.2.2 mailbox full; STOREDRV.Submission.
  // Exception:QuotaExceededException…` (its own mailbox full, by its Sent Items; Microsoft, "Message storage and
  // concurrent connection throttling for SMTP Authenticated Submission"): the sender's, where RFC 3463's X.2.x is the
  // recipient's mailbox, and Exchange's `STOREDRV.Deliver` the recipient's too.
  { subject: 2, details: [0, 2], of: 'quota', when: (text) => /\bSTOREDRV\.Submission\b|\bsubmission ?quota\b/i.test(text) },
  // EXO 5.4.1 has two meanings, told by their words: `Relay Access Denied`, the server takes no mail for the
  // recipient's domain from this client; `Recipient address rejected: Access denied`, Directory-Based Edge Blocking
  // refusing an address its tenant does not have ("Fix NDR error 550 5.4.1 in Exchange Online": "the recipient's email
  // address is invalid").
  { subject: 4, details: [1, 1], of: 'relay', when: mentionsRelaying },
  { subject: 4, details: [1, 1], of: 'recipient', when: (text) => /\brecipient address rejected: access denied\b/i.test(text) },
  // Gmail 5.4.5 `Daily sending quota exceeded` (`Daily user sending limit exceeded`, `Daily SMTP relay limit exceeded
  // for user`): the sender's; its 4.4.5 is a busy server, RFC 3463's congestion.
  { klass: 5, subject: 4, details: [5, 5], of: 'quota' },
  // EXO: the recipient refuses this sender: 5.7.12 (takes no mail from outside its organization), 5.7.124 (a group's
  // allowed senders), 5.7.133–136 (a group, mailbox, public folder or mail user taking none from outside), 5.7.504
  // (`Recipient address rejected: Access denied`: no such recipient), 5.7.505 (`banned recipient`), and its 5.7.13
  // `Sender was not authenticated for public folder` (the NDR reference's "5.7.13 or 135"), told by its words from
  // RFC 5248's X.7.13, the login's account disabled.
  { subject: 7, details: [13, 13], of: 'recipient', when: (text) => /\bnot authenticated for public folder\b/i.test(text) },
  { subject: 7, details: [12, 12], of: 'recipient' },
  { subject: 7, details: [124, 124], of: 'recipient' },
  { subject: 7, details: [133, 136], of: 'recipient' },
  { klass: 5, subject: 7, details: [504, 505], of: 'recipient' },
];

/**
 * Replies a provider documents without an enhanced code (RFC 2034 leaves it to the server), by their code and words.
 * Amazon SES's SMTP interface, "Errors related to the sending quotas for your Amazon SES account"
 * (docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html): `454 Throttling failure: Daily message quota
 * exceeded`, the account's quota; `454 Throttling failure: Maximum sending rate exceeded`, the account's rate, SES
 * dropping the message (retried "at a later time", the AWS Messaging blog's "How to handle a 'Throttling – Maximum
 * sending rate exceeded' error"; "wait for an interval of up to 10 minutes", the quota errors' page): the run stops, and
 * a rerun later sends the rest, rather than each next message meet it; "Amazon SES email sending errors"
 * (…/troubleshoot-error-messages.html): `554 Message rejected:
 * Email address is not verified. The following identities failed the check in region …: <identities>`, the sender's
 * when it names the envelope sender itself (the sandbox names an unverified recipient alike, theirs; as SesTransport
 * reads SES's MessageRejected). Fastmail, "Undelivered email" (fastmail.com/help/send/undeliverable.html): `554
 * <address>: Recipient address rejected: Relay access denied`, "you're not using authenticated SMTP" (Postfix's
 * reject_unauth_destination): relaying denied. The SIZE extension's (RFC 1870) `552 message size exceeds fixed
 * maximium message size` (its spelling): a limit of every message.
 */
function providerText(responseCode: number, text: string, sender: string | undefined): SmtpRefusal | undefined {
  if (responseCode === 454 && /^\s*Throttling failure: Daily message quota exceeded\b/i.test(text)) return relay('quota');
  if (responseCode === 454 && /^\s*Throttling failure: Maximum sending rate exceeded\b/i.test(text)) return relay('rate');
  if (responseCode === 552 && /\bmessage size exceeds fixed maxim/i.test(text)) return relay('size');
  if (responseCode === 554 && /\bRecipient address rejected: Relay access denied\b/i.test(text)) return relay('relay');
  if (responseCode === 554 && sender && /^\s*Message rejected: Email address is not verified\b/i.test(text) && namesAddress(text, sender)) return relay('sender');
  return undefined;
}

/**
 * `text`: the reply's text after its code, where an enhanced code comes first (`5.7.1 Relaying denied`); `sender`: the
 * envelope sender's address (MAIL FROM), for a reply that names it.
 */
export function smtpRefusalScope(responseCode: number, text: string, sender?: string): SmtpRefusal {
  // RFC 3207 §4's words (Gmail's `530 5.7.0 Must issue a STARTTLS command first`), under RFC 4954's 530; and 538.
  if ((responseCode === 530 && /\bmust issue a STARTTLS command first\b/i.test(text)) || responseCode === 538) return relay('tls');
  if (LOGIN_REPLY_CODES.has(responseCode)) return relay('login');
  const enhanced = /^\s*([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
  if (!enhanced) return providerText(responseCode, text, sender) ?? UNCLEAR;
  const klass = Number(enhanced[1]);
  const subject = Number(enhanced[2]);
  const detail = Number(enhanced[3]);
  const provider = PROVIDER_CODES.find((code) => (code.klass ?? klass) === klass && code.subject === subject && detail >= code.details[0] && detail <= code.details[1] && (code.when?.(text) ?? true));
  if (provider) return provider.of === 'recipient' ? RECIPIENT : provider.of === 'unclear' ? UNCLEAR : relay(provider.of);
  switch (subject) {
    case 1:
      // X.1.7 bad sender's mailbox address syntax, X.1.8 bad sender's system address (RFC 3463 §3.2): digest.from.
      return DESTINATION_ADDRESS_DETAILS.has(detail) ? RECIPIENT : detail === 7 || detail === 8 ? relay('sender') : UNCLEAR;
    case 2:
      return RECIPIENT;
    case 3:
      // X.3.4 Message too big for system (RFC 3463 §3.4): "larger than per-message size limit"; Gmail's 552 5.3.4.
      return detail === 4 ? relay('size') : UNCLEAR;
    case 7:
      // X.7.1 is a refusal by policy, of one recipient or of every one: relaying denied is the relay's.
      if (LOGIN_DETAILS.has(detail)) return relay('login');
      if (detail === 11) return relay('tls');
      // RFC 7372: EXO's 5.7.23 `… Sender Policy Framework violation`, 4.7.26 `… must pass either SPF or DKIM
      // validation`; Gmail's 5.7.26 `Unauthenticated email from <domain> is not accepted due to domain's DMARC policy`,
      // `… fails to pass SPF checks for an SPF record with a hard fail policy (-all)`.
      if (AUTHENTICATION_DETAILS.has(detail)) return relay('auth');
      // RFC 7372 §3.3 X.7.25 Reverse DNS validation failed: Gmail's `550 5.7.25 The IP address sending this message
      // does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP`
      // (answer 3726730), EXO's `5.7.25 Access denied, the sending IPv6 address … must have a reverse DNS record`.
      if (detail === 25) return relay('ptr');
      // RFC 7505 §4.2 X.7.27 Sender address has null MX: digest.from's domain takes no mail.
      if (detail === 27) return relay('sender');
      return detail === 1 && mentionsRelaying(text) ? relay('relay') : UNCLEAR;
    default:
      return UNCLEAR;
  }
}

const RECIPIENT: SmtpRefusal = { scope: 'recipient' };
const UNCLEAR: SmtpRefusal = { scope: 'unclear' };

function relay(fix: SmtpRelayFix): SmtpRefusal {
  return { scope: 'transport', fix };
}

/**
 * Whether the text speaks of relaying (`Relay access denied`, `Relaying denied`, `Unable to relay`): the word on its
 * own, not within a host's name or address (`relay.example.net`, `smtp-relay…`), which a per-recipient block may quote.
 */
function mentionsRelaying(text: string): boolean {
  return text.split(/\s+/).some((word) => /^\W*relay(?:s|ed|ing)?\W*$/i.test(word));
}
