import { pingHubs, type PingResult, type ToPing } from '../lib/publish/websub.js';
import { notePendingPings, rememberPings, RUN_CLAIM_MS } from '../lib/publish/pendingPings.js';
import type { Store } from '../lib/store/store.js';
import type { PublishLockOptions } from '../lib/publish/publishLock.js';
import { cliPublishLock } from './publishLock.js';
import type { CliIo } from './io.js';
import { onStopSignal } from './onStopSignal.js';

/**
 * Pings the hubs about the feeds a run published. Ctrl-C (SIGINT) or SIGTERM stops the pings alone: the run is done
 * and recorded, so the pings left end not attempted, and the command still reports and ends as the run did. A second
 * signal, of either kind, ends the process at once, as Node does by default once these listeners are gone. `taken`:
 * the signal the run took too late to stop it (Interrupt.taken), which stops the pings before the first. `output`:
 * where the pings of site.yml's hub left undelivered are kept for the next publish to make again
 * (lib/publish/pendingPings.ts), written holding the publish lock as `lock` takes it.
 */
export async function pingWithInterrupt(toPing: ToPing | undefined, io: CliIo, command: string, taken?: 'SIGINT' | 'SIGTERM', output?: Store, lock?: PublishLockOptions): Promise<PingResult[]> {
  if (!toPing) return [];
  const controller = new AbortController();
  // A signal the run took after its last write: no ping is sent.
  if (taken) controller.abort(`stopped by ${taken === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}`);
  // One signal of either kind: the next, Ctrl-C or SIGTERM, finds no listener and ends the process at once.
  const dispose = onStopSignal((signal) => {
    const name = signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
    io.stderr(`broadsheet ${command}: ${name}: the WebSub pings left are not sent; the ${command} is done (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to quit at once)`);
    controller.abort(`stopped by ${name}`);
  });
  let pings: PingResult[];
  try {
    pings = await pingHubs(toPing, { signal: controller.signal });
  } finally {
    dispose();
  }
  const unkept = output ? await rememberPings(output, toPing, pings, { lock }) : undefined;
  if (unkept) io.stderr(`warning: WebSub: ${unkept}`);
  return pings;
}

/**
 * Notes `toPing`'s pings as pending before a long run makes them (the digest's send), as this run's for RUN_CLAIM_MS
 * (lib/publish/pendingPings.ts): killed before pingWithInterrupt, it leaves them to a later publish. The ToPing to
 * make them with, which has pingWithInterrupt rewrite the record.
 */
export async function notePings(output: Store, toPing: ToPing, io: CliIo): Promise<ToPing> {
  const lock = cliPublishLock('digest', io);
  const noted = await notePendingPings(output, toPing, { lock, until: lock.clock() + RUN_CLAIM_MS });
  if (noted.unkept) io.stderr(`warning: WebSub: ${noted.unkept}`);
  return noted.toPing;
}
