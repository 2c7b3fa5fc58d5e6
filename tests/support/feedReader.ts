import { Readable } from 'node:stream';
import FeedParser from 'feedparser';

export interface ReadFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Reads a feed back the way feed readers do, with the `feedparser` library (RSS and Atom). */
export function readFeed(xml: string): Promise<ReadFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read() as FeedParser.Item | null)) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}
