import type { FeedImpact } from '../lib/publish/readerImpact.js';
import { countOf } from '../lib/shared/countOf.js';

/** Past this many items of one kind in one feed, the report gives the count of the rest. */
const ITEMS_SHOWN = 10;

/**
 * What readers would see, feed by feed: `feed tags/trade/: 1 new, 2 updated, 0 removed` and one line per item,
 * `  new      tag:watch.example.org,2014:2014/kaesong  Kaesong wages`.
 */
export function readerReportLines(impacts: readonly FeedImpact[]): string[] {
  if (impacts.length === 0) return ['readers: no feed item is new, updated or removed'];
  const lines: string[] = [];
  for (const impact of impacts) {
    const feed = impact.feed === '' ? 'the site feed' : `the feed in ${impact.feed}`;
    if (impact.unknown) {
      lines.push(`readers of ${feed}: not compared: the ${impact.feed}feed.json the last publish wrote is gone from the output (deleted by someone else), so what their readers have is not known`);
      continue;
    }
    if (impact.deleted) {
      // Nothing tells a reader an item left a feed that is gone: the items stay listed as they were.
      lines.push(`readers of ${feed}: the feed is deleted; their reader's next fetch finds no feed there, and it keeps the ${countOf(impact.removed.length, 'item', 'items')} it has`);
      for (const item of impact.removed.slice(0, ITEMS_SHOWN)) lines.push(`  kept     ${item.id}  ${item.title}`);
      if (impact.removed.length > ITEMS_SHOWN) lines.push(`  kept     ... and ${impact.removed.length - ITEMS_SHOWN} more`);
      continue;
    }
    lines.push(`readers of ${feed}: ${impact.new.length} new, ${impact.updated.length} updated, ${impact.removed.length} removed`);
    for (const kind of ['new', 'updated', 'removed'] as const) {
      const items = impact[kind];
      for (const item of items.slice(0, ITEMS_SHOWN)) lines.push(`  ${kind.padEnd(8)} ${item.id}  ${item.title}`);
      if (items.length > ITEMS_SHOWN) lines.push(`  ${kind.padEnd(8)} ... and ${items.length - ITEMS_SHOWN} more`);
    }
  }
  return lines;
}
