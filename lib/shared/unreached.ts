/**
 * The socket errors that show a request never left: its connection was refused, or its host was not found or could
 * not be reached. After any other failure, a request that was begun may have reached the server.
 */
export const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** undici's connect timeout, and the system's: the socket never connected. */
const CONNECT_TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/**
 * Whether a failed fetch (undici: "fetch failed", the socket's error as its cause) never reached the server: its
 * connection was never made. A reset or a close after the connection (ECONNRESET, "other side closed") may have
 * come after the whole request was read.
 */
export function fetchNeverConnected(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
  // Several addresses tried in turn (autoSelectFamily): an AggregateError, each attempt's error in `errors`.
  const codes = [cause?.code, ...(cause?.errors ?? []).map((each) => each.code)].filter((code): code is string => typeof code === 'string');
  return codes.length > 0 && codes.every((code) => UNREACHED.has(code) || CONNECT_TIMEOUTS.has(code));
}
