import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { s3ClientOptions, type PublishConfig } from './config.js';
import { s3RequestWorstCaseMs } from '../lib/store/s3Client.js';
import { pingCounts, pingHubs, pingsByHub, type PingResult, type ToPing, type WebSubOptions } from '../lib/publish/websub.js';
import { givenUp, PENDING_WRITE_REQUESTS, PING_RETRIES, PING_UNSENT_LIMIT, rememberPings } from '../lib/publish/pendingPings.js';
import type { Store } from '../lib/store/store.js';
import { countOf } from '../lib/shared/countOf.js';
import type { PublishLockOptions } from '../lib/publish/publishLock.js';

/** The time kept back from the function's timeout past the run record's write at its worst (pingReserveMs): to log and answer. */
export const PING_DEADLINE_MARGIN_MS = 10_000;

/** The time the pings leave the function: the run record's write after them (one S3 put, at its worst) and the margin. */
export function pingReserveMs(config: PublishConfig): number {
  return s3RequestWorstCaseMs(s3ClientOptions(config.s3)) + PING_DEADLINE_MARGIN_MS;
}

/**
 * A function's WebSub pings, made last, once its durable effects are done: bounded by the time the function has
 * left less pingReserveMs, so that a hub that hangs cannot keep it from recording its run and answering. Logs the
 * counts; never throws (pingHub). `output`: where the pings of site.yml's hub left undelivered are kept for the next
 * publish to make again (lib/publish/pendingPings.ts), written holding the publish lock as `lock` takes it; the pings
 * leave time for its write too.
 */
export async function pingAfterRun(toPing: ToPing, options: { config: PublishConfig; context: Context; logger: Logger; websub?: Omit<WebSubOptions, 'hub' | 'remainingMs'>; output?: Store; lock?: PublishLockOptions }): Promise<PingResult[]> {
  // The pending record's write, holding the lock, comes before the run record's: its S3 requests kept back, at their
  // worst; a wait for a lock another publish holds only when there is time for it too.
  const writeMs = options.output ? PENDING_WRITE_REQUESTS * s3RequestWorstCaseMs(s3ClientOptions(options.config.s3)) : 0;
  const reserveMs = pingReserveMs(options.config) + writeMs;
  const pings = await pingHubs(toPing, { ...options.websub, remainingMs: () => options.context.getRemainingTimeInMillis() - reserveMs });
  const mayWait = (ms: number) => options.context.getRemainingTimeInMillis() - reserveMs >= ms;
  const unkept = options.output ? await rememberPings(options.output, toPing, pings, { lock: options.lock, mayWait }) : undefined;
  if (unkept) options.logger.warn(`websub: ${unkept}`);
  // Pending pings that have had all the publishes they may have: not kept (lib/publish/pendingPings.ts).
  const gaveUp = pings.filter((ping) => !ping.ok && ping.tries !== undefined && givenUp({ tries: ping.tries, unsent: ping.unsent ?? 0 })).map((ping) => ping.url);
  if (gaveUp.length > 0) options.logger.warn(`websub: given up the pings of ${countOf(gaveUp.length, 'feed', 'feeds')} after ${PING_RETRIES + 1} publishes tried them, or ${PING_UNSENT_LIMIT + 1} could not reach the hub: the next publish that changes one pings the hub again`, { feeds: gaveUp.slice(0, 10) });
  const counts = pingCounts(pings);
  const failed = pings.filter((ping) => !ping.ok);
  // A ping an earlier publish left (PingResult.tries) is of a feed this run may not have changed: said apart.
  const left = pings.filter((ping) => ping.tries !== undefined).length;
  if (failed.length === 0) options.logger.info(`websub: told the hub about every changed feed${left ? `, and the ${left} an earlier publish failed to ping` : ''}`, { pings: counts });
  else if (pingsByHub(failed).current.length === 0 && toPing.hub) options.logger.warn('websub: told the hub about every changed feed, but not the former hub (site.yml no longer names it, so no publish pings it again; readers poll)', { pings: counts, failed: failed.slice(0, 10) });
  else options.logger.warn(`websub: the hub was not told about every changed feed; the files are published, and readers poll${options.output ? `; the next publishes ping it again (up to ${PING_RETRIES} more tries the hub may see, or ${PING_UNSENT_LIMIT} publishes that cannot reach it)` : ''}`, { pings: counts, failed: failed.slice(0, 10) });
  return pings;
}
