// Apart from the smtp transport, so that what reads them (settle's wait for a handover) loads no nodemailer.

/** How long the smtp transport waits, in milliseconds. */
export interface SmtpTimeouts {
  /** To connect, the DNS lookup included. */
  connection: number;
  /** For the server's greeting once connected. */
  greeting: number;
  /** For any one reply, the one to the end of the message data included. */
  reply: number;
}

/** Seconds, not nodemailer's minutes: a server that hangs costs one reply timeout, and the run goes on or stops. */
export const SMTP_TIMEOUTS: Readonly<SmtpTimeouts> = { connection: 10_000, greeting: 10_000, reply: 30_000 };
