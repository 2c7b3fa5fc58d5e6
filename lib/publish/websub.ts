import { setTimeout as delay } from 'node:timers/promises';
import type { Change } from './manifest.js';
import { mapLimit } from '../shared/mapLimit.js';
import { FEED_FILES } from '../shared/outputLayout.js';
import { publicUrl } from '../shared/urls.js';
import { postForm, type PostOutcome } from './postForm.js';
import { keyFileName } from '../shared/keyFileName.js';
import { sameHub } from './sameHub.js';

/** The whole run's pings end after this long by default (the CLI's; the publish function's is the shorter of this and its time left less a reserve). */
export const PING_BUDGET_MS = 60_000;

/** Attempts in a row with no answer (timed out or refused) after which the hub counts as down for the rest of the run. */
export const HUB_DOWN_AFTER = 3;

/** No attempt starts with less time than this left (or the per-attempt timeout, when shorter). */
const SHORTEST_ATTEMPT_MS = 250;

export interface WebSubOptions {
  /** The hub's URL (site.yml `websub:`). */
  hub: string;
  /** Injected for tests. Default: postForm. */
  post?: typeof postForm;
  /** Abort one attempt after this long. Default 5000 ms. */
  timeoutMs?: number;
  /** Attempts per feed URL, the first included. Default 3. */
  attempts?: number;
  /** Wait before the second attempt; doubles after each. Default 500 ms. */
  backoffMs?: number;
  /** Injected for tests (the clock). Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Pings in flight at once to the hub (pingHubs: to each hub). Default 4. */
  concurrency?: number;
  /** The whole run's pings, from the call, on the monotonic clock: no attempt outlasts it, none starts after. Default PING_BUDGET_MS. */
  budgetMs?: number;
  /** A tighter bound, read before each attempt and each wait: the milliseconds the caller has left (a Lambda's, less a margin). */
  remainingMs?: () => number;
  /** HUB_DOWN_AFTER, for tests. */
  hubDownAfter?: number;
  /**
   * Aborted (Ctrl-C): no attempt starts after, and those in flight are cut short (one never connected is taken as not
   * made). Its reason, when a string, says why in the results.
   */
  signal?: AbortSignal;
}

/**
 * - `delivered`: the hub answered 2xx;
 * - `rejected`: the hub answered another status (a redirect included: its URL belongs in `websub:`), last;
 * - `maybe-delivered`: an attempt got no answer once connected (none in time, or the connection reset or closed),
 *   and none after it was delivered: the hub may have it;
 * - `refused`: the last attempt never reached the hub (connection refused or not made in time, no such host, a TLS
 *   certificate not accepted);
 * - `not-attempted`: never sent: the hub was down or the time for pings ran out.
 */
export type PingOutcome = 'delivered' | 'rejected' | 'maybe-delivered' | 'refused' | 'not-attempted';

export const PING_OUTCOMES: readonly PingOutcome[] = ['delivered', 'rejected', 'maybe-delivered', 'refused', 'not-attempted'];

/** Where a publish's pings go: site.yml's hub, and the hub the last publish named when site.yml names another or none. */
export interface Hubs {
  hub?: string;
  /** Told once, by the publish that stops naming it (hubsToPing). */
  formerHub?: string;
}

/** The hubs and the changed feeds a publish left to tell them about (PublishResult.toPing). */
export interface ToPing extends Hubs {
  feeds: string[];
  /**
   * The feeds whose ping of `hub` an earlier publish left pending (lib/publish/pendingPings.ts), each with how many
   * publishes have tried it so that the hub may have seen it; {} when each was changed again. Absent: none was pending.
   */
  tries?: Record<string, number>;
  /** Of those, the ones some publish carried without its reaching the hub (refused, not attempted), and how many. */
  unsent?: Record<string, number>;
  /** The pending feeds this publish dropped (deleted, or not the site's now), for the record to lose them too. */
  dropped?: string[];
}

export interface PingResult {
  /** The feed URL the hub was told about. */
  url: string;
  /** Set on a ping of the former hub (Hubs.formerHub): the hub it went to. */
  formerHub?: string;
  ok: boolean;
  outcome: PingOutcome;
  attempts: number;
  /** The hub's last HTTP status, when it answered. */
  status?: number;
  /** Why the last attempt failed, or why none was made. */
  error?: string;
  /**
   * A ping an earlier publish left pending (ToPing.tries): how many publishes have tried it so that the hub may have
   * seen it, this one included if the hub may have seen this one's.
   */
  tries?: number;
  /** With `tries`: how many publishes carried it without its reaching the hub (refused, not attempted), this one included. */
  unsent?: number;
}

const FEED_NAMES = new Set<string>(Object.values(FEED_FILES));

