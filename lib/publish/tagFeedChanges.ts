import type { Tag } from '../content/entry.js';
import type { TagSummary } from '../plan/sitePlan.js';
import { FEED_FILES, tagDir } from '../shared/outputLayout.js';
import type { Change } from './manifest.js';

/**
 * The tag feeds a publish of the plan's `tags` creates and deletes where the last publish offered `published` (its
 * tags/tags.json: lib/subscribers/publishedTags.ts), as its changes name them (each feed's RSS file, in key order, as
 * diffManifest lists them): what deletedTagFeeds reads, for `check --out` and `preview --out`, which build nothing.
 */
export function tagFeedChanges(published: readonly Tag[], tags: readonly TagSummary[]): Pick<Change, 'key' | 'status'>[] {
  const before = new Set(published.map((tag) => tag.slug));
  const after = new Set(tags.map((summary) => summary.tag.slug));
  const feeds = (slugs: Set<string>, except: Set<string>) => [...slugs].filter((slug) => !except.has(slug)).map((slug) => tagDir(slug) + FEED_FILES.rss).sort();
  return [...feeds(after, before).map((key) => ({ key, status: 'new' as const })), ...feeds(before, after).map((key) => ({ key, status: 'deleted' as const }))];
}
