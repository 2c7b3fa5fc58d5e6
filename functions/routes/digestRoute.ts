import type { DigestOutcome, ManualDigestEvent } from '../digestEvents.js';
import { invokeAsync, invokeSync, syncWaitMs } from '../http/invoke.js';
import { weekNameProblem } from '../../lib/time/weekName.js';
import { json, problem } from '../http/responses.js';
import type { Route } from '../http/router.js';

const FIELDS = new Set(['week', 'send']);

/**
 * POST /digest {"week": "2014-W19", "send": false}: runs the digest function.
 * - `"send": false` (the default): archive only, synchronously → 200 with the outcome.
 * - `"send": true`: an asynchronous invocation → 202; each recipient still gets the week at most once.
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
      if (wrong) return problem(400, `"week": ${wrong}`);
    }
    const functionName = config.digestFunctionName;
    const event: ManualDigestEvent = { source: 'broadsheet.trigger', action: 'digest', requestedBy: request.requestId, send, ...(typeof week === 'string' ? { week } : {}) };
    if (send) {
      const invocationId = await invokeAsync(lambda, functionName, event);
      logger.info('digest queued', { invocationId, week: week ?? 'latest' });
      return json(202, { status: 'accepted', invocationId, message: 'the digest function archives and sends it; its log lines carry this id' });
    }
    const result = await invokeSync<DigestOutcome>(lambda, functionName, event, syncWaitMs(request.timeLeft));
    if (result.kind === 'noAnswer') return problem(504, `the digest function did not answer within the ${Math.round(result.waitedMs / 1000)} s the trigger can wait; it may still be archiving the week, and GET /runs shows its record once it ends`);
    if (result.kind === 'busy') return problem(429, 'a digest run is in progress; try again in a minute', { 'retry-after': '60' });
    if (result.kind === 'failed') return problem(502, `the digest function failed; see its logs for request ${result.invocationId}`);
    const outcome = result.payload;
    if (!outcome.ok) return json(outcome.error === 'ContentError' ? 422 : 400, outcome);
    return json(200, outcome);
  },
};
