import { findRun, latestRuns } from '../../lib/publish/runHistory.js';
import { isRunId } from '../../lib/publish/runRecord.js';
import { json, problem } from '../http/responses.js';
import type { Route, TriggerServices } from '../http/router.js';
import type { HttpResponse } from '../http/responses.js';

/** GET /runs?limit=N answers at most this many. */
const MAX_LIMIT = 100;

function noRuns(services: TriggerServices): HttpResponse | undefined {
  return services.runs ? undefined : problem(500, 'the trigger has no SITE_BUCKET to read run records from (deploy again with serverless.yml)');
}

/** GET /runs: the latest runs' records, newest first (`?limit=N`, default 20). */
export const runsRoute: Route = {
  method: 'GET',
  path: '/runs',
  async handle(request, services) {
    const missing = noRuns(services);
    if (missing) return missing;
    const asked = request.query?.getAll('limit') ?? [];
    // One value, in decimal digits: Number() alone would read "0x10" as 16 and "1e1" as 10, and of a repeated
    // `?limit=1&limit=500` the answer would depend on which one a reader takes.
    if (asked.length > 1 || (asked.length === 1 && !/^[0-9]{1,3}$/.test(asked[0]!))) return problem(400, `limit must be one whole number from 1 to ${MAX_LIMIT}, in digits`);
    const limit = asked.length === 0 ? 20 : Number(asked[0]);
    if (limit < 1 || limit > MAX_LIMIT) return problem(400, `limit must be one whole number from 1 to ${MAX_LIMIT}, in digits`);
    return json(200, { runs: await latestRuns(services.runs!, limit) });
  },
};

/** GET /runs/<id>: one run's record; 404 while the run is queued or running (its record is written when it ends). */
export const runRoute: Route = {
  method: 'GET',
  path: '/runs/*',
  async handle(request, services) {
    const missing = noRuns(services);
    if (missing) return missing;
    const id = (request.path ?? '').slice('/runs/'.length);
    if (!isRunId(id)) return problem(400, 'not a run id: use the id the 202 of POST /publish named');
    const record = await findRun(services.runs!, id);
    if (!record) return problem(404, `no record of run ${id} yet: it is queued or running, or it is not a run of this deployment`);
    return json(200, record);
  },
};
