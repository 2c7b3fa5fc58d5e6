import { ParameterError } from '../lib/shared/errors.js';
import { loggedText } from './loggedText.js';

/**
 * An error as a log line holds it, name and message, the message without addresses: a mail service's error quotes
 * the recipient or the sender (SES: "…failed the check in region EU-WEST-1: ada@example.org"; an SMTP reply:
 * "550 5.1.1 <ada@example.org>: unknown user"); and without an address's hash, which a storage error quotes in the key
 * it failed on (loggedText).
 */
export function loggedError(error: unknown): { name: string; message: string; parameter?: string; variable?: string; transient?: boolean } {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const logged = { name: typeof name === 'string' ? name : 'Error', message: loggedText(typeof message === 'string' ? message : String(error)) };
  // An SSM parameter not read: its name and the variable naming it, as fields (never its value), and whether the next
  // read may work (`transient: false` is a setup to fix, which serverless.yml's SubscribeConfigErrors filter counts).
  return error instanceof ParameterError ? { ...logged, parameter: error.parameter, variable: error.variable, transient: error.transient } : logged;
}

