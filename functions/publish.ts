import type { Context } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DateTime } from 'luxon';
import { readPublishConfig, s3ClientOptions, type PublishConfig } from './config.js';
import { handlerDeps } from './handlerDeps.js';
import { encodeDigestModel } from '../lib/digest/digestModelCodec.js';
import { publishDigestWeek } from '../lib/publish/publishDigestWeek.js';
import { ContentError, IdChangeError, UnclaimedFilesError, UsageError } from '../lib/shared/errors.js';
import { outputNotices, type OutputNotices } from '../lib/publish/outputNotices.js';
import { listedImpact } from '../lib/publish/listedImpact.js';
import { publishUnclaimedRefusal } from './publishUnclaimedRefusal.js';
import type { ChangeStatus } from '../lib/publish/manifest.js';
import { INVALIDATED_ARCHIVE_CACHE_CONTROL, invalidationPaths, type CdnInvalidator } from '../lib/publish/cdnInvalidation.js';
import { CloudFrontInvalidator } from '../lib/publish/cloudFrontInvalidator.js';
import { publish, type PublishResult, type PublishWritten } from '../lib/publish/publish.js';
import type { PublishLockOptions } from '../lib/publish/publishLock.js';
import { weekNameProblem } from '../lib/time/weekName.js';
import { createS3Client } from '../lib/store/s3Client.js';
import { S3Store } from '../lib/store/s3Store.js';
import type { Store } from '../lib/store/store.js';
import { createLogger } from './logger.js';
import { cappedWarnings, RUN_RECORD_LIST_LIMIT, type RunRecord } from '../lib/publish/runRecord.js';
import { recordRun } from './recordRun.js';
import { failedRunRecord, pingedRunRecord, publishedRunRecord, type RunStart } from '../lib/publish/publishRunRecord.js';
import { recordedPings, type PingResult, type ToPing, type WebSubOptions } from '../lib/publish/websub.js';
import { pingAfterRun, pingReserveMs } from './pingAfterRun.js';
import { publishDeadline, type PublishDeadline } from './publishDeadline.js';
import { publishReserveRefusal } from './publishReserveRefusal.js';
import { stoppedByDeadline } from './stoppedByDeadline.js';
import { functionLock } from './functionLock.js';
import { DIGEST_WEEK_FIELD } from './digestEvents.js';
import { guardSiteUrl } from './siteUrlGuard.js';
import { changesReadBy, HELD_BACK_LISTED, isS3TestEvent, listedDetails, listedProblemDetails, listedProblems, listedWarnings, MAX_LISTED, s3EventKeys, triggerOf, type DigestWeekReply, type PublishEvent, type PublishOutcome, type PublishTrigger } from './publishEvents.js';

/** What the publish handler runs with; built once per cold start. */
export interface PublishDeps {
  config: PublishConfig;
  s3: S3Client;
  logger: Logger;
  /** The moment a run publishes as (embargoes). Default: the current time. */
  clock: () => DateTime;
  /** Drops the CDN's cached copies of the files a publish changed; absent: readers wait out `max-age`. */
  cdn?: CdnInvalidator;
  /** How to ping the site's WebSub hub (tests shorten the waits). Default: lib/publish/websub.ts's. */
  websub?: Omit<WebSubOptions, 'hub' | 'remainingMs'>;
}

/** What a run leaves for after its record and its CDN invalidation: the WebSub pings, which wait on nothing of it. */
interface AfterRun {
  toPing?: ToPing;
  /** The site bucket: where the pings left undelivered wait for the next publish (lib/publish/pendingPings.ts). */
  output?: Store;
  /** The run's publish lock, taken again to write them. */
  lock?: PublishLockOptions;
  /** Writes the run's record again with the pings' outcomes. */
  recordPings?: (pings: readonly PingResult[]) => Promise<void>;
}

