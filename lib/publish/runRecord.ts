import type { RequestCounts } from '../store/store.js';
import type { Problem } from '../shared/errors.js';
import type { IdChange } from '../plan/idChanges.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { warningLines } from '../shared/warningLines.js';
import type { PingOutcome } from './websub.js';
import type { OutputNotices } from './outputNotices.js';

/** Where run records live: under `_broadsheet/`, which is never served. */
export const RUNS_PREFIX = `${STATE_DIR}runs/`;

/** Changed keys and problems a record lists; the totals say how many there were. */
export const RUN_RECORD_LIST_LIMIT = 50;

/** Warning lines a record (and the trigger's dry run) lists: enough to act on, few enough to read in a terminal. */
export const RUN_RECORD_WARNING_LIMIT = 20;

/**
 * The most bytes of JSON a record's objects of one list (problemDetails, warningDetails, idChanges) take: with its lines and keys
 * at their longest, a record stays within what a reader reads of one (MAX_RUN_RECORD_BYTES, 1 MiB).
 */
export const RUN_RECORD_DETAILS_BYTES = 128 * 1024;

/** Who started a run: the publish function's three events, the digest function, or the CLI. */
export type RunTrigger = 'schedule' | 's3' | 'manual' | 'digest' | 'cli';

/**
 * - `ok`: done (a digest: every recipient sent or skipped);
 * - `invalid`: the content has problems, nothing written;
 * - `refused`: a published id would change (or a digest week was refused), nothing written;
 * - `failed`: anything else (a store, a transport); the next run converges or resumes;
 * - `unfinished`: a local digest send's record as it begins, replaced when it ends: left as it is, the send is under
 *   way or was stopped without an end (killed), and the next `digest --send` resumes it.
 */
export type RunOutcome = 'ok' | 'invalid' | 'refused' | 'failed' | 'unfinished';

/**
 * What one publish or digest run did, written when it ends (and a local digest send's, as it begins); a publish's, what
 * it found of the output (OutputNotices: absent in records written before they were kept).
 */