/** The public URLs of the feeds a publish wrote (new or changed); unchanged and deleted feeds are not pinged. */
export function changedFeedUrls(siteUrl: string, changes: readonly Change[]): string[] {
  return changes
    .filter((change) => (change.status === 'new' || change.status === 'changed') && FEED_NAMES.has(keyFileName(change.key)))
    .map((change) => publicUrl(siteUrl, change.key));
}

/**
 * The hubs to tell of the feeds a publish rewrote: site.yml's; and the hub the last publish's site feed named when
 * site.yml no longer names it (dropped, or changed to another), told once of the feeds rewritten without it (WebSub
 * §6: "The publisher MUST inform the hubs it previously designated when a topic has been updated"; the former hub's
 * subscribers then fetch the feed with its new hub link, or none). Not one read from a feed someone else changed
 * (`repaired`): the output names where a publish posts only as far as a publish wrote it.
 */
export function hubsToPing(siteHub: string | undefined, published: { hub?: string } | undefined, repaired: readonly string[]): Hubs | undefined {
  const former = published?.hub && !repaired.includes(FEED_FILES.json) && !sameHub(published.hub, siteHub) ? published.hub : undefined;
  if (!siteHub && !former) return undefined;
  return { ...(siteHub ? { hub: siteHub } : {}), ...(former ? { formerHub: former } : {}) };
}

/** Network errors, timeouts, 429 and 5xx may pass; other 4xx mean the hub refuses this request for good. */
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Tells the hub that each feed changed, one request per feed: `hub.mode=publish&hub.url=FEED` as
 * application/x-www-form-urlencoded (the PubSubHubbub 0.4 publish notification, which WebSub §6 leaves to the hub
 * and common hubs accept). A ping only hints that a feed changed (WebSub §6: the hub fetches the feed itself; readers
 * poll anyway), so one left out costs readers a delay, never an item: the run's pings are bounded by `remainingMs`,
 * and after `hubDownAfter` attempts in a row with no answer the rest are not attempted. Never throws: every outcome
 * is in the results, for the caller to report.
 */
export async function pingHub(feedUrls: readonly string[], options: WebSubOptions): Promise<PingResult[]> {
  const post = options.post ?? postForm;
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const sleep = options.sleep ?? ((ms: number) => delay(ms, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined));
  const started = performance.now();
  const budgetMs = options.budgetMs ?? PING_BUDGET_MS;
  const remainingMs = () => Math.min(budgetMs - (performance.now() - started), options.remainingMs?.() ?? Infinity);
  const downAfter = options.hubDownAfter ?? HUB_DOWN_AFTER;
  // Attempts in a row, across feeds, that got no answer; any answer resets it.
  let unanswered = 0;
  // Less time than this left: an attempt would only add a "maybe delivered" that the hub never had the time to answer.
  const shortest = Math.min(timeoutMs, SHORTEST_ATTEMPT_MS);
  const stopped = (): string | undefined =>
    options.signal?.aborted ? interrupted(options.signal) : unanswered >= downAfter ? `${downAfter} requests in a row got no answer (timed out or refused): the hub is taken as down for the rest of this run` : remainingMs() < shortest ? `the time for pings ran out (at most ${budgetMs / 1000} s${options.remainingMs ? ', and the time the run had left' : ''})` : undefined;

  return mapLimit([...feedUrls], options.concurrency ?? 4, async (url) => {
    const result: PingResult = { url, ok: false, outcome: 'not-attempted', attempts: 0 };
    // An attempt that may have reached the hub: a later one that fails otherwise does not make it "not told".
    let maybe: string | undefined;
    const finish = (): PingResult => {
      if (maybe !== undefined && result.outcome !== 'delivered' && result.outcome !== 'maybe-delivered') {
        result.error = `${maybe}; then ${result.error}`;
        result.outcome = 'maybe-delivered';
      }
      return result;
    };
    let wait = options.backoffMs ?? 500;
    while (result.attempts < attempts) {
      if (result.attempts > 0) {
        if (stopped() !== undefined || wait >= remainingMs()) return finish();
        await sleep(wait);
        wait *= 2;
      }
      const stop = stopped();
      if (stop !== undefined) {
        if (result.attempts === 0) result.error = `not attempted: ${stop}`;
        return finish();
      }
      result.attempts++;
      const limit = Math.max(1, Math.floor(Math.min(timeoutMs, remainingMs())));
      const answer = await post(options.hub, new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(), limit, options.signal);
      if (answer.kind !== 'answered') {
        delete result.status;
        if (answer.kind === 'unreached' && options.signal?.aborted) {
          // Interrupted before the connection was made: this attempt never left.
          result.attempts--;
          if (result.attempts === 0) result.error = `not attempted: ${interrupted(options.signal)}`;
          return finish();
        }
        unanswered++;
        result.outcome = answer.kind === 'unreached' ? 'refused' : 'maybe-delivered';
        result.error = answer.why;
        if (answer.kind === 'unanswered') maybe = `attempt ${result.attempts}: ${answer.why}`;
        continue;
      }
      unanswered = 0;
      result.status = answer.status;
      if (answer.status >= 200 && answer.status < 300) {
        result.ok = true;
        result.outcome = 'delivered';
        delete result.error;
        return result;
      }
      result.outcome = 'rejected';
      result.error = redirected(answer, options.hub) ?? `the hub answered HTTP ${answer.status}`;
      if (!retryable(answer.status)) return finish();
    }
    return finish();
  });
}

