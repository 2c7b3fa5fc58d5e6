import type { Problem } from '../shared/errors.js';
import type { Site } from '../content/site.js';

/**
 * `check`'s warning for a one-click unsubscribe URL that names its recipient by {email} alone. RFC 8058 §3.1: the URI
 * a List-Unsubscribe-Post POST goes to must be hard to forge, since the POST carries nothing else; with the address
 * alone in it, anyone who knows an address can take it off the list.
 */
export function guessableUnsubscribeWarning(site: Pick<Site, 'url' | 'digest'>): Problem | undefined {
  const template = site.digest.unsubscribe.url;
  if (site.digest.from === undefined || template === undefined || template.includes('{token}')) return undefined;
  return {
    file: 'site.yml',
    field: 'digest.unsubscribe.url',
    message: `"${template}" names the recipient by {email} alone: anyone who knows an address can unsubscribe it with one POST (RFC 8058 §3.1 asks for a one-click URI that cannot be guessed)`,
    fix: `put {token} in it, a link signed for each recipient, e.g. ${new URL(site.url).origin}/unsubscribe?token={token}; sending then needs DIGEST_UNSUBSCRIBE_SECRET`,
  };
}
