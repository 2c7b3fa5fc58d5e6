import { ContentError, IdChangeError, UsageError } from '../shared/errors.js';
import { problemLines } from '../shared/problemLines.js';
import type { PublishWritten } from './publish.js';
import { cappedLists, cappedProblemDetails, recordedIdChanges, recordedWarnings, RUN_RECORD_LIST_LIMIT, type RunOutcome, type RunRecord } from './runRecord.js';
import { outputNotices } from './outputNotices.js';
import { recordedPings, type PingResult } from './websub.js';

export type RunStart = Pick<RunRecord, 'id' | 'kind' | 'trigger' | 'startedAt' | 'endedAt'> & { requestedBy?: string; week?: string };

/** The record of a publish that wrote what it had to (or found the output settled); its pings, once it has any. */
export function publishedRunRecord(start: RunStart, result: PublishWritten & { pings?: readonly PingResult[] }): RunRecord {
  const changed = result.changes.filter((change) => change.status !== 'unchanged');
  return {
    ...start,
    outcome: 'ok',
    // The files new to the manifest that --replace-unclaimed wrote over, counted among the new.
    counts: { ...result.counts, ...(result.replaced?.length ? { replaced: result.replaced.length } : {}) },
    ...cappedLists(changed, problemLines(result.skipped)),
    ...cappedProblemDetails(result.skipped),
    ...recordedWarnings(result.warnings),
    ...recordedIdChanges(result.idChanges ?? []),
    ...outputNotices(result, RUN_RECORD_LIST_LIMIT),
    requests: result.requests,
    ...recordedPings(result.pings ?? []),
  };
}

/** A publish's record again, once its pings are done: they come after it, so that it never waits on the hub. */
export function pingedRunRecord({ pings: _pings, retriedPings: _retried, ...record }: RunRecord, pings: readonly PingResult[], endedAt: string): RunRecord {
  return { ...record, endedAt, ...recordedPings(pings) };
}

/**
 * The record of a run that threw: its outcome from the kind of error, its problems when the content has some, and the
 * warnings read with them (an editor who fixes the problems later still learns of those).
 */
export function failedRunRecord(start: RunStart, error: unknown, requests?: RunRecord['requests']): RunRecord {
  const outcome: RunOutcome = error instanceof IdChangeError || error instanceof UsageError ? 'refused' : error instanceof ContentError ? 'invalid' : 'failed';
  const problems = error instanceof ContentError ? error.problems : [];
  return {
    ...start,
    outcome,
    error: error instanceof Error ? error.name : 'Error',
    message: cutMessage((error instanceof Error ? error.message : String(error)).split('\n')[0]!),
    counts: {},
    ...cappedLists([], problemLines(problems)),
    ...cappedProblemDetails(problems),
    ...(error instanceof ContentError ? recordedWarnings(error.warnings) : {}),
    ...(requests ? { requests } : {}),
  };
}

/** The most characters of an error's message a run record keeps. */
const MESSAGE_LIMIT = 500;
/** The longest last clause a cut keeps whole; a longer one is cut as the rest is. */
const LAST_CLAUSE_LIMIT = 300;
const CUT = ' … ';

/**
 * A message cut to MESSAGE_LIMIT in its middle: its last clause (after the last `; `: what the output now holds and
 * what to do, which status reads to choose its advice) whole, and of what went before both ends, what failed and why
 * (a store error's path first, its cause last).
 */
function cutMessage(message: string): string {
  if (message.length <= MESSAGE_LIMIT) return message;
  const at = message.lastIndexOf('; ');
  const lastClause = at >= 0 && message.length - at <= LAST_CLAUSE_LIMIT ? message.slice(at) : '';
  const before = message.slice(0, message.length - lastClause.length);
  const room = MESSAGE_LIMIT - lastClause.length - CUT.length;
  const head = Math.ceil(room / 2);
  return `${before.slice(0, head)}${CUT}${before.slice(before.length - (room - head))}${lastClause}`;
}
