import { ContentError, formatProblem, IdChangeError, UsageError } from '../shared/errors.js';
import type { PublishWritten } from './publish.js';
import { cappedLists, cappedWarnings, RUN_RECORD_LIST_LIMIT, type RunOutcome, type RunRecord } from './runRecord.js';
import { outputNotices } from './outputNotices.js';
import { pingCounts, type PingResult } from './websub.js';

export type RunStart = Pick<RunRecord, 'id' | 'kind' | 'trigger' | 'startedAt' | 'endedAt'> & { requestedBy?: string; week?: string };

/** The record of a publish that wrote what it had to (or found the output settled); its pings, once it has any. */
export function publishedRunRecord(start: RunStart, result: PublishWritten & { pings?: readonly PingResult[] }): RunRecord {
  const changed = result.changes.filter((change) => change.status !== 'unchanged');
  return {
    ...start,
    outcome: 'ok',
    // The files new to the manifest that --replace-unclaimed wrote over, counted among the new.
    counts: { ...result.counts, ...(result.replaced?.length ? { replaced: result.replaced.length } : {}) },
    ...cappedLists(changed, result.skipped.map(formatProblem)),
    ...cappedWarnings(result.warnings),
    ...outputNotices(result, RUN_RECORD_LIST_LIMIT),
    requests: result.requests,
    ...(result.pings && result.pings.length > 0 ? { pings: pingCounts(result.pings) } : {}),
  };
}

/** A publish's record again, once its pings are done: they come after it, so that it never waits on the hub. */
export function pingedRunRecord(record: RunRecord, pings: readonly PingResult[], endedAt: string): RunRecord {
  return { ...record, endedAt, pings: pingCounts(pings) };
}

/**
 * The record of a run that threw: its outcome from the kind of error, its problems when the content has some, and the
 * warnings read with them (an editor who fixes the problems later still learns of those).
 */
export function failedRunRecord(start: RunStart, error: unknown, requests?: RunRecord['requests']): RunRecord {
  const outcome: RunOutcome = error instanceof IdChangeError || error instanceof UsageError ? 'refused' : error instanceof ContentError ? 'invalid' : 'failed';
  const problems = error instanceof ContentError ? error.problems.map(formatProblem) : [];
  return {
    ...start,
    outcome,
    error: error instanceof Error ? error.name : 'Error',
    message: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 500),
    counts: {},
    ...cappedLists([], problems),
    ...(error instanceof ContentError ? cappedWarnings(error.warnings) : {}),
    ...(requests ? { requests } : {}),
  };
}
