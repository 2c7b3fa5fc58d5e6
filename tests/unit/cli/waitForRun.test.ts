import { describe, expect, it } from 'vitest';
import { waitForRun, type RunWait } from '../../../cli/waitForRun.js';
import { InterruptedError } from '../../../lib/shared/errors.js';

const RUN = 'a3e3269a-6375-4c6b-8feb-f74862cfe5bb';
const notYet = { status: 404, body: { error: 'no such run (yet)' } };

/** A wait whose clock moves only when the trigger is asked: `perPollMs` each time. */
function waitWith(overrides: Partial<RunWait>, perPollMs = 1_000) {
  let now = 0;
  const timeouts: number[] = [];
  const wait: RunWait = {
    runId: RUN,
    poll: async (timeoutMs) => {
      timeouts.push(timeoutMs);
      now += perPollMs;
      return notYet;
    },
    timeoutS: 3,
    intervalS: 0.001,
    say: () => undefined,
    stop: new AbortController().signal,
    clock: () => now,
    ...overrides,
  };
  return { wait, timeouts };
}

describe('waitForRun', () => {
  it('when the run has no record within --timeout, names the command that waits for it again', async () => {
    const { wait } = waitWith({});
    expect(await waitForRun(wait)).toEqual({
      kind: 'notEnded',
      message: `run ${RUN} had not ended after 3 s; it may still be queued behind another publish: broadsheet trigger --wait ${RUN} waits for it again (running broadsheet trigger again is safe too)`,
    });
  });

  it('asks each time for no longer than the time left of --timeout', async () => {
    const { wait, timeouts } = waitWith({ timeoutS: 10 }, 4_000);
    await waitForRun(wait);
    expect(timeouts).toEqual([10_000, 6_000, 2_000]);
  });

  it('stopped by Ctrl-C, says the run goes on and how to follow it, as an interruption', async () => {
    const stop = new AbortController();
    const { wait } = waitWith({ timeoutS: 600, intervalS: 60, stop: stop.signal }, 0);
    const waiting = waitForRun(wait);
    setTimeout(() => stop.abort('SIGINT'), 10);
    const error = await waiting.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toMatchObject({ signal: 'SIGINT', message: `stopped waiting; run ${RUN} goes on; broadsheet trigger --wait ${RUN} waits for it again` });
  });
});
