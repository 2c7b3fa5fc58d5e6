import { setTimeout as sleep } from 'node:timers/promises';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { InterruptedError, UsageError } from '../lib/shared/errors.js';
import type { TriggerAnswer } from './triggerClient.js';

/** How `broadsheet trigger` follows a run the trigger queued: by asking for its record until it is written. */
export interface RunWait {
  runId: string;
  /** GET /runs/<id>, within `timeoutMs` and cut off by `stop`. */
  poll: (timeoutMs: number, stop: AbortSignal) => Promise<TriggerAnswer>;
  timeoutS: number;
  intervalS: number;
  /** Progress lines (stderr). */
  say: (line: string) => void;
  /** Aborted, with the signal's name as its reason, by Ctrl-C or SIGTERM: the run goes on, only the waiting stops. */
  stop: AbortSignal;
  /** Milliseconds, for the waiting's bound. Default Date.now. */
  clock?: () => number;
  /** The trigger queued the run in this process (its 202): it is reachable, and a request that fails is asked again. */
  queued?: boolean;
}

/** The longest one request to the trigger may take: it answers within its own 120 s timeout. */
export const REQUEST_LIMIT_MS = 130_000;

export type RunWaited = { kind: 'ended'; record: RunRecord } | { kind: 'refused'; answer: TriggerAnswer } | { kind: 'notEnded'; message: string };

/**
 * The trigger's answers that say nothing of the run, only that the trigger could not answer this time: throttled
 * (429), an AWS service failing or slow behind it (502, 503, 504). Asked again, as a request that got no answer is.
 */
const PASSING = new Set([429, 502, 503, 504]);

/**
 * Waits until the run's record is written (404 until then), at most `timeoutS` in all, each request included. A request
 * that fails, or that the trigger could not answer (PASSING), is asked again within that time once the trigger has
 * answered (a first request that reaches nothing is a wrong URL, said at once): it asked for the record alone, and the
 * run goes on whatever became of it. Ctrl-C throws InterruptedError saying the run goes on and how to follow it again.
 */
export async function waitForRun(wait: RunWait): Promise<RunWaited> {
  const clock = wait.clock ?? Date.now;
  const started = clock();
  const deadline = started + wait.timeoutS * 1000;
  let lastSaid = started;
  let reached = wait.queued ?? false;
  let previous: string | undefined;
  wait.say(`waiting for run ${wait.runId} ...`);
  try {
    for (;;) {
      let failed: string | undefined;
      try {
        const got = await wait.poll(Math.min(REQUEST_LIMIT_MS, Math.max(1000, deadline - clock())), wait.stop);
        if (got.status === 200) return { kind: 'ended', record: got.body as unknown as RunRecord };
        if (got.status !== 404 && !PASSING.has(got.status)) return { kind: 'refused', answer: got };
        if (got.status !== 404) failed = `the trigger answered ${got.status}${typeof got.body.error === 'string' ? `: ${got.body.error.slice(0, 300)}` : ''}`;
        reached = true;
      } catch (error) {
        if (wait.stop.aborted || !reached) throw error;
        failed = (error as Error).message;
      }
      const lastFailed = previous;
      previous = failed;
      if (clock() + wait.intervalS * 1000 > deadline) {
        const why = failed === undefined ? 'it may still be queued behind another publish' : `the last request for its record failed (${failed}), which leaves the run as it was`;
        return { kind: 'notEnded', message: `run ${wait.runId} had not ended after ${wait.timeoutS} s; ${why}: ${followCommand(wait.runId)} waits for it again (running broadsheet trigger again is safe too)` };
      }
      // A failure said once, and again every 10 s while it lasts, as the progress line is.
      if (failed !== undefined && (failed !== lastFailed || clock() - lastSaid >= 10_000)) {
        wait.say(`asking for run ${wait.runId}'s record failed (${failed}); the run goes on, and this asks again`);
        lastSaid = clock();
      } else if (failed === undefined && clock() - lastSaid >= 10_000) {
        wait.say(`still waiting for run ${wait.runId}: ${Math.round((clock() - started) / 1000)} s`);
        lastSaid = clock();
      }
      await sleep(wait.intervalS * 1000, undefined, { signal: wait.stop });
    }
  } catch (error) {
    // A first request that reached nothing asked for the record alone: the run, if one was asked for, is not affected.
    if (!wait.stop.aborted && error instanceof UsageError) throw new UsageError(`${error.message}; this asked only for run ${wait.runId}'s record: the run, if it was asked for, goes on whatever became of this request, and ${followCommand(wait.runId)} asks again`, { cause: error });
    if (!wait.stop.aborted) throw error;
    const signal = wait.stop.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    throw new InterruptedError(signal, `stopped waiting; run ${wait.runId} goes on; ${followCommand(wait.runId)} waits for it again`);
  }
}

/** The command that follows a queued run: the same credentials as the trigger, no S3 access needed. */
export function followCommand(runId: string): string {
  return `broadsheet trigger --wait ${runId}`;
}
