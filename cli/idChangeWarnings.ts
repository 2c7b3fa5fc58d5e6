import type { DateTime } from 'luxon';
import type { LoadedContent } from '../lib/content/loadContent.js';
import { findIdChanges, heldBackIdChanges, idChangeProblem } from '../lib/plan/idChanges.js';
import { likelyRenames } from '../lib/plan/likelyRenames.js';
import { publishedSiteFeed, type PublishedSiteFeed } from '../lib/publish/publishedSiteFeed.js';
import { refuseIdPrefixChange } from '../lib/publish/refuseIdPrefixChange.js';
import type { Problem } from '../lib/shared/errors.js';
import type { Store } from '../lib/store/store.js';
import { hasPublished, type StoredManifest } from '../lib/publish/manifest.js';
import { parseNow } from './now.js';

/**
 * `check --out`/`--bucket`: the entries a publish to that output would refuse for a changed id, those it will refuse
 * when their date comes (heldBackIdChanges), and those that look renamed with their url changed
 * (lib/plan/likelyRenames.ts), as warnings.
 * `loaded`: the content read through the output's entry index (LoadOptions.cacheStore); `published`: the output's
 * manifest; `feed`: the output's site feed when the caller read it; `refused`: when given, the ids a publish refuses
 * to change (without --allow-id-change) go into it instead, as problems whose fix names check's flag too. Reads
 * that feed when site.yml changed since, and writes nothing.
 */
export async function idChangeWarnings(loaded: LoadedContent, output: Store, published: StoredManifest, now: DateTime = parseNow(undefined), feed?: PublishedSiteFeed, refused?: Problem[]): Promise<Problem[]> {
  // Every id at once, when site.yml moved them to another tag: entity (one GET of the site feed, as publish does).
  const prefix = loaded.index.madeForThisContext ? undefined : refuseIdPrefixChange(feed ?? (await publishedSiteFeed(output)), loaded.site, true, [], refused ? 'check' : 'publish');
  const inputs = { entries: loaded.entries, before: loaded.before, now, pages: hasPublished(published) ? published.manifest : undefined };
  const changes = findIdChanges(inputs);
  const refusals = [...(prefix ? [prefix] : []), ...changes.map((change) => idChangeProblem(change, refused ? 'check' : 'publish'))];
  refused?.push(...refusals);
  return [...(refused ? [] : refusals), ...likelyRenames(inputs, changes), ...heldBackIdChanges(inputs, loaded.site.timezone, 'check')];
}
