import type { LoadedContent } from '../content/loadContent.js';
import { otherSitePublish } from '../plan/otherSitePublish.js';
import { OtherSiteError } from '../shared/errors.js';
import type { PublishedSiteFeed } from './publishedSiteFeed.js';

/**
 * Throws OtherSiteError, before anything is built or written, when the output (`where`, its description) holds the
 * publish of another site (lib/plan/otherSitePublish.ts): the sample the quick start published, say. Publishing over
 * it would be refused for every id changing, then warn of its List-Id and tag feeds; none of that is this site's.
 * `feed`: the output's site feed (publishedSiteFeed), undefined when it has none.
 */
export function refuseOtherSite(feed: PublishedSiteFeed | undefined, loaded: Pick<LoadedContent, 'site' | 'keys' | 'entries' | 'index'>, where: string): void {
  if (feed === undefined) return;
  const published = { url: feed.homePageUrl, feedIds: feed.ids, entries: [...loaded.index.previous, ...loaded.index.out] };
  const url = otherSitePublish(published, { site: loaded.site, keys: loaded.keys, ids: loaded.entries.map((entry) => entry.id) });
  if (url === undefined) return;
  const elsewhere = where.startsWith('s3://') ? 'an empty prefix (--prefix NEW)' : 'an empty folder (--out NEW)';
  throw new OtherSiteError(`${where} holds the publish of another site (${url}): publish to ${elsewhere} or remove ${where} first`);
}
