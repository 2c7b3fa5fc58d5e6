import type { PingResult } from '../lib/publish/websub.js';
import { countOf } from '../lib/shared/countOf.js';

/**
 * What a run that published says of its WebSub pings: a warning for each feed the hub was not told about, one for
 * those not attempted (stderr), and how many it was told about (stdout, unless --quiet).
 */
export function pingLines(pings: readonly PingResult[]): { warnings: string[]; told?: string } {
  const warnings: string[] = [];
  for (const ping of pings.filter((p) => !p.ok && p.outcome !== 'not-attempted')) {
    const told = ping.outcome === 'maybe-delivered' ? 'may not have been told' : 'was not told';
    warnings.push(`warning: WebSub: the hub ${told} about ${ping.url} after ${countOf(ping.attempts, 'attempt', 'attempts')}: ${ping.error} (the files are published; the next publish that changes this feed pings again)`);
  }
  const skipped = pings.filter((p) => p.outcome === 'not-attempted');
  if (skipped.length > 0) {
    warnings.push(`warning: WebSub: ${countOf(skipped.length, 'changed feed was', 'changed feeds were')} not pinged: ${skipped[0]!.error!.replace(/^not attempted: /, '')} (the files are published; readers and the hub poll them, and the next publish that changes them pings again)`);
  }
  const pinged = pings.filter((p) => p.ok).length;
  return { warnings, ...(pinged ? { told: `WebSub: told the hub about ${countOf(pinged, 'changed feed', 'changed feeds')}` } : {}) };
}
