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
    const asked = request.query?.get('limit') ?? null;
    const limit = asked === null ? 20 : Number(asked);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return problem(400, `limit must be a whole number from 1 to ${MAX_LIMIT}`);
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