/**
 * Pings the hubs of `toPing` (pingHub) at once, site.yml's first in the results: each within a budget of the same
 * length from the same moment, the same time left and signal, and `concurrency` pings of its own in flight, so the
 * former hub adds no time to a run's pings.
 */
export async function pingHubs(toPing: ToPing, options: Omit<WebSubOptions, 'hub'>): Promise<PingResult[]> {
  const [current, former] = await Promise.all([
    toPing.hub ? pingHub(toPing.feeds, { ...options, hub: toPing.hub }) : [],
    toPing.formerHub ? pingHub(toPing.feeds, { ...options, hub: toPing.formerHub }) : [],
  ]);
  const { tries, unsent } = toPing;
  // Only a ping the hub may have seen is a try; one refused or never attempted is counted apart (lib/publish/pendingPings.ts).
  const counted = tries
    ? current.map((ping) => {
        if (tries[ping.url] === undefined) return ping;
        const seen = hubMaySee(ping.outcome) ? 1 : 0;
        return { ...ping, tries: tries[ping.url]! + seen, unsent: (unsent?.[ping.url] ?? 0) + (ping.ok ? 0 : 1 - seen) };
      })
    : current;
  return [...counted, ...former.map((ping) => ({ ...ping, formerHub: toPing.formerHub! }))];
}

/** Whether the hub may have seen a ping that ended so: it answered, or may have had it before the connection failed. */
export const hubMaySee = (outcome: PingOutcome): boolean => outcome === 'delivered' || outcome === 'rejected' || outcome === 'maybe-delivered';

/** Why the pings stopped: the signal's reason when it gives one (`controller.abort('stopped by Ctrl-C')`). */
const interrupted = (signal: AbortSignal) => (typeof signal.reason === 'string' ? signal.reason : 'interrupted');

/** A redirect is not followed (a POST redirected may become a GET, and the hub's address belongs in site.yml). */
function redirected(answer: Extract<PostOutcome, { kind: 'answered' }>, hub: string): string | undefined {
  if (answer.status < 300 || answer.status >= 400) return undefined;
  if (!answer.location) return `the hub answered HTTP ${answer.status} with no Location`;
  let location = answer.location;
  try {
    location = new URL(answer.location, hub).href;
  } catch {
    // Not a URL: shown as sent.
  }
  return `the hub redirected to ${location} (HTTP ${answer.status}); write that URL in site.yml's websub:`;
}

/**
 * How many pings of one hub ended each way, every outcome named (0 included): site.yml's hub's, one per changed feed,
 * as a run record keeps them and status reads them (the hub told of so many of the changed feeds); a former hub's
 * (PingResult.formerHub) only when it was the one hub told (a site.yml that dropped websub:).
 */
export function pingCounts(pings: readonly PingResult[]): Record<PingOutcome, number> {
  const counts = Object.fromEntries(PING_OUTCOMES.map((outcome) => [outcome, 0])) as Record<PingOutcome, number>;
  const { current } = pingsByHub(pings);
  for (const ping of current.length > 0 ? current : pings) counts[ping.outcome]++;
  return counts;
}

/**
 * A run's pings counted as its record keeps them (RunRecord.pings, RunRecord.retriedPings), each absent when it has
 * none: `pings`, one per feed the run changed (pingCounts); `retriedPings`, one per feed an earlier publish left pending
 * (PingResult.tries), which this run may not have changed.
 */
export function recordedPings(pings: readonly PingResult[]): { pings?: Record<PingOutcome, number>; retriedPings?: Record<PingOutcome, number> } {
  const changed = pings.filter((ping) => ping.tries === undefined);
  const retried = pings.filter((ping) => ping.tries !== undefined);
  return { ...(changed.length > 0 ? { pings: pingCounts(changed) } : {}), ...(retried.length > 0 ? { retriedPings: pingCounts(retried) } : {}) };
}

/** A run's pings parted by hub: site.yml's hub's, and the former hub's (PingResult.formerHub set). */
export function pingsByHub(pings: readonly PingResult[]): { current: PingResult[]; former: PingResult[] } {
  return { current: pings.filter((ping) => ping.formerHub === undefined), former: pings.filter((ping) => ping.formerHub !== undefined) };
}

