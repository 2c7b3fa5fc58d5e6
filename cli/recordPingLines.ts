import type { RunRecord } from '../lib/publish/runRecord.js';
import { countOf } from '../lib/shared/countOf.js';
import { PING_OUTCOMES } from '../lib/publish/websub.js';

/**
 * What a publish's run record says of its WebSub pings when the hub was not told of every feed (status under the run,
 * trigger after it): `WebSub: the hub was told of 2 of 3 changed feeds (1 refused)`. The feeds an earlier publish failed
 * to ping, made again, counted apart: this run may not have changed them. None when each was delivered.
 */
export function recordPingLines(record: Pick<RunRecord, 'pings' | 'retriedPings'>): string[] {
  const lines: string[] = [];
  const told = [
    { pings: record.pings, feeds: ['changed feed', 'changed feeds'] },
    { pings: record.retriedPings, feeds: ['feed an earlier publish failed to ping', 'feeds an earlier publish failed to ping'] },
  ] as const;
  for (const { pings, feeds } of told) {
    if (!pings) continue;
    const pinged = PING_OUTCOMES.reduce((sum, outcome) => sum + pings[outcome], 0);
    if (pings.delivered < pinged) {
      const others = PING_OUTCOMES.filter((outcome) => outcome !== 'delivered' && pings[outcome] > 0).map((outcome) => `${pings[outcome]} ${outcome.replace('-', ' ')}`);
      lines.push(`WebSub: the hub was told of ${pings.delivered} of ${countOf(pinged, feeds[0], feeds[1])} (${others.join(', ')})`);
    }
  }
  return lines;
}
