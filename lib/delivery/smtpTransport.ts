import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { DeliveryError } from '../shared/errors.js';
import { parseMailbox, withoutAddresses } from '../shared/mailbox.js';
import type { DigestMessage } from './message.js';
import type { BeforeHandOver, MailTransport } from './transport.js';
import { SMTP_TIMEOUTS, type SmtpTimeouts } from './smtpTimeouts.js';
import { smtpRefusalScope, type SmtpRelayFix } from './smtpRefusalScope.js';
import { greetingRefusal } from './greetingRefusal.js';
import { RATE_KEYS } from './mailEnv.js';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://...` (SMTP_URL); its query may set nodemailer's connection options. */
  url: string;
  /** Messages a second. Default: the URL's rateLimit a rateDelta (mailEnv.ts), or no limit. */
  rate?: number;
  /**
   * Senders sending through the same login side by side (a deployment's digest-sender functions): each keeps to the
   * URL's rate divided by it, so that together they keep to it. Default 1.
   */
  senders?: number;
  timeouts?: Partial<SmtpTimeouts>;
  /** More connection options, e.g. `tls: { rejectUnauthorized: false }` in tests. */
  connection?: SMTPConnection.Options;
}

type Failure = Error & { code?: string; responseCode?: number; command?: string; response?: string };

