import type { S3Event, ScheduledEvent } from 'aws-lambda';
import type { ListedFeedImpact } from '../lib/publish/listedImpact.js';
import type { OutputNotices } from '../lib/publish/outputNotices.js';
import type { IdChange } from '../lib/plan/idChanges.js';
import type { HeldBack } from '../lib/plan/heldBack.js';
import type { EncodedDigestModel } from '../lib/digest/digestModelCodec.js';
import type { Problem } from '../lib/shared/errors.js';
import { problemLines } from '../lib/shared/problemLines.js';
import type { PingOutcome, ToPing } from '../lib/publish/websub.js';

/** What the trigger function sends the publish function (POST /publish). */
export interface ManualPublishEvent {
  source: 'broadsheet.trigger';
  dryRun?: boolean;
  /** Publish even when an entry already published would get another id (refused otherwise, as on every other run). */
  allowIdChange?: boolean;
  /** The trigger's request id, to follow one manual publish across both functions' logs. */
  requestedBy?: string;
  /**
   * The digest function's request: publish as usual, then answer with this week's digest (`YYYY-Www`) as
   * archived (`digest` in the outcome). A week that has not ended (before anything is written) or that the
   * archive does not keep (after the usual publish) is refused with a UsageError outcome. Not with dryRun.
   */
  digestWeek?: string;
  /**
   * digestWeek is the one the digest function chose, no week being named (the schedule's): one before the site's
   * first entry is answered with DigestWeekReply.nothing rather than refused.
   */
  digestWeekByDefault?: boolean;
}

/** The week's digest, as the publish function archived it: the model to mail, and its files' SHA-256 from the manifest. */
export interface DigestWeekReply {
  week: string;
  model: EncodedDigestModel;
  /** digests/YYYY-Www.html and .txt → SHA-256 hex, as the manifest records them after the publish. */
  files: Record<string, string>;
  /**
   * The hub and the feeds this publish changed, for the digest function to ping once it has sent or queued the week
   * (functions/pingAfterRun.ts): so a slow hub delays no send. Absent when no feed changed or the site has no hub.
   */
  toPing?: ToPing;
  /** Why nothing is archived or sent: the week, asked for by default, comes before the site's first entry (`files` empty). */
  nothing?: string;
}

export type PublishEvent = ScheduledEvent | S3Event | S3TestEvent | ManualPublishEvent;

export type PublishTrigger = 'schedule' | 's3' | 'manual';

export const MANUAL_SOURCE = 'broadsheet.trigger';

/** Which of the three events this is, or undefined for anything else. */
export function triggerOf(event: unknown): PublishTrigger | undefined {
  if (!event || typeof event !== 'object') return undefined;
  const e = event as Record<string, unknown>;
  if (e.source === MANUAL_SOURCE) return 'manual';
  if (e.source === 'aws.events' && e['detail-type'] === 'Scheduled Event') return 'schedule';
  if (Array.isArray(e.Records) && e.Records.length > 0 && e.Records.every((r) => (r as { eventSource?: unknown })?.eventSource === 'aws:s3')) return 's3';
  return undefined;
}

/**
 * The message S3 sends once when a notification configuration is put on the bucket (a deploy), in place of an
 * event: no Records, nothing changed (Amazon S3 User Guide, "Event message structure": the test message).
 */
export interface S3TestEvent {
  Service: 'Amazon S3';
  Event: 's3:TestEvent';
  Time?: string;
  Bucket?: string;
  RequestId?: string;
  HostId?: string;
}

