import { SES_MAX_SEND_MS } from './sesTimeouts.js';
import { SMTP_TIMEOUTS } from './smtpTimeouts.js';

/**
 * The longest a run can still be waiting for the mail server's answer after handing a message over, and so still
 * record it: a deployed sender ends at Lambda's 900 s maximum (serverless.yml), a CLI run at its transport's reply
 * timeout (SMTP's, or SES's with the SDK's retries). The largest, so that a resend never races the run's own answer.
 */
export const HANDOVER_WAIT_MS = Math.max(
  900_000,
  SMTP_TIMEOUTS.reply,
  SES_MAX_SEND_MS,
);
