import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { s3ClientOptions } from './config.js';
import { ARCHIVE_RERENDERED, checkArchived, checkSend, checkWeekName, emptyWeekNotSent, prepareSend, requireSite, type Delivery, type DigestSendOptions } from '../lib/delivery/digestDelivery.js';
import type { DigestModel } from '../lib/digest/digestModel.js';
import { decodeDigestModel } from '../lib/digest/digestModelCodec.js';
import { readDigestFunctionConfig, type DigestFunctionConfig } from './digestEnv.js';
import { ArchiveError, ConfigError, ContentError, DeliveryStoppedError, ParameterError, type Problem, PublishBusyError, RunRefusedError, UsageError } from '../lib/shared/errors.js';
import { countOf } from '../lib/shared/countOf.js';
import { recipientId } from '../lib/subscribers/recipient.js';
import { fanOutDigest, type BatchQueue } from '../lib/delivery/digestFanout.js';
import { SqsBatchQueue, createSqsClient } from './sqsBatchQueue.js';
import { createSesClient, SesTransport } from '../lib/delivery/sesTransport.js';
import { SmtpTransport } from '../lib/delivery/smtpTransport.js';
import { createS3Client } from '../lib/store/s3Client.js';
import { createSenderS3Client } from './digestSenderS3.js';
import { digestSendReserve } from './digestSendReserve.js';
import { archiveMarginMs } from './archiveMargin.js';
import { afterPublishDeadline } from './afterPublishDeadline.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { deliverByShard } from '../lib/delivery/deliverByShard.js';
import { noteWeekSent } from '../lib/delivery/failedBatches.js';
import { noteUnsettled } from '../lib/delivery/unsettledWeeks.js';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { createSsmClient } from './ssmClient.js';
import { readSmtpUrl, requireSmtpUrlGiven } from './smtpUrl.js';
import { deployedSesOptions } from './deployedSesOptions.js';
import { runWeek } from './digestSchedule.js';
import { PARAMETER_TIMEOUT_MS, readSecretParameter } from './ssmParameter.js';
import { S3Store } from '../lib/store/s3Store.js';
import { DIGEST_SCHEDULE_SOURCE, DIGEST_WEEK_FIELD, type DigestEvent, type DigestOutcome } from './digestEvents.js';
import { invokeSync } from './http/invoke.js';
import { checkSenderParameters } from './checkSenderParameters.js';
import { createLambdaClient } from './lambdaClients.js';
import { createLogger } from './logger.js';
import { loggedError } from './loggedError.js';
import { loggedText } from './loggedText.js';
import { loggedRecipientDetail } from './loggedRecipientDetail.js';
import { recordRun } from './recordRun.js';
import { digestRunRecord } from './digestRunRecord.js';
import { failedRunRecord, type RunStart } from '../lib/publish/publishRunRecord.js';
import { cappedWarnings } from '../lib/publish/runRecord.js';
import { listedProblemDetails, listedProblems, listedWarnings, MANUAL_SOURCE, refusedProblems, refusedWarnings, type DigestWeekReply, type ManualPublishEvent, type PublishOutcome } from './publishEvents.js';
import { handlerDeps } from './handlerDeps.js';
import { offeredTags } from '../lib/subscribers/offeredTags.js';
import { goneTagWarnings } from '../lib/delivery/goneTagWarnings.js';
import { pingAfterRun } from './pingAfterRun.js';
import { functionLock } from './functionLock.js';
import { stoppedByDeadline } from './stoppedByDeadline.js';
import { notePendingPings } from '../lib/publish/pendingPings.js';
import { recordedPings, type PingOutcome, type ToPing, type WebSubOptions } from '../lib/publish/websub.js';
import { publicUrl } from '../lib/shared/urls.js';
import type { Site } from '../lib/content/site.js';
import type { Tag } from '../lib/content/entry.js';

