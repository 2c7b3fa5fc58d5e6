import { setTimeout as delay } from 'node:timers/promises';
import type { Store, StoredObject } from '../store/store.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { PublishLockedError } from '../shared/errors.js';
import { hubMaySee, type PingResult, type ToPing } from './websub.js';
import { sameHub } from './sameHub.js';
import type { Change } from './manifest.js';
import { publicUrl } from '../shared/urls.js';
import { withPublishLock, type PublishLockOptions } from './publishLock.js';

/** The pings of site.yml's hub that failed, which the next publishes make again, changed feed or not. Never served. */
export const PENDING_PINGS_KEY = `${STATE_DIR}websub-pending.json`;

/** Publishes that make a failed ping again after the one it failed in, the hub may have seen it each time; past them it is given up (a ping is only a hint). */
export const PING_RETRIES = 5;

/**
 * Publishes that carried a ping without its reaching the hub (refused, or not attempted: the hub down, the time out,
 * Ctrl-C): past them it is given up, so that a hub never reachable does not keep the record for ever.
 */
export const PING_UNSENT_LIMIT = 10;

/** Waits before taking the publish lock again, when another publish holds it, to write the record. */
const LOCK_WAITS_MS = [500, 1000, 2000];

/** The requests a write of the record makes when the lock is free: the lock's create, the record's read and write, the lock's read and delete. */
export const PENDING_WRITE_REQUESTS = 5;

/** How the record is written. */
export interface PendingWrite {
  /** The publish lock to hold while it is read again and written (the publish's own options). Default: none. */
  lock?: PublishLockOptions | undefined;
  /** Injected for tests. Default: setTimeout. */
  sleep?: (ms: number) => Promise<unknown>;
  /** Whether there is time to wait `ms` for a lock another publish holds, and write after (a function's time left). Default: always. */
  mayWait?: (ms: number) => boolean;
}

/** How often one feed's ping has been carried by publishes since it was due. */
export interface PendingFeed {
  /** Publishes whose ping the hub may have seen (rejected, or maybe delivered): PING_RETRIES bounds them. */
  tries: number;
  /** Publishes whose ping never reached the hub (refused, not attempted): PING_UNSENT_LIMIT bounds them. */
  unsent: number;
  /**
   * Noted by a run that pings it itself before then (notePendingPings: the digest function, until its time ends; an
   * ISO moment): a publish before then leaves it to that run, so that the hub is not told twice.
   */
  until?: string;
}

/** What PENDING_PINGS_KEY holds. */
export interface PendingPings {
  /** The hub the pings failed to reach: site.yml's `websub:` then. */
  hub: string;
  /** Each feed's URL, and its counts. A record written before `unsent` was kept holds the tries alone, a number. */
  feeds: Record<string, PendingFeed>;
}

/**
 * The pending pings, when the output's listing holds them (a publish with none makes no request for them);
 * `unreadable` for a file that is not the record (damaged, or written by hand): the publish removes it.
 */
export async function readPendingPings(output: Store, listed: readonly StoredObject[]): Promise<PendingPings | 'unreadable' | undefined> {
  if (!listed.some((object) => object.key === PENDING_PINGS_KEY)) return undefined;
  return parsePendingPings(await output.get(PENDING_PINGS_KEY));
}

function parsePendingPings(bytes: Buffer | undefined): PendingPings | 'unreadable' | undefined {
  if (bytes === undefined) return undefined;
  const count = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { hub?: unknown; feeds?: Record<string, unknown> };
    const feeds = Object.entries(parsed.feeds ?? {}).map(([url, value]): [string, PendingFeed | undefined] => {
      if (count(value)) return [url, { tries: value as number, unsent: 0 }];
      const { tries, unsent, until } = (value ?? {}) as Partial<PendingFeed>;
      // A moment that is none claims nothing.
      const claim = typeof until === 'string' && !Number.isNaN(Date.parse(until)) ? { until } : {};
      return [url, count(tries) && count(unsent) ? { tries: tries!, unsent: unsent!, ...claim } : undefined];
    });
    if (typeof parsed.hub !== 'string' || feeds.length === 0 || !feeds.every(([, feed]) => feed !== undefined)) return 'unreadable';
    return { hub: parsed.hub, feeds: Object.fromEntries(feeds) as Record<string, PendingFeed> };
  } catch {
    return 'unreadable';
  }
}

/**
 * How long a run with no time limit of its own (the CLI's `digest --send`) holds the pings it noted (PendingFeed.until):
 * a Lambda function's longest timeout, as the digest function's at most. A send that lasts longer lets a publish make
 * them too: the hub told twice, a hint given twice.
 */
export const RUN_CLAIM_MS = 15 * 60 * 1000;

/** The longest a run may hold its noted pings (PendingFeed.until): a Lambda function's longest timeout, and a minute for clocks that disagree. */
const LONGEST_CLAIM_MS = RUN_CLAIM_MS + 60 * 1000;

