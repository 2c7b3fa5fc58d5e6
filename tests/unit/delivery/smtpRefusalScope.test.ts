import { describe, expect, it } from 'vitest';
import { smtpRefusalScope } from '../../../lib/delivery/smtpRefusalScope.js';
import { classifySmtpError } from '../../../lib/delivery/smtpTransport.js';

/** A failure as nodemailer's SMTP connection reports a reply to `command` (its _formatError: response, responseCode, command). */
const reply = (response: string, command = 'RCPT TO') => Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), { code: 'EENVELOPE', response, responseCode: Number(response.slice(0, 3)), command });

describe('smtpRefusalScope: whom a refusal is about (RFC 3463 enhanced codes, RFC 4954 login replies)', () => {
  it.each([
    // X.1.1–X.1.6, X.1.10: the destination's address; X.2.x: its mailbox.
    [550, '5.1.1 <a@example.org>: Recipient address rejected: User unknown', 'recipient'],
    [550, '5.1.2 Bad destination system address', 'recipient'],
    [553, '5.1.3 Bad destination mailbox address syntax', 'recipient'],
    [550, '5.1.6 Mailbox moved', 'recipient'],
    [556, '5.1.10 Recipient address has null MX', 'recipient'],
    [552, '5.2.2 Mailbox full', 'recipient'],
    [450, '4.2.1 Mailbox busy', 'recipient'],
    // The relay's (what to fix: the relay, the login, the sender's address): relaying denied, a login required or
    // refused, the sender's address (X.1.7, X.1.8).
    [550, '5.7.1 Relaying denied', 'relay'],
    [554, '5.7.1 <a@example.org>: Relay access denied', 'relay'],
    [550, '5.7.1 Unable to relay for a@example.org', 'relay'],
    [530, '5.7.0 Authentication required', 'login'],
    [530, 'Authentication required', 'login'],
    [535, '5.7.8 Authentication credentials invalid', 'login'],
    // TLS required (RFC 4954 §6's 538 5.7.11, the login's mechanism only over TLS; RFC 3207 §4's 530, Gmail's words
    // with 5.7.0): SMTP_URL's TLS, not its login, whose 530 `Authentication required` stays the login's.
    [538, '5.7.11 Encryption required for requested authentication mechanism', 'tls'],
    [538, 'Encryption required for requested authentication mechanism', 'tls'],
    [550, '5.7.11 Encryption required for requested authentication mechanism', 'tls'],
    [530, '5.7.0 Must issue a STARTTLS command first. d2e1a72fcca58-7c0ea3a1c7bsm1234567b3a.5 - gsmtp', 'tls'],
    [530, 'Must issue a STARTTLS command first', 'tls'],
    [550, '5.7.13 User account disabled', 'login'],
    [553, '5.1.7 Bad sender address syntax', 'sender'],
    [553, '5.1.8 Sender address rejected: Domain not found', 'sender'],
    [450, '4.1.8 Sender address rejected: Domain not found', 'sender'],
    // The code alone does not say: per-recipient filtering or the relay's policy; a system, a route, the protocol,
    // the relay's or one destination's (a syntax one recipient's address trips); no enhanced code at all.
    [550, '5.7.1 Message rejected by policy', 'unclear'],
    // "relay" only within a host's name says nothing of relaying: a per-recipient block must not stop every run.
    [554, '5.7.1 <a@example.org>: Recipient address rejected: blocked (see https://relay.example.net/blocked)', 'unclear'],
    [550, '5.7.1 Recipient on the suppression list of smtp-relay.example.net', 'unclear'],
    [554, '5.7.1 Service unavailable; client host blocked', 'unclear'],
    [554, '5.3.2 System not accepting network messages', 'unclear'],
    [550, '5.4.4 Unable to route', 'unclear'],
    [553, '5.5.4 Domain name required for recipient address', 'unclear'],
    [550, 'Requested action not taken: mailbox unavailable', 'unclear'],
    [554, 'Transaction failed', 'unclear'],
    [550, '5.0.0 Rejected', 'unclear'],
    // A message too large for the relay (RFC 3463 §3.4's X.3.4 per-message limit, Postfix's words; RFC 1870 §6.1's
    // SIZE reply without an enhanced code, its spelling; Gmail's 5.3.4 and its 5.2.3, answer 3726730): every message
    // of that size meets it. X.2.3 otherwise is one mailbox's limit (RFC 3463 §3.3), Exchange's for one recipient.
    [552, '5.3.4 Message size exceeds fixed limit', 'size'],
    [552, 'message size exceeds fixed maximium message size', 'size'],
    [552, "5.3.4 Your message exceeded Google's message size limits. Please visit https://support.google.com/mail/?p=MaxSizeError to view our size guidelines.", 'size'],
    [552, "5.2.3 Your message exceeded Google's message size limits. For more information, visit https://support.google.com/mail/?p=MaxSizeError", 'size'],
    [552, '5.2.3 Message length exceeds administrative limit', 'recipient'],
    [550, '5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient', 'recipient'],
    [552, "5.2.3 Message size exceeds this mailbox's message size limit", 'recipient'],
    // RFC 7372 §3: the sender's DKIM (X.7.20–22), SPF (X.7.23, X.7.24), several checks (X.7.26); its X.7.25 the
    // sending IP's reverse DNS (Gmail's and EXO's words); RFC 7505 §4.2's X.7.27, the sender's domain's null MX.
    [550, '5.7.20 No passing DKIM signature found', 'auth'],
    [550, '5.7.21 No acceptable DKIM signature found', 'auth'],
    [550, '5.7.22 No valid author-matched DKIM signature found', 'auth'],
    [550, '5.7.24 SPF validation error', 'auth'],
    [451, '4.7.24 SPF validation error', 'auth'],
    [550, '5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with missing PTR records.', 'ptr'],
    [550, '5.7.25 Access denied, the sending IPv6 address [2001:db8::1] must have a reverse DNS record', 'ptr'],
    [550, '5.7.25 Reverse DNS validation failed', 'ptr'],
    [550, '5.7.27 Sender address has null MX', 'sender'],
    // A provider's own codes (PROVIDER_CODES, each with its source): Exchange (Online) and Gmail refusing the relaying
    // client, the sender's login, account, IP or quota.
    [550, '5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF000252A1.namprd05.prod.outlook.com]', 'relay'],
    [550, '5.7.54 SMTP; Unable to relay recipient in non-accepted domain', 'relay'],
    [550, '5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM', 'login'],
    [550, '5.7.1 Client was not authenticated', 'login'],
    [550, '5.7.60 SMTP; Client does not have permissions to send as this sender', 'sender'],
    [550, '5.7.1 Client does not have permissions to send as this sender', 'sender'],
    [550, '5.7.501 Access denied, spam abuse detected', 'blocked'],
    [550, '5.7.506 Access Denied, Bad HELO', 'helo'],
    [550, '5.7.509 Access denied, sending domain [watch.example.org] does not pass DMARC verification', 'auth'],
    [550, '5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant', 'sender'],
    [550, '5.7.511 Access denied, banned sender', 'blocked'],
    [550, '5.7.606 Access denied, banned sending IP [192.0.2.1]', 'blocked'],
    // EXO's NDR reference: the EHLO, P1 or P2 sender domain banned for spam.
    [550, '5.7.800 Access denied, banned sender', 'blocked'],
    // Microsoft Learn, "Fix NDR error codes 550 5.7.703, 550 5.7.705, 550 5.7.708, and 550 5.7.750": the tenant over its
    // threshold of spam, a low-reputation IP; its domain not registered (added and validated) in the tenant.
    [550, '5.7.705 Access denied, tenant has exceeded threshold', 'blocked'],
    [550, '5.7.708 Service unavailable. Access denied, traffic not accepted from this IP', 'blocked'],
    [550, '5.7.750 Client blocked from sending from unregistered domain', 'domain'],
    [550, '5.7.750 Service unavailable. Client blocked from sending from unregistered domains', 'domain'],
    // EXO's NDR reference: `Access denied, please try again later`, sending restricted for now (suspicious activity).
    [451, '4.7.500 Access denied, please try again later', 'blocked'],
    [451, '4.7.850 Access denied, please try again later', 'blocked'],
    // EXO's NDR reference 5.1.8: the account blocked for sending spam (where RFC 3463's X.1.8 is the sender's address).
    [550, '5.1.8 Access denied, bad outbound sender', 'blocked'],
    // EXO 4.7.26: a message over IPv6 must pass SPF or DKIM.
    [451, '4.7.26 Access denied, a message sent over IPv6 [2001:db8::1] must pass either SPF or DKIM validation, this message is not signed', 'auth'],
    // Gmail's SMTP errors and codes (support.google.com/a/answer/3726730) and SMTP relay service error messages
    // (answer 6140680): relaying denied to an unregistered client, a sender account disabled, the sender's domain
    // unauthenticated, the relay's limits (daily, peak).
    [550, '5.7.0 Mail relay denied [192.0.2.1]. Invalid credentials for relay for one of the domains in: example.org (as obtained from HELO and MAIL FROM).', 'relay'],
    [550, '5.7.1 Invalid credentials for relay [192.0.2.1]. The IP address you\'ve registered in your Workspace SMTP Relay service doesn\'t match domain of the account this email is being sent from.', 'relay'],
    [550, "5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.", 'relay'],
    [550, '5.7.0 Mail Sending denied. This error occurs if the sender account is disabled or not registered within your Google Workspace domain.', 'sender'],
    [550, "5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy. Please contact the administrator of example.org domain.", 'auth'],
    [550, '5.7.26 This message does not have authentication information or fails to pass authentication checks (SPF or DKIM). To best protect our users from spam, the message has been blocked.', 'auth'],
    [550, '5.7.1 This message does not have authentication information or fails to pass authentication checks (SPF or DKIM). To best protect our users from spam, the message has been blocked.', 'auth'],
    [550, '5.7.26 This message fails to pass SPF checks for an SPF record with a hard fail policy (-all). To best protect our users from spam and phishing, the message has been blocked.', 'auth'],
    [550, '5.7.1 Unauthenticated email is not accepted from this domain.', 'auth'],
    [550, '5.7.1 Daily SMTP relay limit exceeded for customer. For more information on SMTP relay sending limits please contact your administrator.', 'quota'],
    [450, '4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary error. For more information on SMTP relay limits, please contact your administrator.', 'quota'],
    [550, '5.4.5 Daily SMTP relay limit exceeded for user. For more information on SMTP relay sending limits please contact your administrator.', 'quota'],
    [535, '5.7.1 Username and Password not accepted.', 'login'],
    // Yahoo's SMTP error codes (senders.yahooinc.com/smtp-error-codes): its 5.7.9 is the sender's domain
    // unauthenticated, where RFC 4954's is the login's mechanism too weak.
    [550, '5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.', 'auth'],
    [554, '5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes', 'unclear'],
    [534, '5.7.9 Authentication mechanism is too weak', 'login'],
    // EXO's NDR reference: 5.7.23 the sender's SPF; 5.7.1 `Delivery not authorized`, this recipient's restriction.
    [550, '5.7.23 The message was rejected because of Sender Policy Framework violation', 'auth'],
    [550, '5.7.1 Delivery not authorized, message refused', 'recipient'],
    [550, '5.7.9 Authentication mechanism is too weak', 'login'],
    [550, "5.1.90 Your message can't be sent because you've reached your daily limit for message recipients", 'quota'],
    [554, '5.2.2 Submission quota exceeded', 'quota'],
    [554, '5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'quota'],
    [554, '5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded', 'quota'],
    [550, '5.4.1 Relay Access Denied', 'relay'],
    [550, '5.4.5 Daily user sending limit exceeded', 'quota'],
    // Their codes of a recipient who refuses: a group's or mailbox's senders, no such recipient, a banned one.
    [550, '5.7.12 Sender was not authenticated by organization', 'recipient'],
    [550, '5.7.124 Sender not in allowed-senders list', 'recipient'],
    [550, '5.7.133 Sender not authenticated for group', 'recipient'],
    [550, '5.7.136 Sender was not authenticated', 'recipient'],
    // EXO's "5.7.13 or 135 Sender was not authenticated for public folder": a recipient's, beside RFC 5248's 5.7.13
    // (the login's account disabled, above).
    [550, '5.7.13 Sender was not authenticated for public folder', 'recipient'],
    [550, '5.7.504 <a@example.org>: Recipient address rejected: Access denied', 'recipient'],
    // EXO 5.4.1 `Recipient address rejected: Access denied`: Directory-Based Edge Blocking, the recipient's address does
    // not exist ("Fix NDR error 550 5.4.1 in Exchange Online"); beside its `Relay Access Denied`, the relay's.
    [550, '5.4.1 Recipient address rejected: Access denied', 'recipient'],
    [550, '5.4.1 [a@example.org]: Recipient address rejected: Access denied. AS(201806281) [SN1PEPF000252A1.namprd05.prod.outlook.com]', 'recipient'],
    // EXO 5.7.703: the sender's own tenant blocks this recipient (Tenant Allow/Block List), not every one.
    [550, "5.7.703 Your message can't be delivered because messages to a@example.org are blocked by your organization using Tenant Allow Block List.", 'recipient'],
    [550, '5.7.505 Access denied, banned recipient', 'recipient'],
    // The same codes where they mean otherwise: RFC 3463's full mailbox, a recipient the server does not know, a busy
    // server, the class the provider does not use.
    [554, '5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException', 'recipient'],
    [421, '4.4.5 Server busy, try again later', 'unclear'],
    [451, '4.7.750 Try again later', 'unclear'],
    [550, '5.7.65 Unknown detail', 'unclear'],
    [550, '5.7.510 Access denied, [example.org] does not accept email over IPv6', 'unclear'],
    // Gmail's `Email quota exceeded`: the recipient's mailbox over its storage (its SMTP errors list; Sisimai).
    [550, '5.7.1 Email quota exceeded. x1si2 - gsmtp', 'recipient'],
    // iCloud Mail's Hide My Email address closed to this sender: one recipient's, though its text names a relay.
    [550, '5.7.1 Relay not permitted for user.', 'recipient'],
    // Amazon SES's SMTP interface gives no enhanced code: its daily quota is the sender's.
    [454, 'Throttling failure: Daily message quota exceeded', 'quota'],
    // Its rate exceeded: the message dropped; the run stops, a rerun later sends the rest (AWS's quota errors page and
    // Messaging blog, "How to handle a 'Throttling – Maximum sending rate exceeded' error").
    [454, 'Throttling failure: Maximum sending rate exceeded.', 'rate'],
    // Fastmail's help, "Undelivered email": not logged in, relaying denied, in Postfix's words without an enhanced code.
    [554, '<joe@example.net>: Recipient address rejected: Relay access denied', 'relay'],
    // Gmail's 5.7.0 and 5.7.1 of a message's content or either side's policy say nothing of whom.
    [552, '5.7.0 This message was blocked because its content presents a potential security issue.', 'unclear'],
    [550, '5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent.', 'unclear'],
    [550, '5.7.513 Service unavailable, Client host [192.0.2.1] blocked by example.org using Customer Block list', 'unclear'],
  ] as const)('%i %s: %s', (code, text, of) => {
    // The relay's refusals are `transport`, each with what to fix.
    expect(smtpRefusalScope(code, text)).toEqual(of === 'recipient' || of === 'unclear' ? { scope: of } : { scope: 'transport', fix: of });
  });
});

describe("smtpRefusalScope: Amazon SES's SMTP refusal of an identity not verified, by whom it names", () => {
  // "Amazon SES email sending errors" (docs.aws.amazon.com/ses/latest/dg/troubleshoot-error-messages.html): the From
  // address (the sender's, every message meets it) or, in the sandbox, the recipient's (theirs alone).
  const notVerified = (identities: string) => `Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: ${identities}`;

  it.each([
    ['digest@watch.example.org', 'digest@watch.example.org', { scope: 'transport', fix: 'sender' }],
    ['digest@watch.example.org, ada@example.org', 'digest@watch.example.org', { scope: 'transport', fix: 'sender' }],
    ['ada@example.org', 'digest@watch.example.org', { scope: 'unclear' }],
    // An address that ends in the sender's is not the sender's.
    ['ed@example.org', 'd@example.org', { scope: 'unclear' }],
    ['digest@watch.example.org', undefined, { scope: 'unclear' }],
  ] as const)('naming %s, the sender being %s: %o', (identities, sender, refusal) => {
    expect(smtpRefusalScope(554, notVerified(identities), sender)).toEqual(refusal);
  });

  it('classifySmtpError reads the envelope sender it is given: the run stops naming digest.from', () => {
    const failure = classifySmtpError(reply(`554 ${notVerified('digest@watch.example.org')}`, 'DATA'), true, 'digest@watch.example.org');
    expect(failure.outcome).toBe('notAttempted');
    expect(failure.message).toBe("SMTP: the relay refuses to send for this sender or login, whoever the recipient (554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: <address>); fix digest.from in site.yml: an address this relay lets SMTP_URL's login send from");
    expect(classifySmtpError(reply(`554 ${notVerified('ada@example.org')}`, 'DATA'), true, 'digest@watch.example.org')).toMatchObject({ outcome: 'refused', ofRecipient: false });
  });
});

describe('classifySmtpError: a refusal of the relay is the transport down, one of a recipient is theirs', () => {
  // What each kind of the relay's refusal asks to fix: the login, digest.from, the login's quota, the relay.
  const fixes = {
    login: "fix SMTP_URL's login",
    sender: "fix digest.from in site.yml: an address this relay lets SMTP_URL's login send from",
    auth: "digest.from's domain (site.yml) fails sender authentication: publish SPF and DKIM records in its DNS that cover this relay, aligned with its DMARC policy",
    domain: "digest.from's domain (site.yml) is not registered with the relay's account: add and verify it there, or set digest.from to an address on a domain it has",
    blocked: "the relay has blocked or restricted sending from this account, its IP or tenant: a 4xx lifts by itself, a 5xx needs the relay's provider to lift it",
    quota: "SMTP_URL's login has spent its sending quota: wait for it to reset, or raise it with the relay",
    relay: "fix the relay's settings or SMTP_URL's login",
    helo: "the relay refuses the name this host greets it with (EHLO): set SMTP_URL's ?name= to this host's DNS name",
    tls: "the relay takes nothing before TLS: set SMTP_URL to smtps://…:465, or to smtp:// with ?requireTLS=true and without ignoreTLS",
    rate: "the relay takes no more messages this fast from SMTP_URL's login or this host's IP addresses: rerun later, which sends this message and the rest, and keep under the relay's limit with SMTP_URL's ?rateLimit= (messages a ?rateDelta= window of milliseconds, 1000 when left out), or lower it",
    ptr: "the IP address the relay or this host sends from has no reverse DNS (a PTR record naming a host whose address is that IP): ask whoever runs that address (the relay's provider, or this host's network) to publish one",
  } as const;

  it.each([
    // Relaying denied, the relaying client refused: the relay's settings.
    ['550 5.7.1 Relaying denied', 'RCPT TO', false, 'relay'],
    ['554 5.7.1 Relay access denied', 'DATA', false, 'relay'],
    ['550 5.7.64 TenantAttribution; Relay Access Denied', 'RCPT TO', false, 'relay'],
    // A login required, refused or not given (RFC 4954 §6; Exchange Online's 5.7.57): the login.
    ['530 5.7.0 Authentication required', 'MAIL FROM', false, 'login'],
    ['535 5.7.8 Authentication credentials invalid', 'DATA', true, 'login'],
    ['550 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM', 'RCPT TO', false, 'login'],
    // The sender's address (RFC 3463 X.1.7, X.1.8), no valid From, not one the login may send as: digest.from.
    ['553 5.1.7 Bad sender address syntax', 'MAIL FROM', false, 'sender'],
    ['550 5.1.8 Sender address rejected: Domain not found', 'RCPT TO', false, 'sender'],
    // Its domain failing DMARC, SPF or DKIM: that domain's DNS records.
    ['550 5.7.509 Access denied, sending domain [watch.example.org] does not pass DMARC verification', 'DATA', true, 'auth'],
    ["550 5.7.26 Unauthenticated email from watch.example.org is not accepted due to domain's DMARC policy.", 'DATA', true, 'auth'],
    // Its domain not registered with the relay's account (EXO 5.7.750): register it.
    ['550 5.7.750 Client blocked from sending from unregistered domain', 'MAIL FROM', false, 'domain'],
    // The account, its IP or tenant blocked (EXO): the relay's provider, or waiting.
    ['550 5.7.705 Access denied, tenant has exceeded threshold', 'RCPT TO', false, 'blocked'],
    ['451 4.7.500 Access denied, please try again later', 'RCPT TO', false, 'blocked'],
    // Gmail's relay not taking this client: its settings.
    ['550 5.7.0 Mail relay denied [192.0.2.1]', 'RCPT TO', false, 'relay'],
    ['550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant', 'DATA', true, 'sender'],
    ['550 5.7.60 SMTP; Client does not have permissions to send as this sender', 'RCPT TO', false, 'sender'],
    ['550 5.7.1 Client does not have permissions to send as this sender', 'RCPT TO', false, 'sender'],
    // The sender's quota spent: the login's, for now.
    ['550 5.1.90 You have reached your daily limit for message recipients', 'RCPT TO', false, 'quota'],
    ['554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'DATA', true, 'quota'],
    ['550 5.4.5 Daily user sending limit exceeded', 'DATA', true, 'quota'],
    ['550 5.7.1 Daily SMTP relay limit exceeded for customer', 'RCPT TO', false, 'quota'],
    ['454 Throttling failure: Daily message quota exceeded', 'MAIL FROM', false, 'quota'],
    // EXO's 5.7.506 Bad HELO: the name SMTP_URL greets with, not the relay's settings.
    ['550 5.7.506 Access Denied, Bad HELO', 'MAIL FROM', false, 'helo'],
    // TLS required before anything (RFC 3207 §4, Gmail's words), not the login: SMTP_URL's TLS.
    ['530 5.7.0 Must issue a STARTTLS command first. x1-gsmtp', 'MAIL FROM', false, 'tls'],
    // SES's rate exceeded after the data (the AWS Messaging blog): stop, a rerun later.
    ['454 Throttling failure: Maximum sending rate exceeded.', 'DATA', true, 'rate'],
    // Gmail's 5.7.1 of one address per From (its sender guidelines): every message's From, digest.from.
    ['550 5.7.1 [192.0.2.25 13] Messages with multiple addresses in From: header are not accepted. x1si2 - gsmtp', 'DATA', true, 'sender'],
    // EXO's 5.7.508: the sending IPv6 range sent too many messages too fast (its NDR reference): a rate as well.
    ['550 5.7.508 Access denied, [2001:db8::25] has exceeded permitted limits within 2001:db8::/64 range', 'RCPT TO', false, 'rate'],
    // The sending IP's reverse DNS (RFC 7372's X.7.25).
    ['550 5.7.25 The IP address sending this message does not have a PTR record setup', 'RCPT TO', false, 'ptr'],
  ] as const)('%s at %s (data started: %s): not attempted, naming the reply and what to fix (%s)', (response, command, dataStarted, fix) => {
    const failure = classifySmtpError(reply(response, command), dataStarted);
    expect(failure.outcome).toBe('notAttempted');
    expect(failure.message).toBe(`SMTP: the relay refuses to send for this sender or login, whoever the recipient (${response}); ${fixes[fix]}`);
  });

  it("reads a multiline reply's lines as one text, each without its codes: Gmail's From refusal split across two lines is digest.from's", () => {
    // As Gmail sends it (RFC 5321 §4.2.1's continuation lines) and nodemailer joins it, with a line break.
    const response = '550-5.7.1 [192.0.2.25 13] Messages with multiple addresses in\n550 5.7.1 From: header are not accepted. x1si2 - gsmtp';
    const failure = classifySmtpError(reply(response, 'DATA'), true);
    expect(failure.outcome).toBe('notAttempted');
    expect(failure.message).toBe(`SMTP: the relay refuses to send for this sender or login, whoever the recipient (${response}); ${fixes.sender}`);
    // Its quota line, split alike, stays the recipient's.
    expect(classifySmtpError(reply('550-5.7.1 Email quota\n550 5.7.1 exceeded. x1si2 - gsmtp', 'RCPT TO'), false)).toMatchObject({ outcome: 'refused', ofRecipient: true });
  });

  it("a message too large for the relay (Gmail's 552 5.2.3) stops the run naming the digest's size, in bytes, and digest.maxBytes", () => {
    const response = "552 5.2.3 Your message exceeded Google's message size limits. For more information, visit https://support.google.com/mail/?p=MaxSizeError";
    const failure = classifySmtpError(reply(response, 'DATA'), true, 'digest@watch.example.org', 31_457_280);
    expect(failure.outcome).toBe('notAttempted');
    expect(failure.message).toBe(`SMTP: the relay refuses to send for this sender or login, whoever the recipient (${response}); the digest's message (31457280 bytes) is larger than the relay takes: lower digest.maxBytes in site.yml (the budget of each of its HTML and text parts) until the message fits the relay's size limit, or raise that limit with the relay`);
    // A size not known (a caller that does not give it) is left out, not guessed.
    expect(classifySmtpError(reply('552 5.3.4 Message size exceeds fixed limit', 'DATA'), true).message).toMatch(/; the digest's message is larger than the relay takes: /);
  });

  it("a refusal of the recipient's mailbox is refused and says it is theirs; one whose code does not say is refused, theirs or not", () => {
    expect(classifySmtpError(reply('550 5.1.1 No such user'), false)).toMatchObject({ outcome: 'refused', transient: false, ofRecipient: true });
    expect(classifySmtpError(reply('450 4.2.1 Mailbox busy'), false)).toMatchObject({ outcome: 'refused', transient: true, ofRecipient: true });
    expect(classifySmtpError(reply('550 Mailbox unavailable'), false)).toMatchObject({ outcome: 'refused', transient: false, ofRecipient: false });
    expect(classifySmtpError(reply('554 5.7.1 Message rejected as spam', 'DATA'), true)).toMatchObject({ outcome: 'refused', ofRecipient: false });
  });

  it('a 421 stays the session closing, and a refused sender (MAIL FROM) the transport down, as before', () => {
    expect(classifySmtpError(reply('421 4.7.0 Too busy, closing'), false).outcome).toBe('notAttempted');
    expect(classifySmtpError(reply('550 5.1.1 No such user', 'MAIL FROM'), false).outcome).toBe('notAttempted');
  });
});