export interface DigestDeps {
  config: DigestFunctionConfig;
  /** Reads SECRET_PARAMETER and SMTP_URL_PARAMETER, when the config names them, for a send made here (no queue). */
  ssm?: SSMClient;
  s3: S3Client;
  /**
   * The S3 client of a send made here (no queue), for the send ledger, the subscriber store and the week's notes: the
   * digest-sender's tighter bounds (functions/digestSenderS3.ts), which the time kept in hand counts (digestSendReserve).
   * Default: `s3`.
   */
  sendS3?: S3Client;
  ses: SESv2Client;
  /** Invokes the publish function (PUBLISH_FUNCTION_NAME). */
  lambda: LambdaClient;
  /** The fan-out queue (FANOUT_QUEUE_URL), when the send is queued rather than made here. */
  queue?: BatchQueue;
  logger: Logger;
  clock: () => DateTime;
  /** How to ping the site's WebSub hub after the send (tests shorten the waits). Default: lib/publish/websub.ts's. */
  websub?: Omit<WebSubOptions, 'hub' | 'remainingMs'>;
}

/**
 * The digest function. Weekly, EventBridge Scheduler runs it at the configured local day and time in the
 * site's zone: it archives the week just ended and sends it. The trigger's POST /digest runs it for a named
 * week, sending or not. The recipients are the confirmed subscribers under SUBSCRIBERS_PREFIX (required: the
 * function keeps no other list); delivery is SES unless site.yml says smtp. Exactly once holds across Lambda's retries, reruns and manual runs through the send ledger.
 *
 * A run that stops early throws, so Lambda's retry resumes it: the transport down (SES throttled, paused or
 * failing), a few failures in a row, or too little of the function's time left for one more message (it
 * stops cleanly before Lambda's timeout would cut it off). A recipient that fails alone does not throw
 * (retrying cannot fix a bad address). A run refused for its content or its setup (invalid entries, an SMTP send
 * without its URL) archives and sends nothing and logs why: a manual run answers `ok: false` (a setting out of step
 * with the stack too), a scheduled one then throws, since only a failure reaches the digest-errors alarm. The trigger
 * has a manual send checked first (ManualDigestEvent.check), so that its caller hears the refusal.
 *
 * One writer: the publish function is the only writer of published files (reserved concurrency 1 keeps its
 * runs apart), and this function does not even bundle the publishing core. It invokes the publish function
 * synchronously with the week (`digestWeek`): that publishes as usual (with nothing changed it writes
 * nothing) and answers with the week's digest model as archived. This function renders the week's archive
 * files from that model and sends only if the manifest holds exactly those bytes. A busy (throttled) or
 * failed publish throws, so Lambda's retry tries again later; the send ledger under
 * _broadsheet/digest-ledger/ is what this function writes to the site bucket, besides its run records and the pings
 * left pending (lib/publish/pendingPings.ts). The WebSub pings of the feeds that publish changed, and of those an
 * earlier publish left pending, are this function's, made once the week is sent or queued, or its send has failed
 * (DigestWeekReply.toPing). A manual send's check pings none: it answers at once, and hands them on to the send
 * (DigestOutcome.toPing, ManualDigestEvent.toPing).
 */
