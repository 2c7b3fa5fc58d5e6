import { createHmac } from 'node:crypto';

/**
 * A link's token as versions before tokens named their list made it, written here from its format rather than by
 * signToken: `payload.signature`, the payload the claims as JSON in base64url, the signature an HMAC-SHA256 of
 * "broadsheet-subscriber-token\n" and the payload under the secret, in base64url.
 */
export function unboundToken(claims: { a: string; p: 'confirm' | 'preferences' | 'unsubscribe'; e?: number; u?: number }, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(`broadsheet-subscriber-token\n${payload}`).digest('base64url')}`;
}