/**
 * Sends the exact bytes of each message (the same as the .eml) over one SMTP session, kept open between
 * messages and opened again after a failure. Each failure is told apart by when it happened (see
 * classifySmtpError): before any of the message went out, or after.
 */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  readonly listManaged = false;
  readonly rate?: number;
  readonly maxSendMs: number;
  private readonly options: SMTPConnection.Options;
  private readonly auth?: { user: string; pass: string };
  private readonly where: string;
  private connection: SMTPConnection | undefined;
  /** Messages the open session has carried to an answer (accepted, or refused and the session reset). */
  private carried = 0;

  constructor(options: SmtpTransportOptions) {
    // The rate is the transport's, not the connection's (nodemailer's pool reads it; SMTPConnection would not).
    const { auth, [RATE_KEYS.limit]: limit, [RATE_KEYS.window]: window, ...fromUrl } = parseConnectionUrl(options.url) as SMTPConnection.Options & { auth?: { user?: string; pass?: string }; rateLimit?: unknown; rateDelta?: unknown };
    const timeouts = { ...SMTP_TIMEOUTS, ...options.timeouts };
    // What the URL says wins, as it did with nodemailer's createTransport.
    this.options = { connectionTimeout: timeouts.connection, greetingTimeout: timeouts.greeting, socketTimeout: timeouts.reply, dnsTimeout: timeouts.connection, logger: false, ...options.connection, ...fromUrl };
    if (auth) this.auth = { user: auth.user ?? '', pass: auth.pass ?? '' };
    const urlRate = urlRateOf(limit, window);
    const rate = options.rate ?? (urlRate === undefined ? undefined : urlRate / (options.senders ?? 1));
    if (rate !== undefined) this.rate = rate;
    this.where = `${this.options.host ?? 'localhost'}:${this.options.port ?? (this.options.secure ? 465 : 587)}`;
    // A kept session found ended within one reply (see send); then connecting, greeting, a reply to each of EHLO,
    // login, MAIL FROM, RCPT TO and DATA, the handover (the session idle meanwhile, so within one reply timeout), and
    // the reply to the data. Enforced: a session still going at its end is closed (deadline).
    this.maxSendMs = this.options.connectionTimeout! + this.options.greetingTimeout! + 8 * this.options.socketTimeout!;
  }

  async open(): Promise<void> {
    await this.connect(this.deadline());
  }

  /**
   * The end of one message's time (maxSendMs). The socket's timeout is an idle limit: a server that trickles its
   * replies (a line every few seconds, never the last) would hold the session for hours, until nodemailer's largest
   * reply (1 MB); at this deadline the session is closed instead, as a reply timeout closes it.
   */
  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.maxSendMs);
  }

  /**
   * A session kept open since an earlier message may have been ended by the server meanwhile (an idle limit, a limit
   * of messages a session: a close, a reset or a 421). Found so within one reply and before any of this message's
   * data went out, the message is sent once more over a new session: nothing of it was delivered (RFC 5321 §4.1.1.4),
   * and the run goes on rather than stop at every session the server ends.
   */
  async send(message: DigestMessage, beforeHandOver: BeforeHandOver): Promise<string> {
    const kept = this.connection !== undefined && !this.connection.destroyed && this.carried > 0;
    const deadline = this.deadline();
    const started = performance.now();
    const first: Transmission = {};
    try {
      return await this.transmit(await this.connect(deadline), message, beforeHandOver, deadline, first);
    } catch (error) {
      if (!kept || !first.endedBeforeData || performance.now() - started >= this.options.socketTimeout!) throw error;
    }
    return this.transmit(await this.connect(deadline), message, beforeHandOver, deadline);
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection || connection.destroyed) return;
    const ended = new Promise<void>((resolve) => {
      connection.once('end', resolve);
      setTimeout(resolve, 1000).unref();
    });
    connection.quit();
    await ended;
    connection.close();
  }

  /** The open session, or a new one: connected, greeted and logged in, or DeliveryError (notAttempted). */
  private async connect(deadline: AbortSignal): Promise<SMTPConnection> {
    if (this.connection && !this.connection.destroyed) return this.connection;
    this.connection = undefined;
    const connection = new SMTPConnection(this.options);
    // Every failure also reaches a callback; without a listener, an 'error' event would throw.
    connection.on('error', () => undefined);
    try {
      await within(deadline, connection, step(connection, (done) => connection.connect(done)));
      const auth = this.auth;
      if (auth && connection.allowsAuth) await within(deadline, connection, step(connection, (done) => connection.login(auth, done)));
    } catch (error) {
      connection.close();
      throw new DeliveryError(`SMTP: cannot open a session with ${this.where}: ${describe(error)}${openingFix(error)}`, 'notAttempted', { cause: error });
    }
    this.connection = connection;
    this.carried = 0;
    return connection;
  }

  private async transmit(connection: SMTPConnection, message: DigestMessage, beforeHandOver: BeforeHandOver, deadline: AbortSignal, transmission: Transmission = {}): Promise<string> {
    // The session reads the message only once the server has answered DATA with 354: from then on it may be delivered.
    let dataStarted = false;
    let handingOver = false;
    let failed = false;
    let withdrawn: unknown;
    const body = new Readable({
      read() {
        if (!dataStarted) {
          dataStarted = true;
          this.push(message.raw);
          return;
        }
        // Read again: the session has taken the whole message. Its end is the end-of-data dot, before which the
        // server delivers nothing (RFC 5321 §4.1.1.4): it waits for beforeHandOver, asked a turn of the event loop
        // later, once the session has written the rest to the socket, so that little is left to send after the
        // handover. A rejection ends the stream in error, and the session is closed below without the dot, which
        // aborts the transaction (§3.3).
        if (handingOver) return;
        handingOver = true;
        new Promise((resolve) => setImmediate(resolve)).then(() => (failed ? Promise.reject(new Error('the session failed first')) : beforeHandOver())).then(
          () => this.push(null),
          (error: unknown) => {
            withdrawn = error ?? new Error('withdrawn');
            this.destroy(withdrawn as Error);
          },
        );
      },
    });
    const envelope = { from: envelopeAddress(message.from), to: [message.recipient.address] };
    try {
      const info = await within(deadline, connection, new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) => connection.send(envelope, body, (error, info) => (error ? reject(error) : resolve(info!)))));
      if (connection === this.connection) this.carried++;
      return info.response;
    } catch (error) {
      failed = true;
      transmission.endedBeforeData = withdrawn === undefined && !dataStarted && sessionEnded(error);
      const failure = withdrawn !== undefined ? new DeliveryError(`SMTP: withdrawn before the end of the message data: ${describe(withdrawn)}`, 'notAttempted', { cause: withdrawn }) : classifySmtpError(error, dataStarted, envelope.from, message.raw.length);
      await this.afterFailure(connection, failure);
      throw failure;
    }
  }

  /** A refusal leaves the session usable once reset; anything else ends it, and the next message opens another. */
  private async afterFailure(connection: SMTPConnection, failure: DeliveryError): Promise<void> {
    if (failure.outcome === 'refused' && !connection.destroyed) {
      const reset = await step(connection, (done) => connection.reset(done)).then(() => true, () => false);
      if (reset && connection === this.connection) this.carried++;
      if (reset) return;
    }
    connection.close();
    if (this.connection === connection) this.connection = undefined;
  }
}

/**
 * Messages a second by SMTP_URL's rateLimit a rateDelta (milliseconds, 1000 when not given), as nodemailer parsed them
 * (numbers), or undefined for no limit; mailEnv.ts refused any other value before the transport was made.
 */
function urlRateOf(limit: unknown, window: unknown): number | undefined {
  if (typeof limit !== 'number' || !(limit > 0)) return undefined;
  const ms = typeof window === 'number' && window > 0 ? window : 1000;
  return (limit * 1000) / ms;
}