/**
 * The publish function: on the schedule, on a content change in S3 and on the trigger's request, it runs
 * the same core publish() as the CLI, from the content bucket to the site bucket. Reserved concurrency 1
 * (serverless.yml) makes runs one at a time; the writes are ordered so that a run cut short leaves every
 * published file valid and the next run converges.
 *
 * Invalid content is logged and returned as `ok: false`, not thrown: retrying cannot fix it; so is an S3 request timeout
 * that would leave a run too little time (publishReserveRefusal), and a dry run stopped by the function's time, which
 * answers whoever asked. Any other failure (S3 after the SDK's retries, a publish stopped by
 * the function's time) is thrown, so Lambda retries the asynchronous event.
 */
export function createPublishHandler(makeDeps: () => PublishDeps = defaultDeps) {
  const depsFor = handlerDeps(makeDeps, fallbackLogger);
  // When the last publish of this instance that completed started (reserved concurrency 1: the runs are in turn).
  let lastCompleted: { startedAt: number; runId: string } | undefined;
  return async (event: PublishEvent, context: Context): Promise<PublishOutcome> => {
    const deps = depsFor(context);
    const { config, s3, clock, logger: runLogger } = deps;
    runLogger.addContext(context);
    // A request timeout whose reserve leaves a run too little of the function's time to publish in (past all of it, none).
    // Answered, not thrown: a retry would be refused alike. (An unrecognised event is thrown below, as ever.)
    const refusal = publishReserveRefusal(config.s3);
    const trigger = triggerOf(event);
    if (refusal && trigger) {
      const outcome: PublishOutcome = { ok: false, trigger, error: 'ConfigError', problems: [], problemsTotal: 0, message: refusal };
      runLogger.error('publish refused', { outcome });
      return outcome;
    }
    // A push of N files fires N events, queued behind one another: each change an earlier publish already read is
    // answered at once, so that a large push drains well inside the events' maximum age instead of ageing out into
    // the failed-runs queue (and its alarm).
    if (lastCompleted && trigger === 's3' && changesReadBy(event as Parameters<typeof changesReadBy>[0], lastCompleted.startedAt)) {
      const outcome: PublishOutcome = { ok: true, trigger: 's3', ignored: true, reason: `already read by publish ${lastCompleted.runId}, which started after every change in this event` };
      runLogger.info('ignored', { outcome, keyCount: (event as { Records: unknown[] }).Records.length });
      return outcome;
    }
    // The real time, as S3 stamps its events (the run's clock may be set to another moment).
    const startedAt = Date.now();
    const after: AfterRun = {};
    // Each S3 request of the run is held to the time left (functions/publishDeadline.ts), until its record's write or
    // its lock's release: a run that would not finish in time is cut off, and stops checkpointed, recorded and unlocked.
    const deadline = publishDeadline(s3, config.s3, () => context.getRemainingTimeInMillis(), isDryRun(event, trigger));
    // Stale once the function's timeout has ended the run, however late in it the lock is taken (after the build).
    const lock: PublishLockOptions = { ...functionLock('the publish function', context, () => clock().toMillis(), runLogger), beforeRelease: () => deadline.end() };
    try {
      return await answer(event, trigger, context, deps, lock, after, deadline, startedAt);
    } finally {
      deadline.dispose();
    }
  };

  /** The run, then its CDN invalidation and its pings, each in the time left. */
  async function answer(event: PublishEvent, trigger: PublishTrigger | undefined, context: Context, deps: PublishDeps, lock: PublishLockOptions, after: AfterRun, deadline: PublishDeadline, startedAt: number): Promise<PublishOutcome> {
    const { config, s3, clock, logger: runLogger } = deps;
    let outcome: PublishOutcome;
    try {
      outcome = await run(event, trigger, config, s3, clock, runLogger, context.awsRequestId, lock, Boolean(deps.cdn), after, deadline);
    } finally {
      deadline.end();
    }
    // A run that read and published the whole content (not a dry run, not one refused or ignored).
    if (outcome.ok && 'counts' in outcome && !outcome.dryRun) lastCompleted = { startedAt, runId: context.awsRequestId };
    // Bounded as the pings are: the run record's rewrite after them, at its worst, and the margin stay in hand.
    const answered = deps.cdn ? await invalidateChanged(outcome, deps.cdn, context.awsRequestId, context.getRemainingTimeInMillis() - pingReserveMs(config), runLogger) : outcome;
    if (!after.toPing || !answered.ok || !('counts' in answered)) return answered;
    // Last, once the files, the record and the invalidation are done: a hub that hangs cannot hold any of them, and the
    // pings end in time for the function to answer (a timed-out run would be retried, and find nothing to do).
    const pings = await pingAfterRun(after.toPing, { config, context, logger: runLogger, ...(after.output ? { output: after.output } : {}), ...(after.lock ? { lock: after.lock } : {}), ...(deps.websub ? { websub: deps.websub } : {}) });
    await after.recordPings?.(pings);
    return { ...answered, ...recordedPings(pings) };
  }
}

