import type { Change } from './manifest.js';
import { mapLimit } from '../shared/mapLimit.js';
import { FEED_FILES } from '../shared/outputLayout.js';
import { publicUrl } from '../shared/urls.js';

export interface WebSubOptions {
  /** The hub's URL (site.yml `websub:`). */
  hub: string;
  /** Injected for tests. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Abort one attempt after this long. Default 5000 ms. */
  timeoutMs?: number;
  /** Attempts per feed URL, the first included. Default 3. */
  attempts?: number;
  /** Wait before the second attempt; doubles after each. Default 500 ms. */
  backoffMs?: number;
  /** Injected for tests (the clock). Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Pings in flight at once. Default 4. */
  concurrency?: number;
}

export interface PingResult {
  /** The feed URL the hub was told about. */
  url: string;
  ok: boolean;
  attempts: number;
  /** The hub's last HTTP status, when it answered. */
  status?: number;
  /** Why the last attempt failed. */
  error?: string;
}

const FEED_NAMES = new Set<string>(Object.values(FEED_FILES));

/** The public URLs of the feeds a publish wrote (new or changed); unchanged and deleted feeds are not pinged. */
export function changedFeedUrls(siteUrl: string, changes: readonly Change[]): string[] {
  return changes
    .filter((change) => (change.status === 'new' || change.status === 'changed') && FEED_NAMES.has(change.key.slice(change.key.lastIndexOf('/') + 1)))
    .map((change) => publicUrl(siteUrl, change.key));
}

/** Network errors, timeouts, 429 and 5xx may pass; other 4xx mean the hub refuses this request for good. */
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Tells the hub that each feed changed, one request per feed: `hub.mode=publish&hub.url=FEED` as
 * application/x-www-form-urlencoded (the PubSubHubbub 0.4 publish notification, which WebSub §5 leaves to
 * the hub and common hubs accept). Never throws: every outcome is in the results, for the caller to log.
 */
export async function pingHub(feedUrls: readonly string[], options: WebSubOptions): Promise<PingResult[]> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return mapLimit([...feedUrls], options.concurrency ?? 4, async (url) => {
    const result: PingResult = { url, ok: false, attempts: 0 };
    let wait = options.backoffMs ?? 500;
    while (result.attempts < attempts) {
      if (result.attempts > 0) {
        await sleep(wait);
        wait *= 2;
      }
      result.attempts++;
      try {
        const response = await fetchImpl(options.hub, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        await response.body?.cancel().catch(() => undefined);
        result.status = response.status;
        if (response.ok) {
          result.ok = true;
          delete result.error;
          return result;
        }
        result.error = `the hub answered HTTP ${response.status}`;
        if (!retryable(response.status)) return result;
      } catch (error) {
        delete result.status;
        const name = (error as Error).name;
        result.error = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `${(error as Error).message}${(error as Error & { cause?: Error }).cause ? `: ${(error as Error & { cause: Error }).cause.message}` : ''}`;
      }
    }
    return result;
  });
}
