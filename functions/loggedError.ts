import { ParameterError } from '../lib/shared/errors.js';
import { withoutAddresses } from '../lib/shared/mailbox.js';

/**
 * An error as a log line holds it, name and message, the message without addresses: a mail service's error quotes
 * the recipient or the sender (SES: "…failed the check in region EU-WEST-1: ada@example.org"; an SMTP reply:
 * "550 5.1.1 <ada@example.org>: unknown user").
 */
export function loggedError(error: unknown): { name: string; message: string; parameter?: string; variable?: string } {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const logged = { name: typeof name === 'string' ? name : 'Error', message: withoutAddresses(typeof message === 'string' ? message : String(error)) };
  // An SSM parameter not read: its name and the variable naming it, as fields (never its value).
  return error instanceof ParameterError ? { ...logged, parameter: error.parameter, variable: error.variable } : logged;
}