export function createDigestHandler(makeDeps: () => DigestDeps = defaultDeps) {
  const depsFor = handlerDeps(makeDeps, fallbackLogger);
  return async (event: DigestEvent, context: Context): Promise<DigestOutcome> => {
    const deps = depsFor(context);
    const { config, s3, clock, logger } = deps;
    // Every run's record, written when it ends (GET /runs, broadsheet status).
    const startedAt = clock().toISO() ?? '';
    const requestedBy = (event as { requestedBy?: unknown } | undefined)?.requestedBy;
    const start = (): RunStart => ({ id: context.awsRequestId, kind: 'digest', trigger: event?.source === 'broadsheet.trigger' ? 'manual' : 'schedule', ...(typeof requestedBy === 'string' ? { requestedBy } : {}), startedAt, endedAt: clock().toISO() ?? '' });
    const output = new S3Store(s3, config.siteBucket, config.sitePrefix);
    // The week, once the run knows it, and its pings, once made: a failed or refused run's record keeps them too.
    const run: RunSoFar = {};
    const started = (): RunStart => ({ ...start(), ...(run.week ? { week: run.week } : {}) });
    let outcome: DigestOutcome;
    try {
      outcome = await runEvent(deps, event, context, run);
    } catch (error) {
      await recordRun(output, { ...failedRunRecord(started(), error), ...run.pings }, logger);
      throw error;
    }
    // A check that passed is followed by the send it checked, which records the run; one with nothing to send is the run.
    if (!(outcome.ok && outcome.checked && !outcome.notSent)) await recordRun(output, digestRunRecord(started(), outcome), logger);
    // A scheduled run that sent nothing because it was refused (its setup or its content) fails, so that Lambda's
    // Errors metric and the digest-errors alarm see it: nobody reads its answer. Lambda's retries refuse the same
    // way, or, once the cause is fixed, send the same week (its scheduledTime) through the ledger, once.
    if (!outcome.ok && outcome.trigger === 'schedule') throw scheduledRefusal(outcome);
    return outcome;
  };
}

/** What a run has settled when it fails: its week, and its pings if it made them before failing. */
interface RunSoFar {
  week?: string;
  pings?: { pings?: Record<PingOutcome, number>; retriedPings?: Record<PingOutcome, number> };
}

/**
 * What the send pings: the feeds its own publish changed and those a check's publish changed and handed on
 * (ManualDigestEvent.toPing), to the hub site.yml names now (and the former hub its own publish found, PublishResult.toPing). A handed-on feed must be one of the site's URLs: the
 * event names what to ping, never where.
 */
function sendersPings(site: Site, own: ToPing | undefined, handedOn: unknown): ToPing | undefined {
  const hub = own?.hub ?? site.websub;
  const base = publicUrl(site.url, '');
  const extra = Array.isArray(handedOn) ? handedOn.filter((feed): feed is string => typeof feed === 'string' && feed.startsWith(base)) : [];
  const feeds = [...new Set([...(own?.feeds ?? []), ...extra])];
  const formerHub = own?.formerHub;
  // The counts of the pings an earlier publish left (lib/publish/pendingPings.ts), and those it dropped, for the record this run rewrites.
  const { tries, unsent, dropped } = own ?? {};
  return (hub || formerHub) && feeds.length > 0 ? { ...(hub ? { hub } : {}), ...(formerHub ? { formerHub } : {}), feeds, ...(tries ? { tries } : {}), ...(unsent ? { unsent } : {}), ...(dropped ? { dropped } : {}) } : undefined;
}

/**
 * The most bytes of feed URLs a check hands on: the trigger passes them in an asynchronous invocation, whose payload
 * Lambda caps at 256 KB, beside the event's other fields.
 */
const HANDED_ON_PING_BYTES = 128 * 1024;

/** The feeds a check hands on, as many as fit HANDED_ON_PING_BYTES; any left out are logged (readers and the hub poll). */
function handedOnFeeds(feeds: readonly string[], logger: Logger): string[] {
  let bytes = 0;
  const fitting = feeds.filter((feed) => (bytes += Buffer.byteLength(feed) + 3) <= HANDED_ON_PING_BYTES);
  if (fitting.length < feeds.length) logger.warn('websub: too many changed feeds to hand on to the send; those left out are not pinged, and readers poll', { handedOn: fitting.length, leftOut: feeds.length - fitting.length });
  return fitting;
}

