import type { Site } from '../content/site.js';
import type { Problem } from '../shared/errors.js';
import { tagUriParts } from '../shared/tagGrammar.js';
import { withAllowIdChange, type AllowingCommand } from './withAllowIdChange.js';

/**
 * The one problem when the entries published under `publishedId`'s tagging entity (`tag:HOST,DATE:`) would get
 * another from `site` (its url's host or idHost, its idDate): every entry's id changes at once, so every reader would
 * show every entry again as new. Undefined when the entity is the same, or `publishedId` is no tag: id. `by`: the
 * command that reports it, which the fix names (withAllowIdChange).
 */
export function idPrefixChange(publishedId: string, site: Pick<Site, 'host' | 'idHost' | 'idDate'>, by: AllowingCommand = 'publish'): Problem | undefined {
  const parts = tagUriParts(publishedId);
  if (!parts) return undefined;
  const { host, date } = parts;
  const nowHost = site.idHost.toLowerCase();
  if (host === nowHost && date === site.idDate) return undefined;
  const message = `the published entries have ids tag:${host},${date}:…, and this site.yml would give them tag:${nowHost},${site.idDate}:…, so every reader would show each entry again as new`;
  const orAllow = `or ${withAllowIdChange(by)} to give every entry a new id`;
  if (date !== site.idDate) return { file: 'site.yml', field: 'idDate', message, fix: `write idDate: "${date}" back, ${orAllow}` };
  // A site moved to another host keeps the host its entries were published under.
  const field = site.idHost === site.host ? 'url' : 'idHost';
  return { file: 'site.yml', field, message, fix: `${field === 'url' ? 'add' : 'write'} idHost: ${host} to site.yml to keep the ids, ${orAllow}` };
}
