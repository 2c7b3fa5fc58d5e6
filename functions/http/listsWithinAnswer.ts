import { firstWithin, RUN_RECORD_DETAILS_BYTES } from '../../lib/publish/runRecord.js';

/**
 * The lists a publish or digest function's outcome carries into the trigger's answer, capped by count there
 * (MAX_LISTED) but not by bytes: a few hundred long problems, warnings or id changes, as lines and as objects, could
 * take more than ANSWER_BUDGET_BYTES, and the caller would get the trigger's 500 instead of the list.
 */
const ANSWER_LISTS = ['problems', 'problemDetails', 'warningLines', 'warningDetails', 'skipped', 'skippedDetails', 'idChanges', 'changed'] as const;

/**
 * `body` with each of its ANSWER_LISTS cut to the first items within RUN_RECORD_DETAILS_BYTES of JSON, as a run
 * record's lists are (lib/publish/runRecord.ts): eight of them stay well within ANSWER_BUDGET_BYTES, however escaped.
 * Their totals (problemsTotal, warningLinesTotal, …) are left as they are; `leftOut` says how many of each list were
 * left out for the answer's size; absent when none was.
 */
export function listsWithinAnswer<T extends object>(body: T): T & { leftOut?: Record<string, number> } {
  const capped: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const leftOut: Record<string, number> = {};
  for (const name of ANSWER_LISTS) {
    const list = capped[name];
    if (!Array.isArray(list)) continue;
    const kept = firstWithin(list, RUN_RECORD_DETAILS_BYTES);
    if (kept.length === list.length) continue;
    capped[name] = kept;
    leftOut[name] = list.length - kept.length;
  }
  return (Object.keys(leftOut).length === 0 ? capped : { ...capped, leftOut }) as T & { leftOut?: Record<string, number> };
}
