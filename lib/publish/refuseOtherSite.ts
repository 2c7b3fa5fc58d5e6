import type { LoadedContent } from '../content/loadContent.js';
import { otherSitePublish } from '../plan/otherSitePublish.js';
import { OtherSiteError, type Problem } from '../shared/errors.js';
import type { PublishedSiteFeed } from './publishedSiteFeed.js';

type Loaded = Pick<LoadedContent, 'site' | 'keys' | 'entries' | 'index'>;

/**
 * The problem of an output (`where`, its description) that holds the publish of another site
 * (lib/plan/otherSitePublish.ts): the sample the quick start published, say. Publishing over it would be refused
 * for every id changing, then warn of its List-Id and tag feeds; none of that is this site's. `feed`: the output's
 * site feed (publishedSiteFeed), undefined when it has none.
 */
export function otherSiteProblem(feed: PublishedSiteFeed | undefined, loaded: Loaded, where: string): Problem | undefined {
  if (feed === undefined) return undefined;
  const published = { url: feed.homePageUrl, feedIds: feed.ids, entries: [...loaded.index.previous, ...loaded.index.out] };
  const url = otherSitePublish(published, { site: loaded.site, keys: loaded.keys, ids: loaded.entries.map((entry) => entry.id) });
  if (url === undefined) return undefined;
  const elsewhere = where.startsWith('s3://') ? 'an empty prefix (--prefix NEW)' : 'an empty folder (--out NEW)';
  return { file: where, field: where.startsWith('s3://') ? '--bucket' : '--out', message: `holds the publish of another site (${url})`, fix: `publish to ${elsewhere} or remove ${where} first` };
}

/** Throws OtherSiteError, before anything is built or written, for otherSiteProblem's output. */
export function refuseOtherSite(feed: PublishedSiteFeed | undefined, loaded: Loaded, where: string): void {
  const problem = otherSiteProblem(feed, loaded, where);
  if (problem) throw new OtherSiteError(`${problem.file} ${problem.message}: ${problem.fix}`);
}
