import type { Change } from './manifest.js';
import { INDEX_PAGE, STATE_DIR } from '../shared/outputLayout.js';

/**
 * Past this many paths one publish invalidates `/*` instead: CloudFront bills each path listed (a wildcard is
 * one), and refetching a small site's few hundred files from S3 costs less than listing them.
 */
export const MAX_INVALIDATION_PATHS = 30;

/**
 * Cache-Control of the RFC 5005 archive documents when every publish invalidates what it rewrote: browsers and
 * readers revalidate as often as for any feed (max-age), the CDN keeps them a day (s-maxage), not a year, because
 * a failed invalidation is logged and not retried, and a day bounds how long such a miss can serve an old copy.
 */
export const INVALIDATED_ARCHIVE_CACHE_CONTROL = 'public, max-age=300, s-maxage=86400';

/** The CDN in front of the site; a publish that changed files asks it to drop its cached copies of them. */
export interface CdnInvalidator {
  /** `reference`: unique per publish, so that a retried request is not invalidated twice. */
  invalidate(paths: readonly string[], reference: string): Promise<void>;
}

/**
 * The viewer paths of the files a publish wrote or deleted (never `_broadsheet/`, which is not served), a page
 * also under its folder's URL (`/tags/trade/` beside `/tags/trade/index.html`); `/*` past MAX_INVALIDATION_PATHS.
 */
export function invalidationPaths(changes: readonly Change[]): string[] {
  const paths = new Set<string>();
  for (const change of changes) {
    if (change.status === 'unchanged' || change.key.startsWith(STATE_DIR)) continue;
    const path = `/${change.key.split('/').map(encodeURIComponent).join('/')}`;
    paths.add(path);
    if (change.key === INDEX_PAGE || change.key.endsWith(`/${INDEX_PAGE}`)) paths.add(path.slice(0, -INDEX_PAGE.length));
  }
  if (paths.size > MAX_INVALIDATION_PATHS) return ['/*'];
  return [...paths].sort();
}