/** The error a refused scheduled run throws, logged already: what was refused, as the outcome says it. */
function scheduledRefusal(outcome: Extract<DigestOutcome, { ok: false }>): Error {
  if (outcome.error === 'ContentError') {
    const listed = outcome.problems ?? [];
    const total = outcome.problemsTotal ?? listed.length;
    return new RunRefusedError(`the scheduled digest was refused for invalid content (${countOf(total, 'problem', 'problems')}${listed[0] ? `, the first: ${listed[0]}` : ''}); nothing was archived or sent`);
  }
  return new RunRefusedError(`the scheduled digest was refused (${outcome.error}): ${outcome.message ?? 'see the digest function\'s logs'}; nothing was archived or sent`);
}

async function runEvent(deps: DigestDeps, event: DigestEvent, context: Context, run: RunSoFar): Promise<DigestOutcome> {
  {
    const { config, s3, ses, lambda, logger, clock } = deps;
    logger.addContext(context);
    const manual = event?.source === 'broadsheet.trigger';
    if (!manual && event?.source !== DIGEST_SCHEDULE_SOURCE) {
      logger.error('unrecognised event: expected the schedule\'s {"source": "broadsheet.schedule"} or the trigger\'s');
      throw new TypeError('unrecognised event');
    }
    const trigger = manual ? 'manual' : 'schedule';
    const send = manual ? (event as { send?: unknown }).send === true : true;
    const check = send && manual && (event as { check?: unknown }).check === true;
    const named = manual && typeof (event as { week?: unknown }).week === 'string' ? (event as { week: string }).week : undefined;
    const content = new S3Store(s3, config.contentBucket, config.contentPrefix);
    const output = new S3Store(s3, config.siteBucket, config.sitePrefix);
    const now = clock();
    // The subscriber store: the one source of recipients, with Broadsheet's own unsubscribe links (SES manages no
    // list; the stack grants no contact list).
    const sendS3 = deps.sendS3 ?? s3;
    const store = new StoreSubscriberStore(new S3Store(sendS3, config.contentBucket, config.subscribersPrefix));
    // The ledger and the week's notes of a send made here, through the send's client.
    const ledgerOutput = new S3Store(sendS3, config.siteBucket, config.sitePrefix);
    let smtpUrl: string | undefined;
    const sendOptions: DigestSendOptions = {
      transport: (digest) => (digest.transport === 'smtp' ? new SmtpTransport({ url: requireSmtp(smtpUrl) }) : new SesTransport(deployedSesOptions(ses, config, digest))),
      runId: context.awsRequestId,
      timeLeft: () => context.getRemainingTimeInMillis(),
      clock,
      subscriberStore: true,
      ...(deps.queue ? {} : digestSendReserve(config.s3)),
    };
    // Queued, the send is the digest-sender's: it alone reads the token secret (which signs any address's links) and
    // the SMTP URL (a password), and this run only checks that it is given them.
    const queue = deps.queue;
    try {
      const secret = queue ? undefined : (config.mail.unsubscribeSecret ?? (config.secretParameter && deps.ssm ? await readSecretParameter(deps.ssm, { name: config.secretParameter, variable: 'SECRET_PARAMETER' }, PARAMETER_TIMEOUT_MS) : undefined));
      if (secret) sendOptions.unsubscribeSecret = secret;
      if (named !== undefined) {
        checkWeekName(named, DIGEST_WEEK_FIELD);
        run.week = named;
      }
      // site.yml names the zone (which week has ended) and the send settings; a send that cannot work fails
      // here, before the publish function is asked for anything.
      const site = await requireSite(content);
      const scheduledTime = manual ? undefined : (event as { scheduledTime?: unknown }).scheduledTime;
      const week = runWeek(now, site.timezone, site.digest, { ...(typeof scheduledTime === 'string' ? { scheduledTime } : {}), ...(named !== undefined ? { named } : {}) });
      run.week = week.name;
      if (send && queue) {
        checkQueuedSend(site, config, ses);
        if (config.senderFunctionName) await checkSenderParameters(config.senderFunctionName, site.digest.transport === 'smtp', lambda, logger);
      } else if (send && site.digest.transport === 'smtp') smtpUrl = await readSmtpUrl(config, deps.ssm, PARAMETER_TIMEOUT_MS);
      const prepared = send && !queue ? await prepareSend(site, sendOptions) : undefined;
      let archived: Archived | Refused;
      let delivery: Delivery = {};
      let queued: { batches: number } | undefined;
      // The feeds whose pings a passed check hands on to the send the trigger then queues (ManualDigestEvent.toPing).
      let handOn: string[] | undefined;
      // The published feeds this run tells the hub about, once the week is sent or queued, or the send has failed.
      let toPing: ToPing | undefined;
      const ping = async () => {
        if (!toPing) return undefined;
        // `output`: the pings of site.yml's hub left undelivered are kept for the next publishes, as a publish keeps them.
        const lock = functionLock('the digest function', context, () => clock().toMillis(), logger);
        const counts = recordedPings(await pingAfterRun(toPing, { config, context, logger, output, lock, ...(deps.websub ? { websub: deps.websub } : {}) }));
        toPing = undefined;
        run.pings = counts;
        return counts;
      };
      // Once the publish function has answered, each request of the run is checked against the time its record needs.
      let endDeadlines = () => {};
      try {
        archived = await archiveThroughPublish(week.name, named === undefined, lambda, config.publishFunctionName, archiveMarginMs(config.s3), context, logger);
        if ('refused' in archived) {
          const outcome: DigestOutcome = { ok: false, trigger, ...archived.refused };
          // The log line keeps to the lines, within CloudWatch's line size; the answer has the objects too (trigger --json).
          const { problemDetails: _problems, warningDetails: _warnings, ...logged } = outcome;
          logger.error(outcome.error === 'ContentError' ? 'invalid content: nothing was archived or sent' : 'refused: nothing was archived or sent', { outcome: logged });
          return outcome;
        }
        endDeadlines = afterPublishDeadline(s3, queue, config.s3, () => context.getRemainingTimeInMillis());
        toPing = sendersPings(site, archived.toPing, manual ? (event as { toPing?: unknown }).toPing : undefined);
        // Kept pending before the send: a run that dies before its pings (its time out) leaves them to the next publish,
        // which would otherwise find those feeds unchanged and ping none. A check hands them on to the send that follows.
        if (toPing && !check) {
          const lock = functionLock('the digest function', context, () => clock().toMillis(), logger);
          // Noted as this run's to make until its time ends: a publish meanwhile does not tell the hub too.
          const noted = await notePendingPings(output, toPing, { lock, until: clock().toMillis() + context.getRemainingTimeInMillis() });
          toPing = noted.toPing;
          if (noted.unkept) logger.warn(`websub: ${noted.unkept}`);
        }
        // Sends only what is archived: the manifest must hold the week's files, as the publish function reported them.
        const rerendered = archived.nothing !== undefined ? [] : await checkArchived(output, archived.model, archived.files);
        if (rerendered.length > 0) logger.warn(ARCHIVE_RERENDERED, { week: archived.model.week.name, files: rerendered });
        // The week asked for by default comes before the site's first entry: nothing archived or sent, and no failure.
        if (archived.nothing !== undefined) {
          delivery = { notSent: archived.nothing };
          logger.info(`nothing to archive or send: ${archived.nothing}`);
        }
        // A check stops here, saying what the send would do: send, or, for an empty week without sendEmpty, nothing.
        else if (check) {
          const notSent = emptyWeekNotSent(archived.model);
          if (notSent !== undefined) delivery = { notSent };
          // The trigger waits for this answer, and hands on the send: that pings, once the week is sent or queued.
          else if (toPing) {
            handOn = handedOnFeeds(toPing.feeds, logger);
            toPing = undefined;
          }
          logger.info(`the send was checked: nothing was sent${notSent === undefined ? '' : `, and none follows: ${notSent}`}`);
        }
        // With a queue, a list of any size is sent by the digest-sender function, a shard a message.
        else if (send && queue) {
          const siteTags = await readSiteTags(output, logger);
          queued = await fanOutDigest(archived.model, { output, queue, ...(archived.files ? { files: archived.files } : {}), ...(siteTags ? { siteTags } : {}) });
        }
        // Without one, this run sends a shard at a time itself, for as long as it has time.
        else if (prepared) {
          const siteTags = await readSiteTags(output, logger);
          endDeadlines();
          delivery = await deliverByShard(archived.model, store, { output: ledgerOutput, now, send: sendOptions, prepared, ...(siteTags ? { siteTags } : {}) });
          if (delivery.send) {
            await noteWeekSent(ledgerOutput, delivery.send, now);
            // Its recipients left unknown, for status however old this run's record is (as the CLI's send notes them).
            await noteUnsettled(ledgerOutput, delivery.send, now, { runId: delivery.marked ?? sendOptions.runId }).catch(() => undefined);
          }
        }
      } catch (error) {
        // The files are published whatever became of the send: the hub hears of the feeds that changed (the error is
        // the run's, thrown as it is). A check pings none: its caller waits on its answer (those feeds are left to the
        // hub's and the readers' next poll).
        if (!check) await ping();
        throw error;
      } finally {
        endDeadlines();
        await prepared?.transport.close?.();
      }
      // Last, once the week is sent or queued: the feeds the publish changed, which a slow hub would otherwise hold it up for.
      const pings = await ping();
      const { model } = archived;
      const outcome: DigestOutcome = {
        ok: true,
        trigger,
        week: model.week.name,
        entries: model.entries.length,
        // What the publish function published for this run (all 0: the archive was already up to date).
        archive: archived.counts,
        ...(delivery.notSent ? { notSent: delivery.notSent } : {}),
        ...(queued ? { queued: { batches: queued.batches } } : {}),
        ...(check ? { checked: true as const } : {}),
        ...pings,
        ...(handOn ? { toPing: handOn } : {}),
        ...cappedWarnings(goneTagWarnings(delivery.goneTags ?? {})),
      };
      const summary = delivery.send;
      if (summary) {
        // Why a run stopped may quote a transport's or a store's error, which can name a recipient or a ledger key: the outcome is logged and returned.
        const stopped = summary.stopped === undefined ? undefined : loggedText(summary.stopped);
        outcome.sent = { transport: summary.transport, total: summary.total, sent: summary.sent, skipped: summary.skipped, failed: summary.failed, unknown: summary.unknown, notReached: summary.notReached, ...(summary.subscribedLater ? { subscribedLater: summary.subscribedLater } : {}), ...(stopped ? { stopped } : {}) };
        // Ledger ids only: addresses, and hashes in a detail, stay out of the logs.
        for (const r of summary.results.filter((r) => r.outcome === 'failed' || r.outcome === 'unknown')) {
          logger.warn(`recipient ${r.outcome}`, { recipient: recipientId(r.address), detail: loggedRecipientDetail(r) });
        }
      }
      for (const line of outcome.warningLines ?? []) logger.warn(`warning: ${line}`);
      // The feeds handed on are counted only: they may be thousands of URLs.
      const { toPing: handedOn, ...logged } = outcome;
      logger.info('digest', { outcome: handedOn ? { ...logged, toPing: handedOn.length } : logged, ...(manual && typeof (event as { requestedBy?: unknown }).requestedBy === 'string' ? { requestedBy: (event as { requestedBy: string }).requestedBy } : {}) });
      // Lambda's runtime logs a thrown error's message: it holds no address either.
      if (summary?.stopped) throw new DeliveryStoppedError(`the digest run stopped early (${outcome.sent?.stopped}); ${summary.notReached} not reached, and a retry resumes with them`, summary.stoppedBy ? { cause: summary.stoppedBy } : undefined);
      return outcome;
    } catch (error) {
      if (error instanceof ContentError) {
        const outcome: DigestOutcome = { ok: false, trigger, error: 'ContentError', problems: listedProblems(error.problems), problemsTotal: error.problems.length, ...cappedWarnings(error.warnings) };
        logger.error('invalid content: nothing was archived or sent', { outcome });
        // The answer gives them as objects too, as publish --json does (trigger --json prints them so).
        return { ...outcome, problemDetails: listedProblemDetails(error.problems), ...listedWarnings(error.warnings) };
      }
      // A setting out of step with the stack is refused as a manual run's answer, which the trigger passes on; a
      // scheduled run throws it as it is.
      if (error instanceof UsageError || (manual && setupError(error))) {
        const outcome: DigestOutcome = { ok: false, trigger, error: error.name, message: error.message };
        logger.error('refused: nothing was archived or sent', { outcome });
        return outcome;
      }
      logger.error('digest failed', { error: loggedError(error) });
      throw error;
    }
  }
}

