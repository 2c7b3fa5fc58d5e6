import { withoutAddresses } from '../lib/shared/mailbox.js';

/**
 * The error a handler throws for Lambda to retry, with no address in what Lambda's runtime logs of it: the runtime
 * writes a thrown error's name, message, enumerable fields and stack as they are (its "Invoke Error" line, past the
 * logger and loggedError), and a mail service's error quotes the recipient. Such an error is thrown as one of the same
 * name whose message and stack hold none, the original its `cause` (not enumerable, so not written); any other as it is.
 */
export function thrownWithoutAddresses(error: unknown): unknown {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  // The message (a stack's first line is its name and message; the rest, places in the code) and the string fields.
  const quotes = [text, ...Object.values(error ?? {})].some((value) => typeof value === 'string' && value.includes('@') && withoutAddresses(value) !== value);
  if (!quotes) return error;
  const thrown = new Error(withoutAddresses(text), { cause: error });
  // Named before its stack is first read, so that the stack's first line names it too.
  Object.defineProperty(thrown, 'name', { value: typeof name === 'string' ? name : 'Error', enumerable: false, configurable: true, writable: true });
  return thrown;
}
