import { fieldLines } from '../content/fieldLines.js';
import { SITE_FILE } from '../content/contentKeys.js';
import type { Site } from '../content/site.js';
import { siteListIdentifier } from '../shared/siteListIdentifier.js';
import type { Problem } from '../shared/errors.js';

/**
 * The digest's list id (RFC 2919 §2) this site.yml gives, as its List-Id header carries it: digest.listId, else the
 * one of its url (defaultListId). Undefined for a site that sends no digest (no digest.from).
 */
export function siteListId(site: Pick<Site, 'url' | 'digest'>): string | undefined {
  return site.digest.from === undefined ? undefined : siteListIdentifier(site);
}

/**
 * The list id a publish records in its manifest for the next to compare with: the site's; with no digest, the one
 * recorded before, which its subscribers had (a digest turned on again is compared with it), or null when there was
 * none at the first publish or since (no subscriber had one). Undefined while the manifest before, an older version's,
 * recorded nothing: that site may have sent digests.
 */
export function recordedListId(site: Pick<Site, 'url' | 'digest'>, previous: string | null | undefined, published: boolean): string | null | undefined {
  return siteListId(site) ?? (published ? previous : null);
}

/**
 * The warning when the digest's list id would change from `recorded`, the one the output's last publish recorded
 * (recordedListId): subscribers' mail filters match the old one. The publish records the new one, so the next says nothing. With none
 * recorded but an output `published` before (by a version that recorded none), a site under a path without
 * digest.listId may have had its host's (`digest.HOST`, every site's until each under a path got its own): the
 * warning says so without claiming it had.
 */
export function listIdChange(recorded: string | null | undefined, published: boolean, site: Pick<Site, 'url' | 'digest'>, siteText?: string): Problem | undefined {
  const problem = listIdProblem(recorded, published, site);
  // At the line of digest.listId, or of digest: without one, as site.yml's own warnings are.
  return problem && siteText !== undefined ? fieldLines(siteText, SITE_FILE)(problem) : problem;
}

function listIdProblem(recorded: string | null | undefined, published: boolean, site: Pick<Site, 'url' | 'digest'>): Problem | undefined {
  const id = siteListId(site);
  // Null: the site sent no digest before, so no subscriber filters on any id.
  if (id === undefined || id === recorded || recorded === null) return undefined;
  if (recorded !== undefined) {
    return {
      file: SITE_FILE,
      field: 'digest.listId',
      message: `the digest's List-Id changes from ${recorded}, as the last publish recorded it, to ${id}, so subscribers' mail filters on the old one stop matching, and the topics links of the digests mailed with it are refused (each names its list; their unsubscribe links still work)`,
      fix: `write listId: ${recorded} under digest: to keep the List-Id subscribers filter on; a publish records the new one, and says this no more`,
    };
  }
  const { hostname, pathname } = new URL(site.url);
  if (!published || site.digest.listId !== undefined || pathname === '/') return undefined;
  return {
    file: SITE_FILE,
    field: 'digest.listId',
    message: `is not set, and the site is under a path: its digest's List-Id is ${id}; the last publish recorded none to compare it with, and a site under a path had its host's digest.${hostname} before each had its own`,
    fix: `if subscribers' digests carried another List-Id, write listId: with it to keep it (listId: digest.${hostname} if they carried the host's), or listId: ${id} to keep this one; only one site on ${hostname} can have digest.${hostname}`,
  };
}
