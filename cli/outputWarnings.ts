import type { DateTime } from 'luxon';
import type { LoadedContent } from '../lib/content/loadContent.js';
import { SITE_FILE } from '../lib/content/contentKeys.js';
import { futureUpdates } from '../lib/plan/futureUpdates.js';
import { listIdChange } from '../lib/plan/listIdChange.js';
import { planSite } from '../lib/plan/sitePlan.js';
import { takenDown } from '../lib/plan/takenDown.js';
import { unfedCorrections } from '../lib/plan/unfedCorrections.js';
import { unfedEntries } from '../lib/plan/unfedEntries.js';
import { withWarnedBefore } from '../lib/plan/warnedBefore.js';
import { zoneMovedDates } from '../lib/plan/zoneMovedDates.js';
import { hasPublished, type StoredManifest } from '../lib/publish/manifest.js';
import type { Problem } from '../lib/shared/errors.js';
import type { Store } from '../lib/store/store.js';
import { deletedTagFeedWarnings } from './deletedTagFeedWarnings.js';
import { idChangeWarnings } from './idChangeWarnings.js';
import { publishedSiteFeed } from '../lib/publish/publishedSiteFeed.js';
import { otherSiteProblem } from '../lib/publish/refuseOtherSite.js';
import { publishDateWarnings } from './publishDateWarnings.js';

export interface OutputWarningsOptions {
  /** The output's manifest (readManifest). */
  manifest: StoredManifest;
  /** site.yml as written, which the List-Id warning quotes (ContentScan.siteText). */
  siteText?: string | undefined;
  /** The weeks known to hold a confirmed send, kept by a caller that compares again (publishDateWarnings). */
  confirmedWeeks?: Set<string>;
  /** When given, the id changes a publish refuses go into it, as problems, rather than among the warnings (check --out). */
  refusedIds?: Problem[];
  /** When given, an output holding another site's publish, which a publish refuses, goes into it rather than the warnings. */
  refusedOutput?: Problem[];
}

/**
 * `check --out` and `preview --out`: the warnings a publish to `output` at `now` gives, of the valid entries as a
 * publish --skip-invalid sees them: a published entry made invalid (taken down), dates a timezone change moves, ids
 * changed, dates held back or in a mailed week, tag feeds deleted, corrections dated after `now`, the List-Id changed,
 * entries added and corrections made that no live feed carries; or, alone, an output holding another site's publish. `loaded`: the content read through the output's entry index
 * (LoadOptions.cacheStore). None when site.yml has problems: there is nothing to plan. Writes nothing.
 */
export async function outputWarnings(loaded: LoadedContent, output: Store, now: DateTime, options: OutputWarningsOptions): Promise<Problem[]> {
  if (loaded.problems.some((problem) => problem.file === SITE_FILE)) return [];
  const { manifest } = options;
  // An output holding another site's publish: what a publish would say of it is all there is to say.
  const feed = loaded.index.madeForThisContext ? undefined : await publishedSiteFeed(output);
  const otherSite = otherSiteProblem(feed, loaded, output.description);
  if (otherSite) {
    options.refusedOutput?.push(otherSite);
    return options.refusedOutput ? [] : [otherSite];
  }
  // The files a publish killed after writing the entry index warned of, as a publish reads them (lib/publish/loadAndPlan.ts).
  const seen = { ...loaded, before: withWarnedBefore(loaded.before, manifest.warnedBefore, loaded.keys) };
  const compared = await Promise.all([idChangeWarnings(loaded, output, manifest, now, feed, options.refusedIds), publishDateWarnings(seen, output, now, options.confirmedWeeks), deletedTagFeedWarnings(loaded, output, now)]);
  const listId = listIdChange(manifest.listId, hasPublished(manifest), loaded.site, options.siteText);
  const plan = planSite(loaded.site, loaded.entries, now);
  const unfed = unfedEntries(plan, manifest.manifest);
  return [
    ...takenDown(seen, now),
    ...[zoneMovedDates(loaded, now, manifest.zoneMoved) ?? []].flat(),
    ...compared.flat(),
    ...futureUpdates(loaded.entries, now, loaded.site.timezone),
    ...(listId ? [listId] : []),
    ...unfed,
    ...unfedCorrections(plan, loaded.before.entries, manifest.manifest),
  ];
}