/** What became of one message's transmission, for send to tell whether another session may carry it. */
interface Transmission {
  /** The session ended (closed, reset, or 421) before the server asked for the message's data, which it never got. */
  endedBeforeData?: boolean;
}

/** Whether a failure is the session ending: the connection closed or reset, or 421 (the server closing it, RFC 5321 §3.8). */
function sessionEnded(error: unknown): boolean {
  const { code, responseCode } = error as Failure;
  return responseCode === 421 || (responseCode === undefined && (code === 'ECONNECTION' || code === 'ESOCKET'));
}

/**
 * `work` on the session, unless `deadline` passes first: then the session is closed (nothing more of the message goes
 * out) and the failure is a timeout's, which classifySmtpError tells as it tells a reply timeout.
 */
function within<T>(deadline: AbortSignal, connection: SMTPConnection, work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const expire = () => {
      connection.close();
      reject(Object.assign(new Error('the session went on past the time one message may take (a server trickling its replies)'), { code: 'ETIMEDOUT' }));
    };
    if (deadline.aborted) return expire();
    deadline.addEventListener('abort', expire, { once: true });
    work.then(
      (value) => {
        deadline.removeEventListener('abort', expire);
        resolve(value);
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', expire);
        reject(error);
      },
    );
  });
}

/**
 * One step of the session (connect, login, reset). A connection that fails meanwhile is reported by an event
 * only, and the step's own callback never comes: either settles it.
 */
function step(connection: SMTPConnection, start: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => settle(error);
    const onEnd = () => settle(new Error('Connection closed'));
    const settle = (error?: Error | null) => {
      connection.off('error', onError);
      connection.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    connection.once('error', onError);
    connection.once('end', onEnd);
    start(settle);
  });
}

function envelopeAddress(from: string): string {
  const parsed = parseMailbox(from);
  return parsed.ok ? parsed.mailbox.address : from.trim();
}

function describe(error: unknown): string {
  const { message, code, responseCode } = error as Failure;
  return `${message ?? String(error)}${code && !responseCode ? ` (${code})` : ''}`;
}

/**
 * What a stop for a refusal of the relay's asks the operator to fix, by what its code names (smtpRefusalScope); the
 * digest's size (`size`) by relayFix, which knows it.
 */
const RELAY_FIXES: Readonly<Record<Exclude<SmtpRelayFix, 'size'>, string>> = {
  login: "fix SMTP_URL's login",
  sender: "fix digest.from in site.yml: an address this relay lets SMTP_URL's login send from",
  auth: "digest.from's domain (site.yml) fails sender authentication: publish SPF and DKIM records in its DNS that cover this relay, aligned with its DMARC policy",
  domain: "digest.from's domain (site.yml) is not registered with the relay's account: add and verify it there, or set digest.from to an address on a domain it has",
  quota: "SMTP_URL's login has spent its sending quota: wait for it to reset, or raise it with the relay",
  blocked: "the relay has blocked or restricted sending from this account, its IP or tenant: a 4xx lifts by itself, a 5xx needs the relay's provider to lift it",
  relay: "fix the relay's settings or SMTP_URL's login",
  // nodemailer greets with SMTP_URL's `name`, else this host's name when it has a dot, else [127.0.0.1].
  helo: "the relay refuses the name this host greets it with (EHLO): set SMTP_URL's ?name= to this host's DNS name",
  // SMTP_URL's TLS: smtps:// (RFC 8314 §3.3, TLS from the first byte), or STARTTLS, which nodemailer starts when the
  // relay offers it unless the query's ignoreTLS says not to, and requireTLS makes it refuse to go on without.
  tls: "the relay takes nothing before TLS: set SMTP_URL to smtps://…:465, or to smtp:// with ?requireTLS=true and without ignoreTLS",
  // SES's SMTP 454 (it drops the message), EXO's 5.7.508 (the sending IPv6 range): a rate, lifted by waiting; the
  // transport keeps to SMTP_URL's rateLimit a rateDelta (mailEnv.ts).
  rate: "the relay takes no more messages this fast from SMTP_URL's login or this host's IP addresses: rerun later, which sends this message and the rest, and keep under the relay's limit with SMTP_URL's ?rateLimit= (messages a ?rateDelta= window of milliseconds, 1000 when left out), or lower it",
  ptr: "the IP address the relay or this host sends from has no reverse DNS (a PTR record naming a host whose address is that IP): ask whoever runs that address (the relay's provider, or this host's network) to publish one",
};

/**
 * A reply's text after its code, for smtpRefusalScope: the lines of a multiline reply (RFC 5321 §4.2.1, `550-5.7.1 …`
 * then `550 5.7.1 …`; nodemailer joins them with line breaks) as one, each later line without its code and the
 * enhanced code it repeats, so that words a line break splits (Gmail's `… multiple addresses in` / `From: header …`)
 * read as written.
 */
