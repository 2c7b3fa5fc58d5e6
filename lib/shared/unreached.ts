/**
 * The socket errors that show a request never left: its connection was refused, or its host was not found or could
 * not be reached. After any other failure, a request that was begun may have reached the server.
 */
export const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);


/** How a connection that was never made is told: refused (ECONNREFUSED: the host answered no), else not reached. */
export function unreachedWords(code: unknown): string {
  return code === 'ECONNREFUSED' ? 'refused the connection' : 'could not be reached';
}
