import { describe, expect, it } from 'vitest';
import { askTrigger, type TriggerRequest } from '../../../cli/askTrigger.js';
import { InterruptedError } from '../../../lib/shared/errors.js';

// Stopped before it is sent (the signal aborted already): nothing is listening on the port, and nothing is asked.
const ENDPOINT = { url: 'http://127.0.0.1:9/', token: 'token', timeoutMs: 5_000 };
async function stopped(request: TriggerRequest, signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): Promise<InterruptedError> {
  const stop = new AbortController();
  stop.abort(signal);
  const error = await askTrigger(ENDPOINT, request, stop.signal).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InterruptedError);
  return error as InterruptedError;
}

describe('Ctrl-C before the trigger answers', () => {
  it('a dry run: it may have run, wrote nothing either way, and the same command asks again', async () => {
    const error = await stopped({ path: '/publish', body: { dryRun: true } });
    expect(error.message).toBe('stopped before the trigger answered: the dry run may or may not have run, and writes nothing either way; broadsheet trigger --dry-run asks again');
  });

  it("a digest's send: the week's send may have been asked for, status lists it, and each subscriber gets the week once", async () => {
    const error = await stopped({ path: '/digest', body: { week: '2014-W19', send: true } }, 'SIGTERM');
    expect(error.signal).toBe('SIGTERM');
    expect(error.message).toBe("stopped before the trigger answered: the 2014-W19 digest's send may or may not have been asked for; broadsheet status --bucket SITE_BUCKET lists the run once it ends (the trigger's GET /runs too); asking again is safe: each subscriber gets the week once");
  });

  it("a digest's archive: asking again archives nothing twice, and says so without calling it a publish", async () => {
    const error = await stopped({ path: '/digest', body: { week: '2014-W19', send: false } });
    expect(error.message).toBe("stopped before the trigger answered: the 2014-W19 digest's archive may or may not have been asked for; broadsheet status --bucket SITE_BUCKET lists the run once it ends (the trigger's GET /runs too); asking again is safe: archiving the week again repeats nothing that is done");
  });
});
