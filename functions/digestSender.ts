import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DateTime } from 'luxon';
import { createSenderS3Client, senderReserve } from './digestSenderS3.js';
import { readDeliveryConfig, type DeliveryConfig } from './digestEnv.js';
import { handlerDeps } from './handlerDeps.js';
import { ARCHIVE_RERENDERED, prepareSend, type DigestSendOptions } from '../lib/delivery/digestDelivery.js';
import { parseShardMessage, sendDigestShard } from '../lib/delivery/digestFanout.js';
import { createSesClient, SesTransport } from '../lib/delivery/sesTransport.js';
import { SmtpTransport } from '../lib/delivery/smtpTransport.js';
import { deployedSesOptions } from './deployedSesOptions.js';
import { deployedSmtpOptions } from './deployedSmtpOptions.js';
import { ParameterError, UsageError } from '../lib/shared/errors.js';
import type { DigestModel } from '../lib/digest/digestModel.js';
import type { DigestConfig } from '../lib/content/digestConfig.js';
import { S3Store } from '../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { recipientId } from '../lib/subscribers/recipient.js';
import { createLogger } from './logger.js';
import { keptFor, SECRET_MAX_AGE_MS } from './keptFor.js';
import { loggedError } from './loggedError.js';
import { loggedText } from './loggedText.js';
import { loggedRecipientDetail } from './loggedRecipientDetail.js';
import { createSsmClient } from './ssmClient.js';
import { PARAMETER_TIMEOUT_MS, readSecretParameter } from './ssmParameter.js';
import { readSmtpUrl } from './smtpUrl.js';
import { goneTagWarnings } from '../lib/delivery/goneTagWarnings.js';
import { warningLines } from '../lib/shared/warningLines.js';
import { isSenderCheck, type SenderCheckAnswer, type SenderCheckEvent } from './senderCheck.js';

export interface DigestSenderDeps {
  config: DeliveryConfig;
  ssm?: SSMClient;
  s3: S3Client;
  ses: SESv2Client;
  logger: Logger;
  clock: () => DateTime;
}

/**
 * The digest-sender function: the SQS queue's consumer, one batch (a subscriber shard) a message. It sends the
 * archived week to the shard's confirmed subscribers through the send ledger, at the transport's rate divided
 * by SENDER_CONCURRENCY (the event source mapping's maximum concurrency), so the senders together keep to it.
 * A batch that stops early (the transport down, the time running out before the timeout), or that skipped
 * recipients another run held and had not concluded, is reported failed, so SQS delivers it again once its
 * visibility timeout passes; the ledger skips who already got it. After
 * maxReceiveCount receives it goes to the dead-letter queue (an alarm). A malformed batch is dropped with an
 * error log: no retry can mend it. Invoked directly by the digest function before it queues a send
 * (functions/senderCheck.ts), it reads the parameters a batch would and answers whether it could.
 */
