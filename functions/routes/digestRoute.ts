import { DIGEST_WEEK_FIELD, type DigestOutcome, type ManualDigestEvent } from '../digestEvents.js';
import { invokeAsync, invokeSync, syncWaitMs, type SyncResult } from '../http/invoke.js';
import { weekNameProblem } from '../../lib/time/weekName.js';
import { json, problem, type HttpResponse } from '../http/responses.js';
import { listsWithinAnswer } from '../http/listsWithinAnswer.js';
import type { Route } from '../http/router.js';

const FIELDS = new Set(['week', 'send']);

/**
 * What a send keeps of the trigger's time after its checks, to hand the send on: the asynchronous invoke's own bound
 * (functions/lambdaClients.ts: 3 attempts of at most 6 s).
 */
export const HAND_ON_MS = 20_000;

/**
 * POST /digest {"week": "2014-W19", "send": false}: runs the digest function.
 * - `"send": false` (the default): archive only, synchronously → 200 with the outcome.
 * - `"send": true`: first the send's checks, synchronously (ManualDigestEvent.check): a refusal answers as an archive's
 *   would (422 with the content's problems, 400 with what is out of step), and nothing is sent; then the send of the
 *   week checked, as an asynchronous invocation → 202; or, for an empty week without digest.sendEmpty, 200 with why
 *   nothing is sent, and nothing is handed on. Each recipient gets the week at most once.
 */
export const digestRoute: Route = {
  method: 'POST',
  path: '/digest',
  async handle(request, { config, lambda, logger }) {
    const unknown = Object.keys(request.body).filter((key) => !FIELDS.has(key));
    if (unknown.length) return problem(400, `unknown field ${JSON.stringify(unknown[0]!.slice(0, 50))}: the body takes "week" (YYYY-Www) and "send" (true or false)`);
    const { week, send = false } = request.body;
    if (typeof send !== 'boolean') return problem(400, '"send" must be true or false');
    if (week !== undefined) {
      if (typeof week !== 'string') return problem(400, '"week" must be a string such as "2014-W19"');
      const wrong = weekNameProblem(week);
      if (wrong) return problem(400, `${DIGEST_WEEK_FIELD}: ${wrong}`);
    }
    const functionName = config.digestFunctionName;
    const event: ManualDigestEvent = { source: 'broadsheet.trigger', action: 'digest', requestedBy: request.requestId, send, ...(typeof week === 'string' ? { week } : {}) };
    if (!send) return answered(await invokeSync<DigestOutcome>(lambda, functionName, event, syncWaitMs(request.timeLeft)), 'archive');
    const checked = await invokeSync<DigestOutcome>(lambda, functionName, { ...event, check: true }, syncWaitMs(request.timeLeft) - HAND_ON_MS);
    if (checked.kind !== 'ok' || !checked.payload.ok) return answered(checked, 'check');
    // An empty week without sendEmpty: the send would send nothing, so none is handed on.
    if (checked.payload.notSent) return json(200, { ...checked.payload, message: `nothing to send: ${checked.payload.notSent}` });
    // The week checked, named: a send handed on just after midnight on Monday still sends it. With the feeds the
    // check published and did not ping, so that no hub holds this answer: the send pings them once it is sent or queued.
    const toPing = checked.payload.toPing;
    const queued = await invokeAsync(lambda, functionName, { ...event, week: checked.payload.week, ...(toPing && toPing.length > 0 ? { toPing } : {}) });
    if (queued.kind === 'busy') return problem(429, 'Lambda is throttling the digest function; the send was checked, but nothing was sent: try again in a minute', { 'retry-after': '60' });
    const { invocationId } = queued;
    logger.info('digest queued', { invocationId, week: checked.payload.week });
    return json(202, { status: 'accepted', invocationId, week: checked.payload.week, message: 'checked: the digest function sends it now; its log lines carry this id' });
  },
};

/** The answer to an archive, or to a send's checks that did not pass (then nothing was sent). */
function answered(result: SyncResult<DigestOutcome>, what: 'archive' | 'check'): HttpResponse {
  const notSent = what === 'check' ? 'nothing was sent; ' : '';
  const waited = result.kind === 'noAnswer' ? `within the ${Math.round(result.waitedMs / 1000)} s the trigger can wait` : '';
  // Not GET /runs: a check that passes is not recorded (the send it hands on records the run).
  if (result.kind === 'noAnswer' && what === 'check') return problem(504, `the digest function did not finish checking the send ${waited}; ${notSent}it may still be archiving the week: ask again in a few minutes, when the check is quicker`);
  if (result.kind === 'noAnswer') return problem(504, `the digest function did not answer ${waited}; it may still be archiving the week, and GET /runs shows its record once it ends`);
  if (result.kind === 'busy') return problem(429, `a digest run is in progress; ${notSent}try again in a minute`, { 'retry-after': '60' });
  if (result.kind === 'failed') return problem(502, `the digest function failed${what === 'check' ? ' while checking the send' : ''}; ${notSent}see its logs for request ${result.invocationId}`);
  const outcome = result.payload;
  // Its lists within a byte cap, as a dry run's (functions/http/listsWithinAnswer.ts).
  if (!outcome.ok) return json(outcome.error === 'ContentError' ? 422 : 400, listsWithinAnswer(outcome));
  return json(200, listsWithinAnswer(outcome));
}
