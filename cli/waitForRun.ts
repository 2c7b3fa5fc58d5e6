import { setTimeout as sleep } from 'node:timers/promises';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { InterruptedError } from '../lib/shared/errors.js';
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
}

/** The longest one request to the trigger may take: it answers within its own 120 s timeout. */
export const REQUEST_LIMIT_MS = 130_000;

export type RunWaited = { kind: 'ended'; record: RunRecord } | { kind: 'refused'; answer: TriggerAnswer } | { kind: 'notEnded'; message: string };

/**
 * Waits until the run's record is written (404 until then), at most `timeoutS` in all, each request included. Ctrl-C
 * throws InterruptedError saying the run goes on and how to follow it again.
 */
export async function waitForRun(wait: RunWait): Promise<RunWaited> {
  const clock = wait.clock ?? Date.now;
  const started = clock();
  const deadline = started + wait.timeoutS * 1000;
  let lastSaid = started;
  wait.say(`waiting for run ${wait.runId} ...`);
  try {
    for (;;) {
      const got = await wait.poll(Math.min(REQUEST_LIMIT_MS, Math.max(1000, deadline - clock())), wait.stop);
      if (got.status === 200) return { kind: 'ended', record: got.body as unknown as RunRecord };
      if (got.status !== 404) return { kind: 'refused', answer: got };
      if (clock() + wait.intervalS * 1000 > deadline) {
        return { kind: 'notEnded', message: `run ${wait.runId} had not ended after ${wait.timeoutS} s; it may still be queued behind another publish: ${followCommand(wait.runId)} waits for it again (running broadsheet trigger again is safe too)` };
      }
      if (clock() - lastSaid >= 10_000) {
        wait.say(`still waiting for run ${wait.runId}: ${Math.round((clock() - started) / 1000)} s`);
        lastSaid = clock();
      }
      await sleep(wait.intervalS * 1000, undefined, { signal: wait.stop });
    }
  } catch (error) {
    if (!wait.stop.aborted) throw error;
    const signal = wait.stop.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    throw new InterruptedError(signal, `stopped waiting; run ${wait.runId} goes on; ${followCommand(wait.runId)} waits for it again`);
  }
}

/** The command that follows a queued run: the same credentials as the trigger, no S3 access needed. */
export function followCommand(runId: string): string {
  return `broadsheet trigger --wait ${runId}`;
}
