import type { IdChange } from '../plan/idChanges.js';
import type { FeedImpact, ReaderItem } from './readerImpact.js';

/** The kinds of change a reader sees in a feed, in the order the reader report lists them (cli/readerReport.ts). */
export const READER_KINDS = ['new', 'returned', 'updated', 'removed'] as const;
export type ReaderKind = (typeof READER_KINDS)[number];

/** The items of each kind (READER_KINDS) a listed feed keeps; the CLI prints as many (cli/readerReport.ts). */
export const READER_ITEMS_LISTED = 10;

/**
 * The most bytes of JSON the listed feeds take: 200 feeds of 30 items with 300-character titles would be about 6 MB,
 * past what Lambda answers (quotas, "Invocation payload": 6 MB), so the feeds past it are counted, not listed.
 */
export const READERS_LISTED_BYTES = 1024 * 1024;

/** A feed's impact as an answer lists it: each kind's first READER_ITEMS_LISTED items, and its count when some are left out. */
export type ListedFeedImpact = FeedImpact & { [K in ReaderKind as `${K}Total`]?: number };

/** What a publish's answer lists of its reader report and its id changes, each with its total when there is any. */
export interface ListedImpact {
  readers?: ListedFeedImpact[];
  readersTotal?: number;
  idChanges?: IdChange[];
  idChangesTotal?: number;
}

/**
 * The first `max` feeds of a dry run's reader report (within READERS_LISTED_BYTES), each with its first items, and the
 * first `max` id changes, with their totals: a site of thousands of tag feeds, each changed, answers within Lambda's
 * limit. The CLI's own publish prints the whole report from the result, not from this.
 */
export function listedImpact(readers: readonly FeedImpact[] | undefined, idChanges: readonly IdChange[], max: number): ListedImpact {
  const listed: ListedFeedImpact[] = [];
  let bytes = 0;
  for (const impact of (readers ?? []).slice(0, max)) {
    const feed = listedFeed(impact);
    bytes += Buffer.byteLength(JSON.stringify(feed));
    if (bytes > READERS_LISTED_BYTES) break;
    listed.push(feed);
  }
  return {
    ...(readers ? { readers: listed, readersTotal: readers.length } : {}),
    ...(idChanges.length ? { idChanges: idChanges.slice(0, max), idChangesTotal: idChanges.length } : {}),
  };
}

function listedFeed(impact: FeedImpact): ListedFeedImpact {
  const feed: ListedFeedImpact = { ...impact };
  for (const kind of READER_KINDS) {
    const items: ReaderItem[] = impact[kind] ?? [];
    if (items.length <= READER_ITEMS_LISTED) continue;
    feed[kind] = items.slice(0, READER_ITEMS_LISTED);
    feed[`${kind}Total`] = items.length;
  }
  return feed;
}