/**
 * Has the publish function publish the site and return the week as archived. Throws (so Lambda retries) when
 * it is busy or fails; its refusals come back as the errors this function reports (invalid content, a week
 * the archive does not keep).
 */
interface Archived {
  model: DigestModel;
  files: DigestWeekReply['files'];
  counts: { new: number; changed: number; deleted: number };
  toPing?: ToPing;
  /** DigestWeekReply.nothing: the week comes before the site's first entry, so nothing is archived or sent. */
  nothing?: string;
}

/** The publish function's refusal, as this function reports it: nothing was written, and a retry cannot help. */
interface Refused {
  refused: { error: 'ContentError'; problems: string[]; problemDetails?: Problem[]; problemsTotal: number; warningLines?: string[]; warningLinesTotal?: number; warningDetails?: Problem[]; warningsTotal?: number } | { error: 'UsageError'; message: string };
}

async function archiveThroughPublish(week: string, byDefault: boolean, lambda: LambdaClient, functionName: string, marginMs: number, context: Context, logger: Logger): Promise<Archived | Refused> {
  const event: ManualPublishEvent = { source: MANUAL_SOURCE, requestedBy: context.awsRequestId, digestWeek: week, ...(byDefault ? { digestWeekByDefault: true } : {}) };
  // The publish function may run as long as this one: wait only while this run can still record itself and fail cleanly.
  let result;
  try {
    result = await invokeSync<PublishOutcome>(lambda, functionName, event, context.getRemainingTimeInMillis() - marginMs);
  } catch (error) {
    // Lambda's API not reached, or its answer lost after the SDK's retries: the publish may have run, or not.
    throw new ArchiveError(`the publish function could not be invoked (${(error as Error).message}); nothing was sent, and a retry publishes and sends`, { cause: error });
  }
  if (result.kind === 'noAnswer') throw new ArchiveError(`the publish function did not answer within the ${Math.round(result.waitedMs / 1000)} s this run could wait; nothing was sent, and a retry publishes and sends`);
  if (result.kind === 'busy') throw new PublishBusyError('the publish function is busy (throttled: another publish is running); nothing was sent, and a retry publishes and sends');
  if (result.kind === 'failed') throw new ArchiveError(`the publish function failed (see its logs for request ${result.invocationId}); nothing was sent, and a retry tries again`);
  const outcome = result.payload;
  if (!outcome.ok) {
    // The content's warnings too, as the publish function answers them: they often explain a problem.
    if (outcome.error === 'ContentError') return { refused: { error: 'ContentError', ...refusedProblems(outcome), ...refusedWarnings(outcome) } };
    if (outcome.error === 'UsageError') return { refused: { error: 'UsageError', message: outcome.message ?? 'the publish function refused the digest week' } };
    throw new ArchiveError(`the publish function refused (${outcome.error}): ${outcome.message ?? 'see the publish function\'s logs'}; nothing was sent`);
  }
  if (!('digest' in outcome) || !outcome.digest) throw new ArchiveError('the publish function did not answer with the digest week; deploy the publish and digest functions from the same version');
  const { counts } = outcome;
  const reply = outcome.digest;
  logger.info('archive published by the publish function', { invocationId: result.invocationId, week: reply.week, counts: { new: counts.new, changed: counts.changed, deleted: counts.deleted } });
  return { model: decodeDigestModel(reply.model), files: reply.files, counts: { new: counts.new, changed: counts.changed, deleted: counts.deleted }, ...(reply.toPing ? { toPing: reply.toPing } : {}), ...(typeof reply.nothing === 'string' ? { nothing: reply.nothing } : {}) };
}

