import { ContentError } from '../lib/shared/errors.js';
import { parseSite, SITE_FILE } from '../lib/content/site.js';
import type { Store } from '../lib/store/store.js';

/**
 * The content store, checking that site.yml's `url:` is the address this deployment serves (SITE_URL).
 * The check rides on the read publish() makes anyway, so it costs no request, and it fails before
 * anything is written: feeds whose links point at another site never reach readers.
 */
export function guardSiteUrl(content: Store, expected: string): Store {
  return {
    get description() {
      return content.description;
    },
    get requests() {
      return content.requests;
    },
    async get(key, options) {
      const bytes = await content.get(key, options);
      if (key === SITE_FILE && bytes) {
        // An invalid site.yml is left to publish(), which reports all its problems.
        const url = parseSite(bytes.toString('utf8')).site?.url;
        if (url !== undefined && url !== expected) {
          throw new ContentError([
            { file: SITE_FILE, field: 'url', message: `is ${url}, but this deployment serves ${expected}`, fix: `write url: ${expected}, or deploy with --param siteUrl=${url}` },
          ]);
        }
      }
      return bytes;
    },
    put: (key, body, options) => content.put(key, body, options),
    putIfAbsent: (key, body, options) => content.putIfAbsent(key, body, options),
    list: (prefix) => content.list(prefix),
    listPlaceholders: async (prefix) => (content.listPlaceholders ? content.listPlaceholders(prefix) : []),
    delete: (key) => content.delete(key),
  };
}
