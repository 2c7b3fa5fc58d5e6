import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The ids of the items of the JSON Feed in `dir` of the output `out`, in the feed's order. */
export async function feedItemIds(out: string, dir = ''): Promise<string[]> {
  const feed = JSON.parse(await readFile(join(out, dir, 'feed.json'), 'utf8')) as { items: { id: string }[] };
  return feed.items.map((item) => item.id);
}
