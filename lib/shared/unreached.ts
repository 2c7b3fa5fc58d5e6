/**
 * The socket errors that show a request never left: its connection was refused, or its host was not found or could
 * not be reached. After any other failure, a request that was begun may have reached the server.
 */
export const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