/**
 * Whether a run that noted `feed` pings it itself still (PendingFeed.until), at `now` (epoch ms; undefined: none does).
 * A moment further off than any run lasts (written by hand, a clock far off) claims nothing: it would keep the ping for ever.
 */
function claimed(feed: PendingFeed, now: number | undefined): boolean {
  if (now === undefined || feed.until === undefined) return false;
  const until = Date.parse(feed.until);
  return until > now && until <= now + LONGEST_CLAIM_MS;
}

/** Whether a pending ping has had all the publishes it may have (PING_RETRIES, PING_UNSENT_LIMIT). */
export function givenUp(feed: PendingFeed): boolean {
  return feed.tries > PING_RETRIES || feed.unsent > PING_UNSENT_LIMIT;
}

/**
 * The pings a publish makes of site.yml's hub, `hub`: those of the feeds it changed (`toPing`), and those pending for
 * the same hub, each with the counts it had (ToPing.tries and ToPing.unsent, {} when every pending feed changed again:
 * a changed feed's ping starts its count anew). Pending pings of another hub are not made (site.yml names another, or
 * none). Nor those of a feed this publish leaves the output without (`written`: a removed tag's feed, which the hub
 * would fetch to find gone; one of another site's URL, site.yml's `url` having changed since): the output holds after
 * it every key of `written.changes` not deleted (a settled publish: the keys of its listing, with no status). Nor, at `now` (epoch ms, the real time), those another run noted to
 * make itself (PendingFeed.until), unless the feed changed again. `stale`: the record holds pings this publish drops
 * (ToPing.dropped names them when it pings others), for rememberPings to remove.
 */
export function withPendingPings(toPing: ToPing | undefined, pending: PendingPings | 'unreadable' | undefined, hub: string | undefined, written?: { siteUrl: string; changes: readonly { key: string; status?: Change['status'] }[] }, now?: number): { toPing?: ToPing; stale: boolean } {
  if (pending === undefined) return toPing ? { toPing, stale: false } : { stale: false };
  // tries {}: none carried, so that rememberPings replaces the record.
  if (pending === 'unreadable' || hub === undefined || !sameHub(pending.hub, hub)) return toPing ? { toPing: { ...toPing, tries: {} }, stale: true } : { stale: true };
  const changed = new Set(toPing?.feeds ?? []);
  // The URLs of the files the output holds after this publish, as publicUrl writes them (site.yml's `url` now).
  const held = written && new Set(written.changes.filter((change) => change.status !== 'deleted').map((change) => publicUrl(written.siteUrl, change.key)));
  const ours = Object.entries(pending.feeds).filter(([url]) => !changed.has(url) && (held === undefined || held.has(url)));
  const kept = ours.filter(([, feed]) => !claimed(feed, now));
  const dropped = Object.keys(pending.feeds).filter((url) => !changed.has(url) && held !== undefined && !held.has(url));
  // Stale only for what it drops: another run's noted pings stay (stalePings leaves them).
  if (changed.size === 0 && kept.length === 0) return { stale: ours.length === 0 || dropped.length > 0 };
  const tries = Object.fromEntries(kept.map(([url, feed]) => [url, feed.tries]));
  const unsent = Object.fromEntries(kept.filter(([, feed]) => feed.unsent > 0).map(([url, feed]) => [url, feed.unsent]));
  return {
    toPing: { ...toPing, hub, feeds: [...changed, ...kept.map(([url]) => url)], tries, ...(Object.keys(unsent).length ? { unsent } : {}), ...(dropped.length ? { dropped } : {}) },
    stale: dropped.length > 0,
  };
}

/**
 * What rememberPings needs to remove the record's stale pings (withPendingPings' `stale`) when this publish pings none
 * of them: the feeds of site.yml's hub `hub` it holds but those another run noted to make itself (at `now`, as
 * withPendingPings), or, for another hub's record or one that is not one, the whole record.
 */
export function stalePings(pending: PendingPings | 'unreadable' | undefined, hub: string | undefined, now?: number): ToPing {
  if (typeof pending !== 'object' || hub === undefined || !sameHub(pending.hub, hub)) return { feeds: [], tries: {} };
  return { hub, feeds: [], tries: {}, dropped: Object.entries(pending.feeds).filter(([, feed]) => !claimed(feed, now)).map(([url]) => url) };
}

/** The feeds a write of the record settles (a feed's counts, or null to remove it), starting with ToPing.dropped's, each removed. */
const droppedSettled = (toPing: ToPing) => new Map<string, PendingFeed | null>((toPing.dropped ?? []).map((url) => [url, null]));

