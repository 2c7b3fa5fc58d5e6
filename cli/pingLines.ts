import { pingsByHub, type PingResult } from '../lib/publish/websub.js';
import { countOf } from '../lib/shared/countOf.js';

/** Why a ping left out is not made again, and what readers do meanwhile: site.yml's hub, or a former one. */
const AFTER = {
  current: (it: string) => `the files are published and readers poll them; a ping left out is not retried: the next publish that changes ${it} pings the hub again`,
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
      warnings.push(`warning: WebSub: ${group.hub} ${told} about ${ping.url} after ${countOf(ping.attempts, 'attempt', 'attempts')}: ${ping.error} (${group.after('this feed')})`);
    }
    const skipped = group.pings.filter((p) => p.outcome === 'not-attempted');
    if (skipped.length > 0) {
      const feeds = countOf(skipped.length, 'changed feed was', 'changed feeds were');
      warnings.push(`warning: WebSub: ${feeds} not pinged${group.former ? ` to ${group.hub}` : ''}: ${skipped[0]!.error!.replace(/^not attempted: /, '')} (${group.after(skipped.length === 1 ? 'this feed' : 'them')})`);
    }
  }
  const told = groups.flatMap((group) => {
    const pinged = group.pings.filter((p) => p.ok).length;
    return pinged ? [`${group.hub} about ${countOf(pinged, 'changed feed', 'changed feeds')}`] : [];
  });
  return { warnings, ...(told.length ? { told: `WebSub: told ${told.join(' and ')}` } : {}) };
}
