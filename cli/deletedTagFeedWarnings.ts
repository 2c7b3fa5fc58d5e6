import type { DateTime } from 'luxon';
import type { LoadedContent } from '../lib/content/loadContent.js';
import { planSite } from '../lib/plan/sitePlan.js';
import { deletedTagFeeds, invalidEntryTags, tagsNowOfTagged } from '../lib/publish/deletedTagFeeds.js';
import { tagFeedChanges } from '../lib/publish/tagFeedChanges.js';
import type { Problem } from '../lib/shared/errors.js';
import { publishedTags } from '../lib/subscribers/publishedTags.js';
import type { Store } from '../lib/store/store.js';

/**
 * `check --out` and `preview --out`: the tag feeds a publish to `output` at `now` deletes (lib/publish/deletedTagFeeds.ts),
 * from one read of the tags the output offers (tags/tags.json), where a publish compares every file it built with its
 * manifest; a tag whose entries are invalid now is said to be left out while invalid, as publish --skip-invalid says it. Writes nothing.
 */
export async function deletedTagFeedWarnings(loaded: Pick<LoadedContent, 'entries' | 'site' | 'before' | 'invalidKeys'>, output: Store, now: DateTime): Promise<Problem[]> {
  const { tags } = planSite(loaded.site, loaded.entries, now);
  const published = await publishedTags(output);
  return deletedTagFeeds(tagFeedChanges(published, tags), tags, published, invalidEntryTags(loaded.before.entries, loaded.invalidKeys), tagsNowOfTagged(loaded.before.entries, loaded.entries));
}
