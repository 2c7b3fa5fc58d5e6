import type { Context, SNSEvent } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { createS3Client, s3RequestWorstCaseMs, type S3ClientOptions } from '../lib/store/s3Client.js';
import { DeadlineError } from '../lib/shared/errors.js';
import { S3Store } from '../lib/store/s3Store.js';
import { applyFeedback, isTimestamp, parseSesNotification } from '../lib/subscribers/sesFeedback.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { s3ClientOptions, type S3Settings } from './config.js';
import { handlerDeps } from './handlerDeps.js';
import { createLogger } from './logger.js';
import { loggedError } from './loggedError.js';
import { readSubscriberStoreConfig, type SubscribeConfig } from './subscribeConfig.js';

/**
 * The function's S3 bounds, or the environment's (S3_MAX_ATTEMPTS, S3_REQUEST_TIMEOUT_MS) where lower: one request
 * at its worst (s3RequestWorstCaseMs) must leave room in the timeout (serverless.yml) for the others.
 */
export const FEEDBACK_S3 = { maxAttempts: 3, requestTimeoutMs: 3_000, connectionTimeoutMs: 1_000 } as const;
/** What a run keeps in hand past one more request's worst case: to log, and fail before Lambda's timeout. */
export const FEEDBACK_MARGIN_MS = 1_000;

export function feedbackS3Options(settings: S3Settings): S3ClientOptions {
  return {
    ...s3ClientOptions(settings),
    maxAttempts: Math.min(settings.maxAttempts, FEEDBACK_S3.maxAttempts),
    requestTimeoutMs: Math.min(settings.requestTimeoutMs, FEEDBACK_S3.requestTimeoutMs),
    connectionTimeoutMs: FEEDBACK_S3.connectionTimeoutMs,
  };
}

/** The time a run needs left to start one more S3 request: that request at its worst, and the margin. */
export const FEEDBACK_REQUEST_NEEDS_MS = s3RequestWorstCaseMs(FEEDBACK_S3) + FEEDBACK_MARGIN_MS;

export interface SesFeedbackDeps {
  config: Pick<SubscribeConfig, 'contentBucket' | 'subscribersPrefix'>;
  s3: S3Client;
  logger: ReturnType<typeof createLogger>;
  now?: () => DateTime;
}

/**
 * SES's bounce, complaint and delivery events, from the configuration set's SNS destination: a hard bounce or a
 * complaint suppresses the address at once, three soft bounces in a row do too (lib/subscribers/sesFeedback.ts).
 * A failure throws: SNS invokes asynchronously, so Lambda retries the event, then sends it to the failed-runs
 * queue (serverless.yml). A bounce delivered again is counted once, one of a message sent before a delivered one
 * not at all. An address with no record gets none holding it: a hard bounce or a complaint keeps only its hash,
 * suppressed. Logs carry counts, never an address.
 */
export function createSesFeedbackHandler(makeDeps: () => SesFeedbackDeps = defaultDeps) {
  const depsFor = handlerDeps(makeDeps, fallbackLogger);
  return async (event: SNSEvent, context: Context): Promise<{ suppressed: number }> => {
    const deps = depsFor(context);
    deps.logger.addContext(context);
    guard(deps.s3).timeLeft = () => context.getRemainingTimeInMillis();
    const store = new StoreSubscriberStore(new S3Store(deps.s3, deps.config.contentBucket, deps.config.subscribersPrefix));
    let suppressed = 0;
    try {
      for (const record of event.Records ?? []) {
        const parsed = parseSesNotification(record.Sns?.Message ?? '');
        if (!parsed) continue;
        // SNS delivers at least once and Lambda retries a failed event whole: a bounce without SES's own id is known by
        // its SNS message id, and one without SES's timestamps is dated by SNS's publishing time, both the same on every
        // delivery, so that it is counted once, and not at all once a later message was delivered.
        const messageId = record.Sns?.MessageId;
        const publishedAt = record.Sns?.Timestamp;
        const feedback = {
          ...parsed,
          ...(parsed.id === undefined && messageId ? { id: `sns:${messageId}` } : {}),
          ...(parsed.sentAt === undefined && isTimestamp(publishedAt) ? { sentAt: publishedAt } : {}),
        };
        suppressed += (await applyFeedback(store, feedback, (deps.now ?? (() => DateTime.now()))())).length;
        deps.logger.info('feedback', { kind: feedback.kind, recipients: feedback.addresses.length });
      }
    } catch (error) {
      // As the other handlers do: one line with the request's id, the error without addresses, then the throw.
      deps.logger.error('feedback failed; Lambda retries the event', { error: loggedError(error) });
      throw error;
    }
    return { suppressed };
  };
}

function defaultDeps(): SesFeedbackDeps {
  const config = readSubscriberStoreConfig(process.env);
  return { config, s3: createS3Client(feedbackS3Options(config.s3)), logger: fallbackLogger };
}

/**
 * Refuses each S3 request (a DeadlineError) that could outlast the invocation: a slow S3 fails the run cleanly, and
 * Lambda retries the event (a bounce counted once, by its id), rather than cutting the run off mid-write. Put on a
 * client once, before its retries; each invocation sets the time left.
 */
const guards = new WeakMap<S3Client, { timeLeft: () => number }>();
function guard(s3: S3Client): { timeLeft: () => number } {
  let state = guards.get(s3);
  if (state) return state;
  const created = { timeLeft: () => Number.POSITIVE_INFINITY };
  s3.middlewareStack.add(
    (next) => async (args) => {
      const left = created.timeLeft();
      if (left < FEEDBACK_REQUEST_NEEDS_MS) throw new DeadlineError(`${left} ms of the function's time left, under the ${FEEDBACK_REQUEST_NEEDS_MS} ms one more S3 request may take; the event is retried`);
      return next(args);
    },
    { step: 'initialize', name: 'feedbackDeadline' },
  );
  guards.set(s3, created);
  state = created;
  return state;
}

const fallbackLogger = createLogger('broadsheet-ses-feedback');

export const handler = createSesFeedbackHandler();
