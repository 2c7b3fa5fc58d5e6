import { FEED_FILES } from '../shared/outputLayout.js';
import { getWithin, type Store } from '../store/store.js';
import { isHttpUrl } from '../shared/urls.js';

/** The most of the published site feed read: a real one is a few MB at most. */
const MAX_FEED_BYTES = 64 * 1024 * 1024;

/** What the output's site feed (feed.json, JSON Feed 1.1) says of the site that published it. */
export interface PublishedSiteFeed {
  /** Its `home_page_url`: the url of the site that published it. */
  homePageUrl?: string;
  /** Its items' ids, newest first. */
  ids: string[];
  /** The WebSub hub it names (`hubs`, JSON Feed 1.1 §"hubs": `{"type": "WebSub", "url": …}`), an http(s) URL. */
  hub?: string;
}

/** The output's site feed, or undefined when it has none or one that cannot be read as a JSON Feed. */
export async function publishedSiteFeed(output: Store): Promise<PublishedSiteFeed | undefined> {
  const bytes = await getWithin(output, FEED_FILES.json, MAX_FEED_BYTES);
  if (!Buffer.isBuffer(bytes)) return undefined;
  let data: { home_page_url?: unknown; items?: unknown; hubs?: unknown };
  try {
    data = JSON.parse(bytes.toString('utf8')) as typeof data;
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const items = Array.isArray(data.items) ? (data.items as { id?: unknown }[]) : [];
  const ids = items.map((item) => item?.id).filter((id): id is string => typeof id === 'string');
  const hubs = Array.isArray(data.hubs) ? (data.hubs as { type?: unknown; url?: unknown }[]) : [];
  const hub = hubs.find((named) => named?.type === 'WebSub' && isHttpUrl(named.url))?.url as string | undefined;
  return { ...(typeof data.home_page_url === 'string' ? { homePageUrl: data.home_page_url } : {}), ids, ...(hub ? { hub } : {}) };
}