async function run(event: PublishEvent, trigger: PublishTrigger | undefined, config: PublishConfig, s3: S3Client, clock: () => DateTime, logger: Logger, runId: string, lock: PublishLockOptions, invalidates: boolean, after: AfterRun, deadline: PublishDeadline): Promise<PublishOutcome> {
  // Answered, not thrown: a throw would be retried, then land in the failed-runs queue and alarm after every deploy.
  if (isS3TestEvent(event)) {
    const outcome: PublishOutcome = { ok: true, trigger: 's3', ignored: true, reason: 'the test message S3 sends when the bucket\'s notifications are configured; nothing changed' };
    logger.info('ignored', { outcome });
    return outcome;
  }
  if (!trigger) {
    logger.error('unrecognised event: expected a schedule, an S3 notification or {"source": "broadsheet.trigger"}');
    throw new TypeError('unrecognised event');
  }
  if (trigger === 's3') {
    const keys = s3EventKeys(event as Parameters<typeof s3EventKeys>[0]);
    // The notification is filtered on the prefix already; this guards a hand-made or misrouted event.
    if (!keys.some((key) => key.startsWith(config.contentPrefix))) {
      const outcome: PublishOutcome = { ok: true, trigger, ignored: true, reason: `no key under ${config.contentPrefix}` };
      logger.info('ignored', { outcome, keys: keys.slice(0, 10) });
      return outcome;
    }
    logger.info('content changed', { keys: keys.slice(0, 10), keyCount: keys.length });
  }
  const dryRun = isDryRun(event, trigger);
  // Only someone asking by hand may change published ids; a scheduled or content-change run refuses them.
  const allowIdChange = trigger === 'manual' && (event as { allowIdChange?: unknown }).allowIdChange === true;
  const requestedBy = trigger === 'manual' ? (event as { requestedBy?: unknown }).requestedBy : undefined;
  // The digest function's request: publish, then answer with the week's digest as archived.
  const digestWeek = trigger === 'manual' ? (event as { digestWeek?: unknown }).digestWeek : undefined;
  if (digestWeek !== undefined) {
    const problem = typeof digestWeek !== 'string' ? 'digestWeek is not a string' : dryRun ? 'digestWeek cannot be asked for with dryRun' : weekNameProblem(digestWeek);
    if (problem) {
      const outcome: PublishOutcome = { ok: false, trigger, error: 'UsageError', problems: [], problemsTotal: 0, message: problem };
      logger.error('bad request', { outcome });
      return outcome;
    }
  }

  // Each request cut off when the run's time is up (PublishDeadline.signal).
  const bucket = new S3Store(s3, config.contentBucket, config.contentPrefix, { abortSignal: deadline.signal });
  const content = config.siteUrl ? guardSiteUrl(bucket, config.siteUrl) : bucket;
  const output = new S3Store(s3, config.siteBucket, config.sitePrefix, { abortSignal: deadline.signal });
  const now = clock();
  const started = performance.now();
  // A dry run writes nothing, not even its record: its answer goes back to whoever asked. A publish that took the
  // lock is recorded before its release (PublishOptions.beforeUnlock), once; `again`: a failure after it (a digest
  // week refused or not read once published) replaces that record.
  let recorded: RunRecord | undefined;
  const record = (ran: (start: RunStart) => RunRecord, again = false) => {
    if (dryRun || (recorded && !again)) return Promise.resolve();
    // The record is never refused for want of time, which the deadline keeps for it; it is cut off at what the lock's
    // release needs, or at the margin when written again after it.
    deadline.record();
    recorded = ran({ id: runId, kind: 'publish', trigger, ...(typeof requestedBy === 'string' ? { requestedBy } : {}), startedAt: now.toISO() ?? '', endedAt: clock().toISO() ?? '' });
    return recordRun(output, recorded, logger);
  };
  const requestsSoFar = () => ({ content: { ...content.requests }, output: { ...output.requests } });
  try {
    const options = {
      content,
      output,
      now,
      skipInvalid: config.skipInvalid,
      // Pinged by the handler after the record and the invalidation.
      websub: 'later' as const,
      // The clock is the truth here; a later moment the output needs was a local publish's --now (logged below).
      allowEarlierNow: true,
      ...(config.cacheControl ? { cacheControl: config.cacheControl } : {}),
      // Archive documents stay at the CDN only because every rewrite of one is invalidated (invalidateChanged below).
      ...(invalidates ? { archiveCacheControl: INVALIDATED_ARCHIVE_CACHE_CONTROL } : {}),
    };
    // What the publish found of the site bucket, with the bucket's name: none, nothing.
    const noticesOf = (found: OutputNotices): OutputNotices => (Object.keys(found).length > 0 ? { output: output.description, ...found } : {});
    const beforeUnlock = (ended: { written: PublishWritten } | { error: unknown }) =>
      record((start) => ('error' in ended ? failedRunRecord(start, ended.error, requestsSoFar()) : { ...publishedRunRecord(start, ended.written), ...noticesOf(outputNotices(ended.written, RUN_RECORD_LIST_LIMIT)) }));
    let result: PublishResult;
    let digest: DigestWeekReply | undefined;
    if (typeof digestWeek === 'string') {
      const byDefault = (event as { digestWeekByDefault?: unknown }).digestWeekByDefault === true;
      // digestWeek comes from the digest function, which was asked through POST /digest: its refusals name that field.
      const week = await publishDigestWeek({ ...options, week: digestWeek, weekField: DIGEST_WEEK_FIELD, weekByDefault: byDefault, lock, beforeUnlock, beforeCheckpoint: deadline.checkpoint });
      result = week.publish;
      // The publish's records of the week's files say what is archived now.
      const files = week.nothing !== undefined ? {} : Object.fromEntries([week.model.keys.html, week.model.keys.text].map((key) => [key, result.records[key]?.sha256 ?? '']));
      digest = { week: week.model.week.name, model: encodeDigestModel(week.model), files, ...(week.nothing !== undefined ? { nothing: week.nothing } : {}) };
    } else result = await publish({ ...options, dryRun, allowIdChange, lock, beforeUnlock, beforeCheckpoint: deadline.checkpoint });
    const changed = result.changes.filter((change) => change.status !== 'unchanged');
    // The whole run's: a digest week's model is made after the publish, and may read too.
    const requests = requestsSoFar();
    const outcome: PublishOutcome = {
      ok: true,
      trigger,
      dryRun: result.dryRun,
      now: now.toISO() ?? '',
      counts: result.counts,
      entries: result.entries,
      tags: result.tags,
      changed: changed.slice(0, MAX_LISTED).map(({ key, status }) => ({ key, status })),
      changedTotal: changed.length,
      requests,
      skipped: listedProblems(result.skipped),
      skippedTotal: result.skipped.length,
      warnings: result.warnings.length,
      ...cappedWarnings(result.warnings),
      heldBack: result.heldBack.slice(0, HELD_BACK_LISTED),
      heldBackTotal: result.heldBack.length,
      seconds: Math.round(performance.now() - started) / 1000,
      // Capped as `changed` is: a change to thousands of tag feeds would pass Lambda's 6 MB answer.
      ...listedImpact(result.readers, result.idChanges, MAX_LISTED),
      ...noticesOf(outputNotices(result, MAX_LISTED)),
    };
    await record((start) => publishedRunRecord(start, { ...result, requests }));
    // The digest function pings once it has sent or queued the week: a slow hub holds no send (DigestWeekReply.toPing).
    if (result.toPing && digest) digest.toPing = result.toPing;
    else if (result.toPing) {
      after.toPing = result.toPing;
      after.output = output;
      after.lock = lock;
      after.recordPings = (pings) => (recorded ? recordRun(output, pingedRunRecord(recorded, pings, clock().toISO() ?? ''), logger) : Promise.resolve());
    }
    // The log line keeps to counts: the model (up to a few hundred KB) and the readers' items (up to READERS_LISTED_BYTES,
    // past CloudWatch's 256 KB a line) go only into the response.
    const { readers: _readers, ...logged } = outcome as Extract<PublishOutcome, { counts: unknown }>;
    logger.info(dryRun ? 'dry run' : 'published', { outcome: logged, ...(digest ? { digest: { week: digest.week, entries: digest.model.entries.length, files: digest.files } } : {}), ...(typeof requestedBy === 'string' ? { requestedBy } : {}) });
    // What check would say (X.MD never published, a repeated url, a date far from the others): named here, the
    // only place an editor who publishes through the function reads them.
    if (result.turnedBackFrom) {
      logger.warn('the last publish was as of a later moment: this one took down what came due since', { neededFrom: result.turnedBackFrom.toISO() });
    }
    if (result.warnings.length > 0) {
      logger.warn('content warnings', { warnings: listedProblems(result.warnings), warningsTotal: result.warnings.length });
    }
    // The answer gives the skipped entries and the warnings as objects too, as publish --json does (trigger --json
    // prints them so); the log line keeps to the lines, within CloudWatch's line size.
    const answer: PublishOutcome = { ...outcome, ...listedDetails(result.skipped, result.warnings) };
    return digest ? { ...answer, digest } : answer;
  } catch (caught) {
    // Its fix is the CLI's first publish: the function cannot overwrite them.
    const error = caught instanceof UnclaimedFilesError ? publishUnclaimedRefusal(caught, config) : caught;
    await record((start) => failedRunRecord(start, error, requestsSoFar()), recorded?.outcome === 'ok');
    if (error instanceof ContentError) {
      // The warnings too: a refused dry run's answer is all the editor reads of them.
      const outcome: PublishOutcome = { ok: false, trigger, error: error.name, problems: listedProblems(error.problems), problemsTotal: error.problems.length, ...cappedWarnings(error.warnings) };
      logger.error(error instanceof IdChangeError ? 'published ids would change: nothing was written' : 'invalid content: nothing was written', { outcome });
      // The answer gives them as objects too, as publish --json does (trigger --json prints them so); the log line keeps to
      // the lines, within CloudWatch's line size.
      return { ...outcome, problemDetails: listedProblemDetails(error.problems), ...listedWarnings(error.warnings) };
    }
    if (error instanceof UsageError) {
      // A digest week that has not ended (refused before any write), or that the archive does not keep (refused
      // after the publish, which wrote only what any publish would); an output holding another site's publish.
      const outcome: PublishOutcome = { ok: false, trigger, error: 'UsageError', problems: [], problemsTotal: 0, message: error.message };
      logger.error('publish refused', { outcome });
      return outcome;
    }
    // A dry run's answer goes back to whoever asked: one stopped by the function's time is answered, not thrown, so that
    // Lambda does not run it again (an asynchronous event's retry) for no one.
    if (dryRun && stoppedByDeadline(error)) {
      const outcome: PublishOutcome = { ok: false, trigger, error: 'DeadlineError', problems: [], problemsTotal: 0, message: (error as Error).message };
      logger.error(DRY_RUN_STOPPED_LINE, { outcome, requests: { content: content.requests, output: output.requests } });
      return outcome;
    }
    logger.error(dryRun ? 'dry run failed; it wrote nothing' : 'publish failed; the published files are unchanged or valid, and the next run converges', {
      error: { name: (error as Error).name, message: (error as Error).message },
      requests: { content: content.requests, output: output.requests },
    });
    throw error;
  }
}

