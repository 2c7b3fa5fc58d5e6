import { withoutAddresses } from '../lib/shared/mailbox.js';

/**
 * The error a handler throws for Lambda to retry, with no address in what Lambda's runtime logs of it: the runtime
 * writes a thrown error's name, message, enumerable fields and stack as they are (its "Invoke Error" line, past the
 * logger and loggedError), and a mail service's error quotes the recipient. The error itself, its class and cause kept
 * (a cause is not enumerable, so not written), with its message, its stack's first line and its string fields as
 * loggedError writes them; a thrown value that is no object, as text without addresses.
 */
export function thrownWithoutAddresses(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? withoutAddresses(error) : error;
  const fields = error as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown };
  const quoting = (value: unknown): value is string => typeof value === 'string' && withoutAddresses(value) !== value && value.includes('@');
  const { message, stack } = fields;
  // An SDK error's message is an enumerable field too: kept so (Object.entries), and read first, for the stack.
  for (const [key, value] of Object.entries(fields)) if (quoting(value)) fields[key] = withoutAddresses(value);
  if (!quoting(message)) return error;
  const cleaned = withoutAddresses(message);
  // The stack, once read, keeps the message it was first read with: its first line (name and message) is replaced.
  const head = `${String(fields.name)}: ${message}`;
  const cleanStack = typeof stack === 'string' && stack.startsWith(head) ? `${String(fields.name)}: ${cleaned}${stack.slice(head.length)}` : `${String(fields.name)}: ${cleaned}`;
  if (!Object.hasOwn(fields, 'message') || !Object.getOwnPropertyDescriptor(fields, 'message')!.enumerable) Object.defineProperty(error, 'message', { value: cleaned, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'stack', { value: cleanStack, writable: true, configurable: true, enumerable: false });
  return error;
}
