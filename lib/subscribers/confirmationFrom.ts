import type { Site } from '../content/site.js';

/** The From of a signup's confirmation: site.yml's `digest.from`, or without one `digest@` the site's host. */
export function confirmationFrom(site: Pick<Site, 'digest' | 'host'>): string {
  return site.digest.from ?? `digest@${site.host}`;
}
