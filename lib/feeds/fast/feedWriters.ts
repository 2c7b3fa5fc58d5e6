import type { FeedDocument } from '../feedDocument.js';
import { renderAtom } from '../renderAtom.js';
import { renderJsonFeed } from '../renderJsonFeed.js';
import { renderRss } from '../renderRss.js';
import { fastAtom } from './fastAtom.js';
import { fastJsonFeed } from './fastJsonFeed.js';
import { fastRss } from './fastRss.js';

/** The three writers of one feed document. */
export interface FeedWriters {
  rss(doc: FeedDocument): string;
  atom(doc: FeedDocument): string;
  json(doc: FeedDocument): string;
}

/**
 * The feeds readers poll are written by `feed`, behind its guards. The RFC 5005 archive documents hold every entry
 * a site has, so a first publish writes them in bulk, and `feed`'s object tree and xml-js were the largest part of
 * its time (docs/benchmarks.md); they are written by the writers of this folder, which give the same bytes for any
 * document (tests/unit/feeds/fast/ compares them on generated documents, hostile text included).
 */
export function feedWriters(archive: boolean): FeedWriters {
  return archive ? FAST : LIBRARY;
}

const LIBRARY: FeedWriters = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };
const FAST: FeedWriters = { rss: fastRss, atom: fastAtom, json: fastJsonFeed };
