import { findRun, latestRunsWithin } from '../../lib/publish/runHistory.js';
import { isRunId, runIdOfKey, type RunRecord } from '../../lib/publish/runRecord.js';
import { json, problem } from '../http/responses.js';
import { ANSWER_BUDGET_BYTES } from '../http/answerBudget.js';
import type { Route, TriggerServices } from '../http/router.js';
import type { HttpResponse } from '../http/responses.js';

/** GET /runs?limit=N answers at most this many. */
const MAX_LIMIT = 100;

/**
 * What GET /runs keeps of ANSWER_BUDGET_BYTES for all but its records: the headers, and the ids and message of the
 * runs left out (at most MAX_LIMIT ids of at most 80 characters).
 */
const ENVELOPE_BYTES = 64 * 1024;

/** What the records of one GET /runs answer take at most, as Lambda carries it (answeredBytes). */
export const RUNS_RECORDS_BYTES = ANSWER_BUDGET_BYTES - ENVELOPE_BYTES;

/**
 * A record's bytes in the answer as Lambda carries it (payloadBytes): its JSON within the body's string, each quote
 * and backslash escaped again, and the comma after it.
 */
export function answeredBytes(record: RunRecord): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(record))) - 2 + 1;
}

function noRuns(services: TriggerServices): HttpResponse | undefined {
  return services.runs ? undefined : problem(500, 'the trigger has no SITE_BUCKET to read run records from (deploy again with serverless.yml)');
}

/**
 * GET /runs: the latest runs' records, newest first (`?limit=N`, default 20), as many as fit the answer: the older runs
 * that do not are named by id (`omitted`, their number; `omittedIds`; `message`), for GET /runs/<id>.
 */
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
    // A record may take up to 1 MiB (MAX_RUN_RECORD_BYTES), and a hundred of them more than Lambda lets a function answer.
    const { records, leftOut } = await latestRunsWithin(services.runs!, limit, { budget: RUNS_RECORDS_BYTES, cost: answeredBytes });
    if (leftOut.length === 0) return json(200, { runs: records });
    const omittedIds = leftOut.flatMap((key) => runIdOfKey(key) ?? []);
    const budget = `${ANSWER_BUDGET_BYTES / 1024 / 1024} MiB`;
    return json(200, {
      runs: records,
      omitted: leftOut.length,
      omittedIds,
      message: `left out: the ${leftOut.length} oldest of the runs asked for, to keep this answer within ${budget} (Lambda answers at most 6 MB): read each with GET /runs/<id> (omittedIds), or ask for fewer with ?limit=${Math.max(1, records.length)}`,
    });
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
