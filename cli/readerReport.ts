import { READER_ITEMS_LISTED as ITEMS_SHOWN, READER_KINDS, type ListedFeedImpact, type ReaderKind } from '../lib/publish/listedImpact.js';
import { countOf } from '../lib/shared/countOf.js';

/**
 * What readers would see, feed by feed: `feed tags/trade/: 1 new, 2 updated, 0 removed` and one line per item,
 * `  new      tag:watch.example.org,2014:2014/kaesong  Kaesong wages`; past ITEMS_SHOWN items of one kind in one feed,
 * the count of the rest. `total`: the feeds there are, when the publish function's answer lists the first only.
 */
export function readerReportLines(impacts: readonly ListedFeedImpact[], total = impacts.length): string[] {
  if (total === 0) return ['readers: no feed item is new, updated or removed'];
  const lines: string[] = [];
  for (const impact of impacts) {
    const count = (kind: ReaderKind) => impact[`${kind}Total`] ?? impact[kind]?.length ?? 0;
    const feed = impact.feed === '' ? 'the site feed' : `the feed in ${impact.feed}`;
    if (impact.unknown) {
      lines.push(`readers of ${feed}: not compared: the ${impact.feed}feed.json the last publish wrote is gone from the output (deleted by someone else), so what their readers have is not known`);
      continue;
    }
    if (impact.deleted) {
      // Nothing tells a reader an item left a feed that is gone: the items stay listed as they were.
      lines.push(`readers of ${feed}: the feed is deleted; their reader's next fetch finds no feed there, and it keeps the ${countOf(count('removed'), 'item', 'items')} it has`);
      for (const item of impact.removed.slice(0, ITEMS_SHOWN)) lines.push(`  kept     ${item.id}  ${item.title}`);
      if (count('removed') > ITEMS_SHOWN) lines.push(`  kept     ... and ${count('removed') - ITEMS_SHOWN} more`);
      continue;
    }
    // Items back in the feed are told apart from new ones: readers that had them keep their ids and show nothing new.
    const returned = count('returned') > 0 ? `, ${count('returned')} returned` : '';
    lines.push(`readers of ${feed}: ${count('new')} new${returned}, ${count('updated')} updated, ${count('removed')} removed`);
    for (const kind of READER_KINDS) {
      for (const item of (impact[kind] ?? []).slice(0, ITEMS_SHOWN)) lines.push(`  ${kind.padEnd(8)} ${item.id}  ${item.title}`);
      if (count(kind) > ITEMS_SHOWN) lines.push(`  ${kind.padEnd(8)} ... and ${count(kind) - ITEMS_SHOWN} more`);
    }
  }
  if (total > impacts.length) {
    lines.push(`readers of ${countOf(total - impacts.length, 'more feed', 'more feeds')}: not listed (the publish function answers the first ${impacts.length} of ${total}); publish --dry-run --bucket SITE_BUCKET lists them all`);
  }
  return lines;
}

