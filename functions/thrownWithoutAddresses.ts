import { loggedText } from './loggedText.js';

/**
 * The error a handler throws for Lambda to retry, with no address, nor an address's hash, in what Lambda's runtime logs
 * of it: the runtime writes a thrown error's name, message, enumerable fields and stack as they are (its "Invoke Error"
 * line, past the logger and loggedError), a mail service's error quotes the recipient, and a storage error the key it
 * failed on, named by the address's hash. The error itself, its class and cause kept (a cause is not enumerable, so not
 * written), with its message, its stack's first line and its string fields as loggedError writes them; a thrown value
 * that is no object, as text without either.
 */
export function thrownWithoutAddresses(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? loggedText(error) : error;
  const fields = error as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown };
  // Text a log line would not hold as it is: it quotes an address or a hash, or is longer than a log line keeps, where
  // one may lie past the cut (loggedText cuts after replacing, so its first 1,000 characters cannot tell).
  const quoting = (value: unknown): value is string => typeof value === 'string' && loggedText(value) !== value;
  const { message, stack } = fields;
  // An SDK error's message is an enumerable field too: kept so (Object.entries), and read first, for the stack.
  for (const [key, value] of Object.entries(fields)) if (quoting(value)) fields[key] = loggedText(value);
  if (!quoting(message)) return error;
  const cleaned = loggedText(message);
  // The stack, once read, keeps the message it was first read with: its first line (name and message) is replaced.
  const head = `${String(fields.name)}: ${message}`;
  const cleanStack = typeof stack === 'string' && stack.startsWith(head) ? `${String(fields.name)}: ${cleaned}${stack.slice(head.length)}` : `${String(fields.name)}: ${cleaned}`;
  if (!Object.hasOwn(fields, 'message') || !Object.getOwnPropertyDescriptor(fields, 'message')!.enumerable) Object.defineProperty(error, 'message', { value: cleaned, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'stack', { value: cleanStack, writable: true, configurable: true, enumerable: false });
  return error;
}
