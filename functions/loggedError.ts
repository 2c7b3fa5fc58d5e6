import { withoutAddresses } from '../lib/shared/mailbox.js';

/**
 * An error as a log line holds it, name and message, the message without addresses: a mail service's error quotes
 * the recipient or the sender (SES: "…failed the check in region EU-WEST-1: ada@example.org"; an SMTP reply:
 * "550 5.1.1 <ada@example.org>: unknown user").
 */
export function loggedError(error: unknown): { name: string; message: string } {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return { name: typeof name === 'string' ? name : 'Error', message: withoutAddresses(typeof message === 'string' ? message : String(error)) };
}
