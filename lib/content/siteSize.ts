import type { Problem } from '../shared/errors.js';
import { SITE_FILE } from './contentKeys.js';
import { MAX_SITE_BYTES } from './limits.js';

/** site.yml read only up to its limit: a larger one is refused unread (README "Limits"). */
export const SITE_READ = { maxBytes: MAX_SITE_BYTES };

/** The problem of a site.yml of `bytes` stored bytes, over MAX_SITE_BYTES, which the store refused to read whole. */
export function siteSizeProblem(bytes: number): Problem {
  return {
    file: SITE_FILE,
    field: 'file',
    message: `is ${bytes.toLocaleString('en')} bytes, over the limit of ${MAX_SITE_BYTES.toLocaleString('en')} bytes for site.yml`,
    fix: 'keep only the settings in it: a site.yml is a few KB',
  };
}
