import type { Site } from './site.js';

/**
 * Whether the site's pages may offer the weekly digest by email: a way to get it exists. That is the `digest:`
 * block's `subscribe` link, or its `from`, with which the site sends it and takes signups itself, or, in a `digest:`
 * block without either, a mail to `author.email` (README, "For readers"). A site.yml without a `digest:` block
 * sends none: its pages keep the archive of weeks, and promise no email.
 */
export function digestByEmail(site: Pick<Site, 'digest' | 'author'>): boolean {
  const { digest } = site;
  return digest.subscribe !== undefined || digest.from !== undefined || (digest.given === true && Boolean(site.author?.email));
}
