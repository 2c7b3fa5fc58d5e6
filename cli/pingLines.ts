import { hubMaySee, pingsByHub, type PingResult } from '../lib/publish/websub.js';
import { PING_RETRIES, PING_UNSENT_LIMIT, type PendingFeed } from '../lib/publish/pendingPings.js';
import { countOf } from '../lib/shared/countOf.js';

/**
 * When a ping left out is made again, and what readers do meanwhile: site.yml's hub's by the next publishes, changed
 * feed or not (lib/publish/pendingPings.ts), until PING_RETRIES of them have tried so that the hub may have seen it,
 * or PING_UNSENT_LIMIT could not reach the hub with it; a former hub's never.
 */
const AFTER = {
  current: (it: string, { tries, unsent }: PendingFeed) =>
    tries > PING_RETRIES
      ? `the files are published and readers poll them; given up after ${countOf(tries, 'publish', 'publishes')} tried: the next publish that changes ${it} pings the hub again`
      : unsent > PING_UNSENT_LIMIT
        ? `the files are published and readers poll them; given up after ${countOf(unsent, 'publish', 'publishes')} could not reach the hub with it: the next publish that changes ${it} pings the hub again`
        : `the files are published and readers poll them; the next publish pings the hub about ${it} again, changed or not: try ${tries + 1} of ${PING_RETRIES + 1}`,
  former: (it: string) => `the files are published; site.yml no longer names this hub, so no publish pings it of ${it} again: its subscribers see the change when it or their reader polls`,
} as const;

/**
 * What a run that published says of its WebSub pings: a warning for each feed a hub was not told about, one per hub
 * for those not attempted (stderr), and how many each was told about (stdout, unless --quiet). A former hub (one
 * site.yml no longer names, PingResult.formerHub) is named: it is told only by this publish.
 */
export function pingLines(pings: readonly PingResult[]): { warnings: string[]; told?: string } {
  const warnings: string[] = [];
  const { current, former } = pingsByHub(pings);
  const groups = [
    { pings: current, former: false, hub: 'the hub', after: AFTER.current },
    { pings: former, former: true, hub: `the former hub ${former[0]?.formerHub}`, after: AFTER.former },
  ];
  for (const group of groups) {
    for (const ping of group.pings.filter((p) => !p.ok && p.outcome !== 'not-attempted')) {
      const told = ping.outcome === 'maybe-delivered' ? 'may not have been told' : 'was not told';
      warnings.push(`warning: WebSub: ${group.hub} ${told} about ${ping.url} after ${countOf(ping.attempts, 'attempt', 'attempts')}: ${ping.error} (${group.after('this feed', countsOf(ping))})`);
    }
    const skipped = group.pings.filter((p) => p.outcome === 'not-attempted');
    if (skipped.length > 0) {
      const feeds = countOf(skipped.length, 'changed feed was', 'changed feeds were');
      // Counted by the ping carried most: the others have as many publishes left or more. Not attempted is no try: a
      // changed feed's ping has had none.
      const counts = skipped.map(countsOf);
      const most = { tries: Math.max(...counts.map((c) => c.tries)), unsent: Math.max(...counts.map((c) => c.unsent)) };
      warnings.push(`warning: WebSub: ${feeds} not pinged${group.former ? ` to ${group.hub}` : ''}: ${skipped[0]!.error!.replace(/^not attempted: /, '')} (${group.after(skipped.length === 1 ? 'this feed' : 'them', most)})`);
    }
  }
  // A ping an earlier publish left (PingResult.tries) is of a feed this one may not have changed: counted apart.
  const told = groups.flatMap((group) => {
    const changed = group.pings.filter((p) => p.ok && p.tries === undefined).length;
    const left = group.pings.filter((p) => p.ok && p.tries !== undefined).length;
    const about = [...(changed ? [countOf(changed, 'changed feed', 'changed feeds')] : []), ...(left ? [`${countOf(left, 'feed', 'feeds')} an earlier publish failed to ping`] : [])];
    return about.length ? [`${group.hub} about ${about.join(', and ')}`] : [];
  });
  return { warnings, ...(told.length ? { told: `WebSub: told ${told.join(' and ')}` } : {}) };
}

/** A ping's counts after this publish: an earlier publish's as pingHubs counted them, a changed feed's from none. */
function countsOf(ping: PingResult): PendingFeed {
  const seen = hubMaySee(ping.outcome) ? 1 : 0;
  return { tries: ping.tries ?? seen, unsent: ping.unsent ?? 1 - seen };
}