/**
 * The published site's tags (tags/tags.json, which the publish this run asked for has just written), for
 * the gone-tag warning (DeliverOptions.siteTags). A warning only: a list that cannot be read is logged and the week
 * is sent without it.
 */
async function readSiteTags(output: S3Store, logger: Logger): Promise<Tag[] | undefined> {
  try {
    return await offeredTags(output);
  } catch (error) {
    // Refused for the run's time: the run fails, recorded (a slower read of the same list would not fit either).
    if (stoppedByDeadline(error)) throw error;
    logger.warn('the site\'s tag list was not read: subscribers whose chosen tag the site no longer has are not told apart this week', { error: loggedError(error) });
    return undefined;
  }
}

/** A setup to fix: a setting out of step with site.yml, or an SSM parameter that cannot be read until it is created. */
function setupError(error: unknown): error is ConfigError | ParameterError {
  return error instanceof ConfigError || (error instanceof ParameterError && !error.transient);
}

/**
 * The refusals prepareSend would give the digest-sender's send, from this function's settings (the stack gives both
 * the same parameters): the token secret and the SMTP URL need only be named here, never read.
 */
function checkQueuedSend(site: Site, config: DigestFunctionConfig, ses: SESv2Client): void {
  const smtp = site.digest.transport === 'smtp';
  if (smtp) requireSmtpUrlGiven(config);
  const listManaged = !smtp && new SesTransport(deployedSesOptions(ses, config, site.digest)).listManaged;
  checkSend(site, { listManaged, subscriberStore: true, secretGiven: config.mail.unsubscribeSecret !== undefined || config.secretParameter !== undefined });
}

