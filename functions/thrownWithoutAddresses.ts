import { loggedText } from './loggedText.js';

/**
 * What a thrown error's stack keeps: CloudWatch Logs takes an event of up to 256 KB (PutLogEvents' quota), and the
 * runtime writes the stack as JSON, where a character takes 6 bytes at most (`\u0000`), so 32,000 characters fit
 * beside the message and the fields.
 */
const MAX_STACK_CHARS = 32_000;

/**
 * The error a handler throws for Lambda to retry, with no address, nor an address's hash, in what Lambda's runtime logs
 * of it: the runtime writes a thrown error's name, message, enumerable fields and stack as they are (its "Invoke Error"
 * line, past the logger and loggedError), a mail service's error quotes the recipient, and a storage error the key it
 * failed on, named by the address's hash. The error itself, its class and cause kept (a cause is not enumerable, so not
 * written), with its message and its string fields as loggedError writes them, and its stack without either, its
 * frames kept; a thrown value that is no object, as text without either.
 */
export function thrownWithoutAddresses(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? loggedText(error) : error;
  const fields = error as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown };
  // Text a log line would not hold as it is: it quotes an address or a hash, or is longer than a log line keeps, where
  // one may lie past the cut (loggedText cuts after replacing, so its first 1,000 characters cannot tell).
  const quoting = (value: unknown): value is string => typeof value === 'string' && loggedText(value) !== value;
  const { message, stack } = fields;
  // An SDK error's message is an enumerable field too: kept so (Object.entries), and read first, for the stack. The
  // stack, enumerable or not, is the deeper frames' only record: cleaned below, not cut to a message's length.
  for (const [key, value] of Object.entries(fields)) if (key !== 'stack' && quoting(value)) fields[key] = loggedText(value);
  if (quoting(message) && (!Object.hasOwn(fields, 'message') || !Object.getOwnPropertyDescriptor(fields, 'message')!.enumerable)) {
    Object.defineProperty(error, 'message', { value: loggedText(message), writable: true, configurable: true, enumerable: false });
  }
  if (typeof stack !== 'string') return error;
  // The stack, once read, keeps the message it was first read with: its first line (name and message), when it is
  // the message's, reads as the message now does; the rest, frames and a message reworded since, without addresses.
  const head = `${String(fields.name)}: ${message}`;
  const headed = quoting(message) && stack.startsWith(head) ? `${String(fields.name)}: ${loggedText(message)}${stack.slice(head.length)}` : stack;
  const cleanStack = loggedText(headed, MAX_STACK_CHARS);
  if (cleanStack === stack) return error;
  const enumerable = Object.getOwnPropertyDescriptor(error, 'stack')?.enumerable ?? false;
  Object.defineProperty(error, 'stack', { value: cleanStack, writable: true, configurable: true, enumerable });
  return error;
}