/**
 * Keeps for the next publish the pings of site.yml's hub that `pings` (pingHubs' of `toPing`) did not deliver, each
 * counted once more (a try when the hub may have seen it, else unsent: PingResult.tries and unsent), drops those given up (givenUp) and those of ToPing.dropped, and
 * removes the record when none is left. Written only when the publish had some (ToPing.tries), dropped some, or some
 * failed: a publish whose pings all went makes no request. `pings` empty: only the dropped ones go (a publish that
 * pings nothing, `websub: false`).
 *
 * Read again and written holding the publish lock (`lock`; taken again after a short wait when another publish holds
 * it), so two runs never write it at once: the pings are made without it, and another publish may have written the
 * record since this one read it. What that one added is kept; of a feed both kept, this one's counts.
 *
 * Never throws, as the pings do not: what kept the record from being written, for the caller to warn of.
 */
export async function rememberPings(output: Store, toPing: ToPing, pings: readonly PingResult[], how: PendingWrite = {}): Promise<string | undefined> {
  // Each feed this run settles: its counts to keep, or null to remove (delivered, given up, dropped).
  const settled = droppedSettled(toPing);
  for (const ping of pings) {
    if (ping.formerHub !== undefined || !toPing.hub) continue;
    if (ping.ok) {
      settled.set(ping.url, null);
      continue;
    }
    // A pending ping's counts, this publish's included, as pingHubs counted them; a changed feed's start anew.
    const seen = hubMaySee(ping.outcome);
    const after: PendingFeed = ping.tries === undefined ? { tries: seen ? 1 : 0, unsent: seen ? 0 : 1 } : { tries: ping.tries, unsent: ping.unsent ?? 0 };
    settled.set(ping.url, givenUp(after) ? null : after);
  }
  const keeps = [...settled.values()].some((feed) => feed !== null);
  if (!keeps && toPing.tries === undefined && !toPing.dropped?.length) return undefined;
  return writePendingPings(output, toPing.hub, settled, how);
}

/**
 * Notes the pings of site.yml's hub that `toPing` names as pending before they are made, each with the counts it has
 * (none for a changed feed's), as rememberPings writes them: for a run that pings long after its publish (the digest
 * function, once it has sent the week), so that one that dies before (its time out) leaves them to the next publish.
 * Each noted as this run's to make until `until` (epoch ms, its time's end): a publish meanwhile leaves it, so that the
 * hub is not told twice; past it, the next publish makes it. The ToPing to make them with and hand to rememberPings,
 * which then rewrites the record (`tries` at least {}).
 */
export async function notePendingPings(output: Store, toPing: ToPing, how: PendingWrite & { until: number }): Promise<{ toPing: ToPing; unkept?: string }> {
  if (!toPing.hub) return { toPing };
  const settled = droppedSettled(toPing);
  const until = new Date(how.until).toISOString();
  for (const url of toPing.feeds) settled.set(url, { tries: toPing.tries?.[url] ?? 0, unsent: toPing.unsent?.[url] ?? 0, until });
  const unkept = await writePendingPings(output, toPing.hub, settled, how);
  return { toPing: { ...toPing, tries: toPing.tries ?? {} }, ...(unkept ? { unkept } : {}) };
}

/**
 * Rewrites the record with `settled` (a feed's counts, or null to remove it) over what it holds now, read again holding
 * the publish lock: see rememberPings. Never throws: what kept it from being written.
 */
async function writePendingPings(output: Store, hub: string | undefined, settled: ReadonlyMap<string, PendingFeed | null>, how: PendingWrite): Promise<string | undefined> {
  const { lock, sleep = delay, mayWait = () => true } = how;
  const write = async (held: Store) => {
    const current = parsePendingPings(await held.get(PENDING_PINGS_KEY));
    // Another hub's (site.yml changed since) or a damaged record is replaced.
    const feeds: Record<string, PendingFeed> = typeof current === 'object' && hub !== undefined && sameHub(current.hub, hub) ? { ...current.feeds } : {};
    for (const [url, feed] of settled) {
      // This run's counts, the latest: a changed feed's start anew, whatever the record held.
      if (feed === null) delete feeds[url];
      else feeds[url] = feed;
    }
    if (Object.keys(feeds).length > 0 && hub !== undefined) {
      const record: PendingPings = { hub, feeds };
      await held.put(PENDING_PINGS_KEY, `${JSON.stringify(record, null, 1)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache' });
    } else if (current !== undefined) await held.delete(PENDING_PINGS_KEY);
  };
  for (let attempt = 0; ; attempt++) {
    try {
      // Brief: a publish that starts meanwhile waits for it, rather than refuse (and fail a function's run); named for
      // what it does, should one still be refused.
      await withPublishLock(output, lock && { ...lock, owner: `${lock.owner}, writing the WebSub pings left pending`, brief: true }, write);
      return undefined;
    } catch (error) {
      if (error instanceof PublishLockedError && attempt < LOCK_WAITS_MS.length && mayWait(LOCK_WAITS_MS[attempt]!)) {
        await sleep(LOCK_WAITS_MS[attempt]!);
        continue;
      }
      return `${PENDING_PINGS_KEY} in ${output.description} could not be written (${error instanceof Error ? error.message : String(error)}): the next publish that changes a feed pings the hub of it`;
    }
  }
}
