import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { DeliveryError } from '../../shared/errors.js';
import type { DigestMessage } from './message.js';
import type { MailTransport } from './transport.js';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://...` (SMTP_URL). */
  url: string;
  /** Messages a second. Default: no limit. */
  rate?: number;
  /** Passed to nodemailer, e.g. `tls: { rejectUnauthorized: false }` in tests. */
  extra?: SMTPTransport.Options;
}

/** Sends the exact bytes of each message (the same as the .eml) through one pooled SMTP connection. */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  readonly listManaged = false;
  readonly rate?: number;
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(options: SmtpTransportOptions) {
    this.transporter = nodemailer.createTransport({ url: options.url, pool: true, maxConnections: 1, ...options.extra } as SMTPTransport.Options);
    if (options.rate !== undefined) this.rate = options.rate;
  }

  async send(message: DigestMessage): Promise<string> {
    try {
      const info = await this.transporter.sendMail({ envelope: { from: envelopeAddress(message.from), to: [message.recipient.address] }, raw: message.raw });
      if (info.rejected.length > 0) throw new DeliveryError(`the server refused ${message.recipient.address}`, true);
      return info.response;
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw classifySmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

function envelopeAddress(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/**
 * What an SMTP failure means for exactly-once delivery. A reply code (RFC 5321 §4.2: 4yz transient, 5yz
 * permanent) means the server refused the message: not sent. A failure to connect or log in means nothing
 * can be sent: not sent, and stop. A connection lost after the data was written leaves the outcome unknown.
 */
export function classifySmtpError(error: unknown): DeliveryError {
  const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
  const text = `SMTP: ${message ?? String(error)}`;
  if (code === 'ECONNECTION' || code === 'EAUTH' || code === 'EDNS' || code === 'ETLS' || code === 'ECONFIG') return new DeliveryError(text, true, true, { cause: error });
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600) return new DeliveryError(text, true, responseCode === 421 || responseCode === 454, { cause: error });
  if (code === 'EENVELOPE') return new DeliveryError(text, true, false, { cause: error });
  return new DeliveryError(text, false, false, { cause: error });
}