/**
 * After a publish that changed files: the CDN drops its copies of exactly those (lib/publish/cdnInvalidation.ts).
 * A failure is logged, never thrown: the files are published, and the cache expires them anyway. Waited for at most
 * `waitMs` (the CloudFront client's retries alone can take over a minute): a publish that ends late in its time is not
 * cut off by Lambda's timeout for it, which would count as the run's error and retry a publish that has nothing left
 * to change.
 */
async function invalidateChanged(outcome: PublishOutcome, cdn: CdnInvalidator, runId: string, waitMs: number, logger: Logger): Promise<PublishOutcome> {
  if (!outcome.ok || !('counts' in outcome) || outcome.dryRun || outcome.changedTotal === 0) return outcome;
  // The outcome lists at most MAX_LISTED keys; past that the paths would be a wildcard anyway.
  const paths = outcome.changedTotal > outcome.changed.length ? ['/*'] : invalidationPaths(outcome.changed.map(({ key, status }) => ({ key, status: status as ChangeStatus, size: 0 })));
  if (paths.length === 0) return outcome;
  if (waitMs <= 0) {
    logger.warn(CDN_NOT_ASKED, { paths: paths.length });
    return outcome;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
  });
  try {
    const asked = cdn.invalidate(paths, runId);
    asked.catch(() => undefined);
    if ((await Promise.race([asked, late])) === 'late') {
      logger.warn(CDN_NOT_ANSWERED, { paths: paths.length, waitedMs: waitMs });
      return outcome;
    }
    logger.info('cdn invalidated', { paths: paths.length, wildcard: paths[0] === '/*' });
    return { ...outcome, invalidated: paths };
  } catch (error) {
    logger.warn('cdn invalidation failed; readers see the change once max-age runs out', { error: { name: (error as Error).name, message: (error as Error).message } });
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** The log line of a dry run stopped by the function's time running short (publishDeadline): answered, not retried. */
export const DRY_RUN_STOPPED_LINE = 'dry run stopped: the function\'s time ran short; it wrote nothing';

/** The log line of an invalidation not asked for: the run's time left holds only its record's rewrite. */
export const CDN_NOT_ASKED = 'cdn invalidation not asked for: too little of the function\'s time is left; readers see the change once max-age runs out';
/** The log line of an invalidation CloudFront did not answer in the time left: it may have been made, or not. */
export const CDN_NOT_ANSWERED = 'cdn invalidation not answered in the function\'s time left (it may have been made, or not); readers see the change once max-age runs out';

const fallbackLogger = createLogger('broadsheet-publish');

function defaultDeps(): PublishDeps {
  const config = readPublishConfig(process.env);
  // DISTRIBUTION_ID is set when the deployment invalidates (the invalidateCdn param); without it readers wait out max-age.
  const cdn = config.distributionId ? new CloudFrontInvalidator({ distributionId: config.distributionId }) : undefined;
  return { config, s3: createS3Client(s3ClientOptions(config.s3)), logger: fallbackLogger, clock: () => DateTime.now(), ...(cdn ? { cdn } : {}) };
}

export const handler = createPublishHandler();

/** A manual run asking for a dry run: it writes nothing. */
function isDryRun(event: PublishEvent, trigger: PublishTrigger | undefined): boolean {
  return trigger === 'manual' && (event as { dryRun?: unknown }).dryRun === true;
}