export interface RunRecord extends OutputNotices {
  /** The Lambda request id (the trigger's 202 names it), or `cli-…` for a local run. */
  id: string;
  kind: 'publish' | 'digest';
  trigger: RunTrigger;
  /** A digest run's ISO week (`2014-W19`), once known; records written before it was kept have none. */
  week?: string;
  /** A digest run that sent test copies (`digest --send --to`), which never count as the subscribers' send. */
  testCopies?: true;
  /** The trigger's request id, for a run the trigger asked for. */
  requestedBy?: string;
  startedAt: string;
  endedAt: string;
  outcome: RunOutcome;
  /** The error's name, when not ok. */
  error?: string;
  message?: string;
  /**
   * Files new, changed, unchanged, deleted, and, of the new, those a first publish wrote over that no publish wrote
   * (`replaced`, --replace-unclaimed; absent when none); or a digest's sent, skipped, failed, unknown.
   */
  counts: Record<string, number>;
  changed: { key: string; status: string }[];
  changedTotal: number;
  /** `FILE[:LINE]: field: message (fix)`. */
  problems: string[];
  problemsTotal: number;
  /**
   * The same problems as objects, as publish --json gives them ({file, line, field, message, fix}): the first
   * RUN_RECORD_LIST_LIMIT within RUN_RECORD_DETAILS_BYTES (problemsTotal counts them all). Absent from records written
   * before they were kept, which have the lines alone.
   */
  problemDetails?: Problem[];
  /**
   * The content's warnings as `publish` prints them after `warning: ` (lib/shared/warningLines.ts: a warning many files
   * share word for word is one line), the first RUN_RECORD_WARNING_LIMIT, and how many lines there are; absent when
   * there were none (and in records written before they were kept).
   */
  warningLines?: string[];
  warningLinesTotal?: number;
  /**
   * The warnings as objects, one a warning (the lines group those many files share), the first
   * RUN_RECORD_WARNING_LIMIT within RUN_RECORD_DETAILS_BYTES, and how many warnings there are; absent as warningLines is.
   */
  warningDetails?: Problem[];
  warningsTotal?: number;
  /**
   * The published ids an ok publish changed (--allow-id-change), as a dry run's answer lists them: the first
   * RUN_RECORD_LIST_LIMIT within RUN_RECORD_DETAILS_BYTES, and how many there are; absent when none (and in records
   * written before they were kept).
   */
  idChanges?: IdChange[];
  idChangesTotal?: number;
  requests?: { content: RequestCounts; output: RequestCounts };
  /** A publish's WebSub pings, one per changed feed, by outcome (lib/publish/websub.ts); absent when none was due. */
  pings?: Record<PingOutcome, number>;
  /**
   * The pings an earlier publish left pending that this run made again (lib/publish/pendingPings.ts), one per feed, by
   * outcome: counted apart, as this run may not have changed those feeds. Absent when none was pending.
   */
  retriedPings?: Record<PingOutcome, number>;
  /**
   * Why an ok digest run sent nothing: its week, asked for by default, comes before the site's first entry (nothing
   * archived either), or is empty without digest.sendEmpty. Absent when it sent, or was not asked to send and archived.
   */
  notSent?: string;
  /**
   * The batches an ok digest run queued for the digest-sender function, one per shard of subscribers: the send is
   * theirs, so the counts hold no recipients (status's FAILING and UNSETTLED lines tell how the batches went).
   */
  queued?: number;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/;

/** A run id as records use it in their key: Lambda request ids and `cli-` ids, never a path. */
export function isRunId(id: string): boolean {
  return RUN_ID.test(id);
}

/** Keys sort newest first: the start time counted down from the year 2286, then the id. */
export function runKey(record: Pick<RunRecord, 'id' | 'startedAt'>): string {
  const inverted = String(9_999_999_999_999 - Date.parse(record.startedAt)).padStart(13, '0');
  return `${RUNS_PREFIX}${inverted}-${record.id}.json`;
}

/** The start time a record's key holds, without reading it. */
export function startedAtOfKey(key: string): number {
  return 9_999_999_999_999 - Number(key.slice(RUNS_PREFIX.length, RUNS_PREFIX.length + 13));
}

/** The run id a record's key holds, without reading it; undefined for a key no record is written under. */
export function runIdOfKey(key: string): string | undefined {
  const match = /^([0-9]{13})-(.*)\.json$/.exec(key.startsWith(RUNS_PREFIX) ? key.slice(RUNS_PREFIX.length) : '');
  return match && isRunId(match[2]!) ? match[2] : undefined;
}

/** Caps the lists a record carries, keeping their totals. */
export function cappedLists(changed: readonly { key: string; status: string }[], problems: readonly string[]): Pick<RunRecord, 'changed' | 'changedTotal' | 'problems' | 'problemsTotal'> {
  return {
    changed: changed.slice(0, RUN_RECORD_LIST_LIMIT).map(({ key, status }) => ({ key, status })),
    changedTotal: changed.length,
    problems: problems.slice(0, RUN_RECORD_LIST_LIMIT),
    problemsTotal: problems.length,
  };
}

/** The warnings a record (or the trigger's dry run) carries: their first lines and how many there are; none, nothing. */
export function cappedWarnings(warnings: readonly Problem[]): Pick<RunRecord, 'warningLines' | 'warningLinesTotal'> {
  const lines = warningLines(warnings);
  return lines.length === 0 ? {} : { warningLines: lines.slice(0, RUN_RECORD_WARNING_LIMIT), warningLinesTotal: lines.length };
}

/**
 * The problems (or an ok publish's skipped entries) a record lists as objects, beside their lines (cappedLists): the
 * first RUN_RECORD_LIST_LIMIT, fewer if they would take more than RUN_RECORD_DETAILS_BYTES.
 */
export function cappedProblemDetails(problems: readonly Problem[]): Pick<RunRecord, 'problemDetails'> {
  return { problemDetails: detailsWithin(problems, RUN_RECORD_LIST_LIMIT) };
}

/** The warnings a record carries: their lines (cappedWarnings), the first as objects, and how many; none, nothing. */
export function recordedWarnings(warnings: readonly Problem[]): Pick<RunRecord, 'warningLines' | 'warningLinesTotal' | 'warningDetails' | 'warningsTotal'> {
  return warnings.length === 0 ? {} : { ...cappedWarnings(warnings), ...cappedWarningDetails(warnings, warnings.length) };
}

/**
 * The warnings a record lists as objects, beside their lines: the first RUN_RECORD_WARNING_LIMIT, fewer if they would
 * take more than RUN_RECORD_DETAILS_BYTES; and `total`, how many there are, where it is known.
 */
export function cappedWarningDetails(warnings: readonly Problem[], total: number | undefined): Pick<RunRecord, 'warningDetails' | 'warningsTotal'> {
  return { warningDetails: detailsWithin(warnings, RUN_RECORD_WARNING_LIMIT), ...(total === undefined ? {} : { warningsTotal: total }) };
}

/** The id changes a record carries: the first as plain objects, and how many there are; none, nothing. */
export function recordedIdChanges(changes: readonly IdChange[]): Pick<RunRecord, 'idChanges' | 'idChangesTotal'> {
  if (changes.length === 0) return {};
  const listed = changes.slice(0, RUN_RECORD_LIST_LIMIT).map(({ url, oldKey, oldId, newKey, newId }) => ({ url, oldKey, oldId, newKey, newId }));
  return { idChanges: firstWithin(listed), idChangesTotal: changes.length };
}

/** The first `limit` problems as plain objects, as many as fit in RUN_RECORD_DETAILS_BYTES of JSON. */
function detailsWithin(problems: readonly Problem[], limit: number): Problem[] {
  return firstWithin(problems.slice(0, limit).map(({ file, line, field, message, fix }): Problem => ({ file, ...(line === undefined ? {} : { line }), field, message, fix })));
}

/**
 * The first of `items` that fit in `budget` bytes of JSON (RUN_RECORD_DETAILS_BYTES: a record's list; the trigger's
 * answers cap theirs alike, functions/http/listsWithinAnswer.ts).
 */
export function firstWithin<T>(items: readonly T[], budget = RUN_RECORD_DETAILS_BYTES): T[] {
  const listed: T[] = [];
  let bytes = 0;
  for (const item of items) {
    bytes += Buffer.byteLength(JSON.stringify(item));
    if (bytes > budget) break;
    listed.push(item);
  }
  return listed;
}
