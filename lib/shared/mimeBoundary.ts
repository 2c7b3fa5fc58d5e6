import { createHash } from 'node:crypto';

/**
 * The base of a message's MIME boundary: derived, so the same message is the same bytes from run to run; from its
 * parts too, so no text can be written to hold it (RFC 2046 §5.1.1: a boundary must not occur in the parts), as one
 * from the Message-ID alone could be.
 */
export function mimeBoundary(messageId: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256').update(messageId);
  for (const part of parts) hash.update('\0').update(part);
  return hash.digest('hex').slice(0, 24);
}
