import { defaultListId } from './defaultListId.js';

/**
 * The list id (RFC 2919 §2) of a site's digest, the `<…>` of its List-Id, which its links also name: digest.listId,
 * else the one its url gives (defaultListId).
 */
export function siteListIdentifier(site: { url: string; digest: { listId?: string | undefined } }): string {
  return site.digest.listId ?? defaultListId(site.url);
}
