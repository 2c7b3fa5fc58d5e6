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
    // The relay's: relaying denied, a login required or refused, the sender's address.
    [550, '5.7.1 Relaying denied', 'transport'],
    [554, '5.7.1 <a@example.org>: Relay access denied', 'transport'],
    [550, '5.7.1 Unable to relay for a@example.org', 'transport'],
    [530, '5.7.0 Authentication required', 'transport'],
    [530, 'Authentication required', 'transport'],
    [535, '5.7.8 Authentication credentials invalid', 'transport'],
    [538, '5.7.11 Encryption required for requested authentication mechanism', 'transport'],
    [550, '5.7.13 User account disabled', 'transport'],
    [553, '5.1.8 Sender address rejected: Domain not found', 'transport'],
    [450, '4.1.8 Sender address rejected: Domain not found', 'transport'],
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
    // A provider's own codes (PROVIDER_CODES, each with its source): Exchange (Online) and Gmail refusing the relaying
    // client, the sender's login, account, IP or quota.
    [550, '5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF000252A1.namprd05.prod.outlook.com]', 'transport'],
    [550, '5.7.54 SMTP; Unable to relay recipient in non-accepted domain', 'transport'],
    [550, '5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM', 'transport'],
    [550, '5.7.1 Client was not authenticated', 'transport'],
    [550, '5.7.60 SMTP; Client does not have permissions to send as this sender', 'transport'],
    [550, '5.7.1 Client does not have permissions to send as this sender', 'transport'],
    [550, '5.7.501 Access denied, spam abuse detected', 'transport'],
    [550, '5.7.506 Access Denied, Bad HELO', 'transport'],
    [550, '5.7.509 Access denied, sending domain [watch.example.org] does not pass DMARC verification', 'transport'],
    [550, '5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant', 'transport'],
    [550, '5.7.511 Access denied, banned sender', 'transport'],
    [550, '5.7.606 Access denied, banned sending IP [192.0.2.1]', 'transport'],
    [550, '5.7.708 Service unavailable. Access denied, traffic not accepted from this IP', 'transport'],
    [550, '5.7.750 Service unavailable. Client blocked from sending from unregistered domains', 'transport'],
    [451, '4.7.500 Access denied, please try again later', 'transport'],
    [451, '4.7.850 Access denied, please try again later', 'transport'],
    [550, "5.1.90 Your message can't be sent because you've reached your daily limit for message recipients", 'transport'],
    [554, '5.2.2 Submission quota exceeded', 'transport'],
    [554, '5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'transport'],
    [554, '5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded', 'transport'],
    [550, '5.4.1 Relay Access Denied', 'transport'],
    [550, '5.4.5 Daily user sending limit exceeded', 'transport'],
    // Their codes of a recipient who refuses: a group's or mailbox's senders, no such recipient, a banned one.
    [550, '5.7.12 Sender was not authenticated by organization', 'recipient'],
    [550, '5.7.124 Sender not in allowed-senders list', 'recipient'],
    [550, '5.7.133 Sender not authenticated for group', 'recipient'],
    [550, '5.7.136 Sender was not authenticated', 'recipient'],
    [550, '5.7.504 <a@example.org>: Recipient address rejected: Access denied', 'recipient'],
    [550, '5.7.505 Access denied, banned recipient', 'recipient'],
    // The same codes where they mean otherwise: RFC 3463's full mailbox, a recipient the server does not know, a busy
    // server, the class the provider does not use.
    [554, '5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException', 'recipient'],
    [550, '5.4.1 Recipient address rejected: Access denied', 'unclear'],
    [421, '4.4.5 Server busy, try again later', 'unclear'],
    [451, '4.7.750 Try again later', 'unclear'],
    [550, '5.7.65 Unknown detail', 'unclear'],
    [550, '5.7.510 Access denied, [example.org] does not accept email over IPv6', 'unclear'],
    [550, '5.7.513 Service unavailable, Client host [192.0.2.1] blocked by example.org using Customer Block list', 'unclear'],
  ] as const)('%i %s: %s', (code, text, scope) => {
    expect(smtpRefusalScope(code, text)).toBe(scope);
  });
});

describe('classifySmtpError: a refusal of the relay is the transport down, one of a recipient is theirs', () => {
  it('relaying denied or a login refused, at RCPT TO, at DATA or after the data: not attempted, naming the reply and the fix', () => {
    for (const [response, command, dataStarted] of [
      ['550 5.7.1 Relaying denied', 'RCPT TO', false],
      ['530 5.7.0 Authentication required', 'RCPT TO', false],
      ['554 5.7.1 Relay access denied', 'DATA', false],
      ['535 5.7.8 Authentication credentials invalid', 'DATA', true],
    ] as const) {
      const failure = classifySmtpError(reply(response, command), dataStarted);
      expect(failure.outcome, response).toBe('notAttempted');
      expect(failure.message).toBe(`SMTP: the relay refuses to send for this sender or login, whoever the recipient (${response}); fix the relay's settings or SMTP_URL's login`);
    }
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
