import type { Site } from '../content/site.js';
import type { SignupForm } from './renderSignupForm.js';
import { subscribeHref } from './subscribeHref.js';

/**
 * The site's own signup form for every entry on the page at `fromKey` (`page`: its path, recorded with the consent),
 * when the site takes signups itself: it sends the digest (`digest.from`) and names no other signup page
 * (`digest.subscribe`, which then takes its place). Undefined otherwise. Every page that offers the form asks here.
 */
export function siteSignup(site: Pick<Site, 'url' | 'digest'>, fromKey: string, page: string): SignupForm | undefined {
  if (site.digest.from === undefined || site.digest.subscribe !== undefined) return undefined;
  return { action: subscribeHref(site.url, fromKey), page };
}
