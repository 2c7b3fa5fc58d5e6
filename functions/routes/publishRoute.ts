import { MANUAL_SOURCE, refusedProblems, refusedWarnings, type ManualPublishEvent, type PublishOutcome } from '../publishEvents.js';
import { invokeAsync, invokeSync, syncWaitMs } from '../http/invoke.js';
import { json, problem } from '../http/responses.js';
import { listsWithinAnswer } from '../http/listsWithinAnswer.js';
import type { Route } from '../http/router.js';

const FIELDS = new Set(['dryRun', 'allowIdChange']);
/** A throttled invocation's Retry-After: a publish takes about a minute, and so does Lambda's throttling to let up. */
const RETRY_AFTER_S = '60';

/**
 * POST /publish: asks the publish function to publish, rather than publishing here beside it, so that
 * reserved concurrency 1 keeps every publish one at a time.
 * - `{}`: an asynchronous invocation, queued by Lambda behind a running publish → 202 with its id (429 with
 *   Retry-After if Lambda throttled the request: nothing was queued).
 * - `{"dryRun": true}`: a synchronous invocation; it writes nothing → 200 with what would change
 *   (422 with the problems, the first MAX_LISTED within a byte cap and their total, and the warnings as a 200 lists them, if the
 *   content is invalid; 409 with the message if the site bucket refused it; 429 while another publish runs; 504 if
 *   the function's time ran short, its S3 slow; 503 if its settings are refused).
 */
export const publishRoute: Route = {
  method: 'POST',
  path: '/publish',
  async handle(request, { config, lambda, logger }) {
    const unknown = Object.keys(request.body).filter((key) => !FIELDS.has(key));
    if (unknown.length) return problem(400, `unknown field ${JSON.stringify(unknown[0]!.slice(0, 50))}: the body takes only "dryRun" and "allowIdChange" (true or false)`);
    const dryRun = request.body.dryRun ?? false;
    if (typeof dryRun !== 'boolean') return problem(400, '"dryRun" must be true or false');
    const allowIdChange = request.body.allowIdChange ?? false;
    if (typeof allowIdChange !== 'boolean') return problem(400, '"allowIdChange" must be true or false');
    const event: ManualPublishEvent = { source: MANUAL_SOURCE, requestedBy: request.requestId, ...(dryRun ? { dryRun } : {}), ...(allowIdChange ? { allowIdChange } : {}) };

    if (!dryRun) {
      const queued = await invokeAsync(lambda, config.publishFunctionName, event);
      // As a dry run's: Lambda throttled the request, nothing was queued, and the same request works once it lets up.
      if (queued.kind === 'busy') return problem(429, 'Lambda is throttling the publish function; nothing was queued: try again in a minute', { 'retry-after': RETRY_AFTER_S });
      const { invocationId } = queued;
      logger.info('publish queued', { invocationId });
      // The publish function's request id is this invocation's: its run record carries it (GET /runs/<runId>).
      return json(202, { status: 'accepted', invocationId, runId: invocationId, message: `the publish function runs it next; GET /runs/${invocationId} shows its record once it ends, and its log lines carry this id` });
    }
    const result = await invokeSync<PublishOutcome>(lambda, config.publishFunctionName, event, syncWaitMs(request.timeLeft));
    if (result.kind === 'noAnswer') return problem(504, `the publish function did not answer the dry run within the ${Math.round(result.waitedMs / 1000)} s the trigger can wait; it writes nothing, and a site this large is checked faster from your machine: broadsheet publish --dry-run --content s3://BUCKET/PREFIX --bucket SITE_BUCKET`);
    if (result.kind === 'busy') return problem(429, 'another publish is running; try again in a minute', { 'retry-after': RETRY_AFTER_S });
    if (result.kind === 'failed') return problem(502, `the publish function failed; see its logs for request ${result.invocationId}`);
    const outcome = result.payload;
    // The function's time ran short (a slow S3): nothing is wrong with the content, and the dry run wrote nothing.
    if (!outcome.ok && outcome.error === 'DeadlineError') return problem(504, `the publish function ran out of time for the dry run; it wrote nothing, and may be asked for again: ${outcome.message ?? ''}`);
    // The function's settings refused (publishReserveRefusal): neither the content nor the output is at fault.
    if (!outcome.ok && outcome.error === 'ConfigError') return problem(503, `the publish function's configuration is refused; nothing was read or written: ${outcome.message ?? ''}`);
    // The output refused (files no publish wrote, another site's publish): the content is not at fault, and the message says what to do.
    if (!outcome.ok && outcome.error === 'UsageError') return json(409, listsWithinAnswer({ error: 'the site bucket refused the publish; nothing would be published', kind: outcome.error, message: outcome.message ?? '', ...refusedWarnings(outcome) }));
    if (!outcome.ok) return json(422, listsWithinAnswer({ error: outcome.error === 'IdChangeError' ? 'published ids would change; nothing would be published' : 'the content is invalid; nothing would be published', kind: outcome.error, ...refusedProblems(outcome), ...refusedWarnings(outcome) }));
    return json(200, listsWithinAnswer(outcome));
  },
};

