import { createHash } from 'node:crypto';

/** The SHA-256 of the bytes, in hex: of one buffer, or of the chunks in order as one (a chunked body). */
export function sha256(body: Buffer | readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of Buffer.isBuffer(body) ? [body] : body) hash.update(part);
  return hash.digest('hex');
}