export function createDigestSenderHandler(makeDeps: () => DigestSenderDeps = defaultDeps): DigestSenderHandler {
  const depsFor = handlerDeps(makeDeps, fallbackLogger);
  let keptSecret: (() => Promise<string>) | undefined;
  return (async (event: SQSEvent | SenderCheckEvent, context: Context): Promise<SQSBatchResponse | SenderCheckAnswer> => {
    const deps = depsFor(context);
    const { config, s3, ses, logger, clock } = deps;
    logger.addContext(context);
    if (isSenderCheck(event)) return checkParameters(deps, event.checkParameters.smtp);
    const output = new S3Store(s3, config.siteBucket, config.sitePrefix);
    const subscribers = new StoreSubscriberStore(new S3Store(s3, config.contentBucket, config.subscribersPrefix));
    let secret: string | undefined;
    try {
      // Kept per instance, read again once SECRET_MAX_AGE_MS old: a rotated secret signs the links within a minute.
      const { ssm } = deps;
      if (config.secretParameter && ssm) keptSecret ??= keptFor(() => readSecretParameter(ssm, { name: config.secretParameter!, variable: 'SECRET_PARAMETER' }, PARAMETER_TIMEOUT_MS), SECRET_MAX_AGE_MS, () => clock().toMillis());
      secret = config.mail.unsubscribeSecret ?? (keptSecret ? await keptSecret() : undefined);
    } catch (error) {
      logger.error('parameter not read: no batch sent; SQS delivers them again', { error: loggedError(error) });
      throw error;
    }
    // Read once a batch's model says SMTP, and once an invocation: a broken SMTP parameter holds up no SES send.
    let smtpUrl: string | undefined;
    const send: DigestSendOptions = {
      transport: (digest) =>
        senderTransport(digest) === 'smtp'
          ? new SmtpTransport(deployedSmtpOptions(requireSmtp(smtpUrl), config))
          : new SesTransport(deployedSesOptions(ses, config, digest, config.senderConcurrency)),
      runId: context.awsRequestId,
      timeLeft: () => context.getRemainingTimeInMillis(),
      // Each message's ledger requests counted in the time kept in hand, at the bounds of the client defaultDeps makes.
      ...senderReserve(config.s3),
      clock,
      subscriberStore: true,
      ...(secret ? { unsubscribeSecret: secret } : {}),
    };
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message;
      try {
        message = parseShardMessage(record.body);
      } catch (error) {
        logger.error('malformed digest batch dropped', { messageId: record.messageId, error: loggedError(error).message });
        continue;
      }
      try {
        const prepare = async (model: DigestModel) => {
          if (senderTransport(model.site.digest) === 'smtp') smtpUrl ??= await readSmtpUrl(config, deps.ssm, PARAMETER_TIMEOUT_MS);
          return prepareSend(model.site, send);
        };
        const redelivered = Number(record.attributes?.ApproximateReceiveCount ?? '1') > 1;
        const delivery = await sendDigestShard(message, { output, subscribers, now: clock(), send, prepare, redelivered, transportName: (model) => senderTransport(model.site.digest) });
        if (delivery.rerendered) logger.warn(ARCHIVE_RERENDERED, { week: message.week, shard: message.shard, files: delivery.rerendered });
        const summary = delivery.send;
        const counts = summary ? { total: summary.total, sent: summary.sent, skipped: summary.skipped, failed: summary.failed, unknown: summary.unknown, notReached: summary.notReached } : {};
        const line = { week: message.week, shard: message.shard, ...counts, ...(summary?.heldByOthers ? { heldByOthers: summary.heldByOthers } : {}), ...(summary?.subscribedLater ? { subscribedLater: summary.subscribedLater } : {}), ...(delivery.notSent ? { notSent: delivery.notSent } : {}), ...(summary?.stopped ? { stopped: loggedText(summary.stopped) } : {}) };
        // A batch reported failed is no error to Lambda: the error line is what the digest-batch-errors alarm counts.
        if (summary?.stopped) logger.error(BATCH_STOPPED, line);
        else if (summary?.heldByOthers) logger.warn(BATCH_HELD, line);
        else logger.info('digest batch', line);
        // Subscribers of this shard whose chosen tag the site no longer has (the digest function read the site's tags
        // when it queued the send): each batch tells its own, since no record of the run is written after the batches.
        for (const warning of warningLines(goneTagWarnings(delivery.goneTags ?? {}))) logger.warn(`warning: ${warning}`, { week: message.week, shard: message.shard });
        // By ledger id, never the address: what broadsheet settle takes once the mail server's log has told.
        for (const r of summary?.results.filter((r) => r.outcome === 'failed' || r.outcome === 'unknown') ?? []) {
          logger.warn(`recipient ${r.outcome}`, { week: message.week, recipient: recipientId(r.address), detail: loggedRecipientDetail(r) });
        }
        // Recipients another run held: should it die before sending, only this batch delivered again reaches them.
        if (summary?.stopped || summary?.heldByOthers) batchItemFailures.push({ itemIdentifier: record.messageId });
      } catch (error) {
        if (error instanceof ParameterError) {
          // Every batch needs it: the invocation fails (the Errors metric, its alarm), and SQS delivers the batch again.
          logger.error('parameter not read: the batch is not sent; SQS delivers it again', { shard: message.shard, error: loggedError(error) });
          throw error;
        }
        if (error instanceof UsageError) {
          logger.error('digest batch refused', { messageId: record.messageId, error: loggedError(error).message });
          continue;
        }
        logger.error('digest batch failed; SQS delivers it again', { shard: message.shard, error: loggedError(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  }) as DigestSenderHandler;
}

/** The SQS batches' handler, and the digest function's parameter check's. */
interface DigestSenderHandler {
  (event: SQSEvent, context: Context): Promise<SQSBatchResponse>;
  (event: SenderCheckEvent, context: Context): Promise<SenderCheckAnswer>;
}

/** Reads what a batch of the site would read (the token secret; the SMTP URL for an SMTP site), keeping no value. */
async function checkParameters(deps: DigestSenderDeps, smtp: boolean): Promise<SenderCheckAnswer> {
  const { config } = deps;
  try {
    if (!config.mail.unsubscribeSecret && config.secretParameter && deps.ssm) await readSecretParameter(deps.ssm, { name: config.secretParameter, variable: 'SECRET_PARAMETER' }, PARAMETER_TIMEOUT_MS);
    if (smtp) await readSmtpUrl(config, deps.ssm, PARAMETER_TIMEOUT_MS);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    // The digest function logs the refusal as its run's error; this line only places it in the sender's logs.
    deps.logger.info('parameter check: a parameter could not be read', { error: loggedError(error) });
    return { ok: false, error: 'ParameterError', message: error.message, parameter: error.parameter, variable: error.variable, transient: error.transient };
  }
  return { ok: true };
}

/** The log line of a batch that stopped before its end (the transport down or paused, the time up). */
const BATCH_STOPPED = 'digest batch stopped; SQS delivers it again';
/** The log line of a batch that skipped recipients another run held, not yet concluded. */
const BATCH_HELD = 'digest batch skipped recipients another run is sending; SQS delivers it again';

/** The transport a batch goes through: SMTP where site.yml says so, SES otherwise (a deployed site sends through no folder). */
function senderTransport(digest: DigestConfig): 'smtp' | 'ses' {
  return digest.transport === 'smtp' ? 'smtp' : 'ses';
}

function requireSmtp(url: string | undefined): string {
  if (!url) throw new UsageError('site.yml says digest.transport: smtp, but the function has no SMTP URL (deploy with --param smtpUrlParameter=<an SSM SecureString holding it>)');
  return url;
}

function defaultDeps(): DigestSenderDeps {
  const config = readDeliveryConfig(process.env);
  const region = config.mail.region ?? config.s3.region;
  return {
    config,
    s3: createSenderS3Client(config.s3),
    ses: createSesClient({ ...(region ? { region } : {}), ...(config.mail.sesEndpoint ? { endpoint: config.mail.sesEndpoint } : {}) }),
    ...(config.secretParameter || config.smtpUrlParameter ? { ssm: createSsmClient(config.s3.region) } : {}),
    logger: fallbackLogger,
    clock: () => DateTime.now(),
  };
}

const fallbackLogger = createLogger('broadsheet-digest-sender');

export const handler = createDigestSenderHandler();