function replyText(response: string | undefined): string {
  return (response ?? '')
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? line.replace(/^\d{3}[ -]?/, '') : line.replace(/^\d{3}[ -]?(?:[245]\.\d{1,3}\.\d{1,3}\s+)?/, '')))
    .join(' ');
}

/**
 * What a refusal while opening the session (the greeting, EHLO, STARTTLS, the login) asks to fix, after `; `, when its
 * code names it (smtpRefusalScope: RFC 4954's 538 to AUTH, TLS required; 535, the login refused; a 421 or 554 in
 * place of the greeting, greetingRefusal); else nothing.
 */
function openingFix(error: unknown): string {
  const { responseCode, response, command } = error as Failure;
  if (typeof responseCode !== 'number' || responseCode < 400 || responseCode >= 600) return '';
  const refusal = smtpRefusalScope(responseCode, replyText(response));
  if (refusal.scope === 'transport') return `; ${relayFix(refusal.fix, undefined)}`;
  // nodemailer's command for the greeting (its answer to the connection) is CONN.
  const greeting = command === 'CONN' ? greetingRefusal(responseCode) : undefined;
  return greeting === undefined ? '' : `; ${greeting}`;
}

/** What a refusal of the relay's asks to fix; `messageBytes`, the message's size, for the digest too large. */
function relayFix(fix: SmtpRelayFix, messageBytes: number | undefined): string {
  if (fix !== 'size') return RELAY_FIXES[fix];
  const size = messageBytes === undefined ? '' : ` (${messageBytes} bytes)`;
  return `the digest's message${size} is larger than the relay takes: lower digest.maxBytes in site.yml (the budget of each of its HTML and text parts) until the message fits the relay's size limit, or raise that limit with the relay`;
}

/**
 * What an SMTP failure means for exactly-once delivery (RFC 5321 §4.2: 4yz transient, 5yz permanent).
 * `dataStarted`: the server had answered DATA and the message was being written; `sender`: the envelope sender (MAIL
 * FROM), for a reply that names it (smtpRefusalScope); `messageBytes`: the message's size, which a stop for a message
 * too large names.
 * - 421 anywhere: the server is closing the session and did not take the message: not attempted.
 * - Before the data: a refusal of the recipient (RCPT TO) or of DATA is refused; a refusal of the sender
 *   (MAIL FROM) holds for everyone, and a lost or silent connection is the transport down: not attempted.
 * - After the data: a 4yz or 5yz reply is refused; no reply (the connection dropped, or the reply timed out)
 *   leaves it unknown: the server may have kept it.
 * - A refusal whose code is about the relay, not the recipient (smtpRefusalScope: a login required or refused,
 *   relaying denied, the sender's address or domain refused, a quota or rate spent, a block, TLS required, the message
 *   too large, the sending IP's reverse DNS): every recipient would meet it,
 *   so it is the transport down, not attempted; nothing was delivered, as for any refusal. Its message names what to
 *   fix (relayFix), at MAIL FROM too. One about the recipient's address or mailbox says so (ofRecipient): it tells nothing of the transport.
 */
export function classifySmtpError(error: unknown, dataStarted: boolean, sender?: string, messageBytes?: number): DeliveryError {
  const { responseCode, command, response } = error as Failure;
  const text = `SMTP: ${describe(error)}`;
  const replied = typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600;
  if (responseCode === 421) return new DeliveryError(text, 'notAttempted', { cause: error });
  if (replied && (dataStarted || command === 'MAIL FROM' || command === 'RCPT TO' || command === 'DATA')) {
    const refusal = smtpRefusalScope(responseCode, replyText(response), sender);
    // The reply without the address it may quote (Postfix's `554 5.7.1 <ada@…>: Relay access denied`): a run's stop
    // reason is kept in its run record, which holds no address.
    if (refusal.scope === 'transport') return new DeliveryError(`SMTP: the relay refuses to send for this sender or login, whoever the recipient (${withoutAddresses(response ?? String(responseCode))}); ${relayFix(refusal.fix, messageBytes)}`, 'notAttempted', { cause: error });
    if (!dataStarted && command === 'MAIL FROM') return new DeliveryError(text, 'notAttempted', { cause: error });
    return new DeliveryError(text, 'refused', { cause: error, transient: responseCode < 500, ofRecipient: refusal.scope === 'recipient' });
  }
  return new DeliveryError(text, dataStarted ? 'unknown' : 'notAttempted', { cause: error });
}
