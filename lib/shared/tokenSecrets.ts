/** The shortest secret accepted: a shorter one could be guessed. */
export const MIN_SECRET_LENGTH = 16;

/**
 * The secrets a secret setting holds (the links' signing key, the origin header's value): one, or, while it is being
 * rotated, several separated by white space ("NEW OLD"), each at least MIN_SECRET_LENGTH long. The first signs; a
 * link signed with any of them still works, so the links in mail already sent (one-click unsubscribe above all) keep
 * working until the old one is dropped. Here, not beside the tokens: the trigger's origin check needs it alone.
 * A value whose parts are not all that long is one secret, as written (a passphrase).
 */
export function tokenSecrets(secret: string): string[] {
  const parts = secret.split(/\s+/).filter((part) => part !== '');
  return parts.length > 1 && parts.every((part) => part.length >= MIN_SECRET_LENGTH) ? parts : [secret];
}
