import type { Store, StoredObject } from '../store/store.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import type { PingResult, ToPing } from './websub.js';
import { sameHub } from './sameHub.js';
import type { Change } from './manifest.js';
import { publicUrl } from '../shared/urls.js';

/** The pings of site.yml's hub that failed, which the next publishes make again, changed feed or not. Never served. */
export const PENDING_PINGS_KEY = `${STATE_DIR}websub-pending.json`;

/** Publishes that make a failed ping again after the one it failed in; past them it is given up (a ping is only a hint). */
export const PING_RETRIES = 5;

/** What PENDING_PINGS_KEY holds. */
export interface PendingPings {
  /** The hub the pings failed to reach: site.yml's `websub:` then. */
  hub: string;
  /**
   * Each feed's URL, and how many publishes have tried to tell the hub of it so far (0 to PING_RETRIES): 0 for a ping
   * no publish has attempted yet (its time ran out, or it was stopped), which is not a try.
   */
  feeds: Record<string, number>;
}

/**
 * The pending pings, when the output's listing holds them (a publish with none makes no request for them);
 * `unreadable` for a file that is not the record (damaged, or written by hand): the publish removes it.
 */
export async function readPendingPings(output: Store, listed: readonly StoredObject[]): Promise<PendingPings | 'unreadable' | undefined> {
  if (!listed.some((object) => object.key === PENDING_PINGS_KEY)) return undefined;
  const bytes = await output.get(PENDING_PINGS_KEY);
  if (bytes === undefined) return undefined;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<PendingPings>;
    const feeds = Object.entries(parsed.feeds ?? {});
    if (typeof parsed.hub !== 'string' || feeds.length === 0 || !feeds.every(([, tries]) => Number.isInteger(tries) && tries >= 0)) return 'unreadable';
    return { hub: parsed.hub, feeds: Object.fromEntries(feeds) };
  } catch {
    return 'unreadable';
  }
}

/**
 * The pings a publish makes of site.yml's hub, `hub`: those of the feeds it changed (`toPing`), and those pending for
 * the same hub, each with the tries it had (ToPing.tries, {} when every pending feed changed again: a changed feed's
 * ping starts its count anew). Pending pings of another hub are not made (site.yml names another, or none): the
 * caller removes them (`stale`). Nor those of a feed the publish deletes (`written`: a removed tag's feed), which the
 * hub would fetch to find gone, nor those of a feed not under the site's URL (`written.siteUrl`: site.yml's `url`
 * changed since): the caller removes the record when no other is left (`stale`).
 */
export function withPendingPings(toPing: ToPing | undefined, pending: PendingPings | 'unreadable' | undefined, hub: string | undefined, written?: { siteUrl: string; changes: readonly Pick<Change, 'key' | 'status'>[] }): { toPing?: ToPing; stale: boolean } {
  if (pending === undefined) return toPing ? { toPing, stale: false } : { stale: false };
  if (pending === 'unreadable' || hub === undefined || !sameHub(pending.hub, hub)) return toPing ? { toPing, stale: true } : { stale: true };
  const changed = new Set(toPing?.feeds ?? []);
  const deleted = new Set((written?.changes ?? []).filter((change) => change.status === 'deleted').map((change) => publicUrl(written!.siteUrl, change.key)));
  // A feed not under site.yml's `url` (changed since) is no feed of this site's; both URLs as publicUrl writes them.
  const site = written && publicUrl(written.siteUrl, '');
  const ours = (url: string) => site === undefined || url.startsWith(site);
  const tries = Object.fromEntries(Object.entries(pending.feeds).filter(([url]) => !changed.has(url) && !deleted.has(url) && ours(url)));
  if (changed.size === 0 && Object.keys(tries).length === 0) return { stale: true };
  return { toPing: { ...toPing, hub, feeds: [...changed, ...Object.keys(tries)], tries }, stale: false };
}

/**
 * Keeps for the next publish the pings of site.yml's hub that `pings` did not deliver, each attempted one counted once
 * more, and removes the record when none is left (every ping delivered, or given up after PING_RETRIES more publishes). Written
 * only when the publish had some (ToPing.tries) or some failed: a publish whose pings all went makes no request.
 * Never throws, as the pings do not: what kept the record from being written, for the caller to warn of.
 *
 * Written without the publish lock, after the pings: a publish writes it once its lock is released, and the digest
 * function once the publish function it invoked has answered, so another publish may run meanwhile. Of two writes at
 * once the last is kept, and the other's is lost: a ping it left pending is not made again until its feed changes
 * (readers and the hub poll, as with no record), or one it made is made once more. Never more than PING_RETRIES
 * publishes after the first: each writer counts from the record it read.
 */
export async function rememberPings(output: Store, toPing: ToPing, pings: readonly PingResult[]): Promise<string | undefined> {
  const feeds: Record<string, number> = {};
  for (const ping of pings) {
    if (ping.ok || ping.formerHub !== undefined || !toPing.hub) continue;
    // A ping never attempted (its time ran out, or it was stopped) is no try: it keeps the count it had.
    const tries = (toPing.tries?.[ping.url] ?? 0) + (ping.outcome === 'not-attempted' ? 0 : 1);
    if (tries <= PING_RETRIES) feeds[ping.url] = tries;
  }
  try {
    if (Object.keys(feeds).length > 0) {
      const record: PendingPings = { hub: toPing.hub!, feeds };
      await output.put(PENDING_PINGS_KEY, `${JSON.stringify(record, null, 1)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache' });
    } else if (toPing.tries !== undefined) await output.delete(PENDING_PINGS_KEY);
    return undefined;
  } catch (error) {
    return `${PENDING_PINGS_KEY} in ${output.description} could not be written (${error instanceof Error ? error.message : String(error)}): the next publish that changes a feed pings the hub of it`;
  }
}
