import type { Site } from '../content/site.js';
import type { OwnWords } from '../shared/ownWords.js';
import { renderSignupForm } from './renderSignupForm.js';
import { siteSignup } from './siteSignup.js';

/** The site's own signup form on the page at `fromKey`, rendered, when the site takes signups itself (siteSignup). */
export function siteSignupForm(site: Pick<Site, 'url' | 'digest'>, fromKey: string, page: string, words: OwnWords): string | undefined {
  const form = siteSignup(site, fromKey, page);
  return form === undefined ? undefined : renderSignupForm(form, words);
}
