import { describe, expect, it } from 'vitest';
import { waitForRun, type RunWait } from '../../../cli/waitForRun.js';
import { InterruptedError, UsageError } from '../../../lib/shared/errors.js';

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

  it('asks again after a request that failed or that the trigger could not answer, once it has answered: the run goes on', async () => {
    const record = { id: RUN, outcome: 'ok' };
    const answers: (() => Promise<{ status: number; body: Record<string, unknown> }>)[] = [
      async () => notYet,
      async () => {
        throw new UsageError(`trigger: GET http://127.0.0.1:9/runs/${RUN} failed: no answer within 3 s (check BROADSHEET_TRIGGER_URL or --url)`);
      },
      async () => ({ status: 502, body: { error: 'internal error; see the trigger\'s logs for request r-9' } }),
      // The same failure again, within 10 s: not said twice.
      async () => ({ status: 502, body: { error: 'internal error; see the trigger\'s logs for request r-9' } }),
      async () => ({ status: 200, body: record }),
    ];
    const said: string[] = [];
    const { wait } = waitWith({ timeoutS: 60, say: (line) => said.push(line), poll: async () => answers.shift()!() });
    expect(await waitForRun(wait)).toEqual({ kind: 'ended', record });
    expect(said).toEqual([
      `waiting for run ${RUN} ...`,
      `asking for run ${RUN}'s record failed (trigger: GET http://127.0.0.1:9/runs/${RUN} failed: no answer within 3 s (check BROADSHEET_TRIGGER_URL or --url)); the run goes on, and this asks again`,
      `asking for run ${RUN}'s record failed (the trigger answered 502: internal error; see the trigger's logs for request r-9); the run goes on, and this asks again`,
    ]);
  });

  it('a run the trigger queued here: a first request that fails is asked again too; at the end, the last failure is named', async () => {
    let polls = 0;
    const { wait } = waitWith({
      queued: true,
      poll: async () => {
        polls += 1;
        throw new UsageError('trigger: GET http://127.0.0.1:9/runs/x failed: socket hang up (check BROADSHEET_TRIGGER_URL or --url)');
      },
    });
    // The clock moves only when the trigger is asked (waitWith): 1 s a request, 3 s in all.
    let now = 0;
    wait.clock = () => now;
    const poll = wait.poll;
    wait.poll = async (timeoutMs, stop) => {
      now += 1_000;
      return poll(timeoutMs, stop);
    };
    expect(await waitForRun(wait)).toEqual({
      kind: 'notEnded',
      message: `run ${RUN} had not ended after 3 s; the last request for its record failed (trigger: GET http://127.0.0.1:9/runs/x failed: socket hang up (check BROADSHEET_TRIGGER_URL or --url)), which leaves the run as it was: broadsheet trigger --wait ${RUN} waits for it again (running broadsheet trigger again is safe too)`,
    });
    expect(polls).toBe(3);
  });

  it('--wait RUN_ID whose first request reaches nothing says so at once, and that it asked for the record alone', async () => {
    let polls = 0;
    const { wait } = waitWith({
      poll: async () => {
        polls += 1;
        throw new UsageError('trigger: GET http://127.0.0.1:9/runs/x failed: connect ECONNREFUSED 127.0.0.1:9: nothing was sent (check BROADSHEET_TRIGGER_URL or --url)');
      },
    });
    const error = await waitForRun(wait).then(() => undefined, (thrown: unknown) => thrown);
    expect(polls).toBe(1);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`trigger: GET http://127.0.0.1:9/runs/x failed: connect ECONNREFUSED 127.0.0.1:9: nothing was sent (check BROADSHEET_TRIGGER_URL or --url); this asked only for run ${RUN}'s record: the run, if it was asked for, goes on whatever became of this request, and broadsheet trigger --wait ${RUN} asks again`);
  });

  it('a refusal that is not passing (the token, a missing SITE_BUCKET) ends the wait with the answer', async () => {
    const answer = { status: 401, body: { error: 'missing or wrong bearer token' } };
    const { wait } = waitWith({ poll: async () => answer });
    expect(await waitForRun(wait)).toEqual({ kind: 'refused', answer });
  });
});