function requireSmtp(url: string | undefined): string {
  if (!url) throw new UsageError('site.yml says digest.transport: smtp, but the function has no SMTP URL (deploy with --param smtpUrlParameter=<an SSM SecureString holding it>)');
  return url;
}

const fallbackLogger = createLogger('broadsheet-digest');

function defaultDeps(): DigestDeps {
  const config = readDigestFunctionConfig(process.env);
  const region = config.mail.region ?? config.s3.region;
  return {
    config,
    s3: createS3Client(s3ClientOptions(config.s3)),
    ses: createSesClient({ ...(region ? { region } : {}), ...(config.mail.sesEndpoint ? { endpoint: config.mail.sesEndpoint } : {}) }),
    lambda: createLambdaClient(config.s3.region),
    ...(config.fanoutQueueUrl ? {} : { sendS3: createSenderS3Client(config.s3) }),
    ...(config.fanoutQueueUrl ? { queue: new SqsBatchQueue(createSqsClient(config.s3.region), config.fanoutQueueUrl) } : {}),
    // Only a send made here reads a parameter: a queued one is the digest-sender's.
    ...(!config.fanoutQueueUrl && (config.secretParameter || config.smtpUrlParameter) ? { ssm: createSsmClient(config.s3.region) } : {}),
    logger: fallbackLogger,
    clock: () => DateTime.now(),
  };
}

export const handler = createDigestHandler();