export function isS3TestEvent(event: unknown): event is S3TestEvent {
  if (!event || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  return e.Service === 'Amazon S3' && e.Event === 's3:TestEvent' && !('Records' in e);
}

/** The object keys of an S3 event; S3 URL-encodes them, with `+` for spaces. */
export function s3EventKeys(event: S3Event): string[] {
  return event.Records.map((record) => decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')));
}

/**
 * How far S3's clock (eventTime) and the function's may disagree: a change is taken as read by a publish only
 * when it happened at least this long before the publish started.
 */
export const CLOCK_SKEW_MS = 5_000;

/**
 * True when every change of an S3 event happened before `readFrom` (ms since the epoch, less CLOCK_SKEW_MS): a
 * publish that started then listed the content after S3 had stored them (S3 lists what it has stored, read after
 * write), so another publish for them would find nothing new. An eventTime that is missing or unreadable counts
 * as not read.
 */
export function changesReadBy(event: S3Event, readFrom: number): boolean {
  return event.Records.every((record) => {
    // S3 event message structure: eventTime is when S3 finished the request, ISO 8601 in UTC.
    const at = Date.parse(record.eventTime ?? '');
    return Number.isFinite(at) && at <= readFrom - CLOCK_SKEW_MS;
  });
}

/** What the publish function returns (and logs) for every run; a publish's, with what it found of the site bucket. */
export type PublishOutcome =
  | (OutputNotices & {
      ok: true;
      trigger: PublishTrigger;
      dryRun: boolean;
      now: string;
      counts: { new: number; changed: number; unchanged: number; deleted: number };
      entries: { total: number; published: number; skipped: number };
      tags: number;
      /** Keys written or deleted (or that would be, in a dry run), at most MAX_LISTED. */
      changed: { key: string; status: string }[];
      changedTotal: number;
      requests: { content: RequestCountsLike; output: RequestCountsLike };
      /** The problems of the entries left out (skipInvalid), at most MAX_LISTED. */
      skipped: string[];
      skippedTotal: number;
      warnings: number;
      /** The warnings' lines as the CLI prints them, the first RUN_RECORD_WARNING_LIMIT, and their number; absent when there are none. */
      warningLines?: string[];
      warningLinesTotal?: number;
      /**
       * The skipped entries' problems and the warnings as objects, as publish --json gives them, the first MAX_LISTED of
       * each (listedDetails); in the answer only, not the log line; absent from a function deployed before.
       */
      skippedDetails?: Problem[];
      warningDetails?: Problem[];
      /** The entries left out until their date, soonest first, at most HELD_BACK_LISTED (lib/plan/heldBack.ts). */
      heldBack: HeldBack[];
      heldBackTotal: number;
      seconds: number;
      /**
       * A dry run's report of what each changed feed's readers would see: the first MAX_LISTED feeds, within
       * READERS_LISTED_BYTES, each with its first items of each kind (lib/publish/listedImpact.ts); `readersTotal` counts them all.
       */
      readers?: ListedFeedImpact[];
      readersTotal?: number;
      /** The paths the CDN was asked to drop after the publish. */
      invalidated?: string[];
      /** The WebSub pings after the publish, by outcome (lib/publish/websub.ts); absent when no feed changed or the site has no hub. */
      pings?: Record<PingOutcome, number>;
      /** Those an earlier publish left pending, made again (RunRecord.retriedPings). */
      retriedPings?: Record<PingOutcome, number>;
      /** The published ids this run changed (allowIdChange), at most MAX_LISTED; `idChangesTotal` counts them all. */
      idChanges?: IdChange[];
      idChangesTotal?: number;
      /** Only for a request with digestWeek. */
      digest?: DigestWeekReply;
    })
  | { ok: true; trigger: 's3'; ignored: true; reason: string }
  /**
   * `problems`: at most MAX_LISTED, as lines; `problemDetails`: the same as objects, as publish --json gives them (absent
   * from a function deployed before it, and from its log line); `problemsTotal`: how many there are; the warnings as an
   * ok outcome lists them, and their objects' `warningsTotal` (absent from a function deployed before it).
   */
  | { ok: false; trigger: PublishTrigger; error: string; problems: string[]; problemDetails?: Problem[]; problemsTotal: number; message?: string; warningLines?: string[]; warningLinesTotal?: number; warningDetails?: Problem[]; warningsTotal?: number };

interface RequestCountsLike {
  list: number;
  get: number;
  put: number;
  delete: number;
}

/**
 * The most keys, problems or warnings a log line or a response lists, beside their total: a line stays well under
 * CloudWatch's 256 KB (a longer one is split into pieces that are not JSON, which no metric filter matches, so the
 * publish-refused alarm would stay silent) and a response under Lambda's 6 MB, however large the site.
 */
export const MAX_LISTED = 200;

/** The entries held back until their date that an outcome names: the soonest, where a mistyped year is not. */
export const HELD_BACK_LISTED = 10;

/**
 * The problems (or warnings) a log line or a response lists: the first MAX_LISTED, one line each, two files whose names
 * read alike started apart (problemLines); give their total beside.
 */
export function listedProblems(problems: readonly Problem[]): string[] {
  return problemLines(problems, MAX_LISTED);
}

/**
 * The problems a response lists as objects, as publish --json and check --json give them ({file, line, field, message,
 * fix}): the first MAX_LISTED, as listedProblems lists them as lines.
 */
export function listedProblemDetails(problems: readonly Problem[]): Problem[] {
  return problems.slice(0, MAX_LISTED).map(({ file, line, field, message, fix }) => ({ file, ...(line === undefined ? {} : { line }), field, message, fix }));
}

/** A run's skipped entries and warnings as objects (listedProblemDetails); empty lists when there are none. */
export function listedDetails(skipped: readonly Problem[], warnings: readonly Problem[]): { skippedDetails: Problem[]; warningDetails: Problem[] } {
  return { skippedDetails: listedProblemDetails(skipped), warningDetails: listedProblemDetails(warnings) };
}

/**
 * A refusal's warnings as objects (listedProblemDetails) and how many there are, which the objects, capped, do not say;
 * none, nothing.
 */
export function listedWarnings(warnings: readonly Problem[]): { warningDetails?: Problem[]; warningsTotal?: number } {
  return warnings.length === 0 ? {} : { warningDetails: listedProblemDetails(warnings), warningsTotal: warnings.length };
}

/** A refused outcome's problems (their lines, their objects where the function gave them, their total), to pass on as they are. */
export function refusedProblems(outcome: { problems: string[]; problemDetails?: Problem[]; problemsTotal: number }): { problems: string[]; problemDetails?: Problem[]; problemsTotal: number } {
  return { problems: outcome.problems, ...(outcome.problemDetails ? { problemDetails: outcome.problemDetails } : {}), problemsTotal: outcome.problemsTotal };
}

/** A refused outcome's warnings (its first lines and their total, its objects and theirs), to pass on as they are; none, nothing. */
export function refusedWarnings(outcome: { warningLines?: string[]; warningLinesTotal?: number; warningDetails?: Problem[]; warningsTotal?: number }): { warningLines?: string[]; warningLinesTotal?: number; warningDetails?: Problem[]; warningsTotal?: number } {
  const details = outcome.warningDetails ? { warningDetails: outcome.warningDetails, ...(outcome.warningsTotal === undefined ? {} : { warningsTotal: outcome.warningsTotal }) } : {};
  return outcome.warningLines ? { warningLines: outcome.warningLines, warningLinesTotal: outcome.warningLinesTotal ?? outcome.warningLines.length, ...details } : {};
}
