import type { Context, SNSEvent } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { createS3Client } from '../lib/store/s3Client.js';
import { S3Store } from '../lib/store/s3Store.js';
import { applyFeedback, parseSesNotification } from '../lib/subscribers/sesFeedback.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { s3ClientOptions } from './config.js';
import { handlerDeps } from './handlerDeps.js';
import { createLogger } from './logger.js';
import { readSubscriberStoreConfig, type SubscribeConfig } from './subscribeConfig.js';

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
 * queue (serverless.yml). A bounce delivered again is counted once. Logs carry counts, never an address.
 */
export function createSesFeedbackHandler(makeDeps: () => SesFeedbackDeps = defaultDeps) {
  const depsFor = handlerDeps(makeDeps, fallbackLogger);
  return async (event: SNSEvent, context: Context): Promise<{ suppressed: number }> => {
    const deps = depsFor(context);
    deps.logger.addContext(context);
    const store = new StoreSubscriberStore(new S3Store(deps.s3, deps.config.contentBucket, deps.config.subscribersPrefix));
    let suppressed = 0;
    for (const record of event.Records ?? []) {
      const parsed = parseSesNotification(record.Sns?.Message ?? '');
      if (!parsed) continue;
      // SNS delivers at least once and Lambda retries a failed event whole: a bounce without SES's own id is known by
      // its SNS message id, the same on every delivery, so that it is counted once.
      const messageId = record.Sns?.MessageId;
      const feedback = parsed.id === undefined && messageId ? { ...parsed, id: `sns:${messageId}` } : parsed;
      suppressed += (await applyFeedback(store, feedback, (deps.now ?? (() => DateTime.now()))())).length;
      deps.logger.info('feedback', { kind: feedback.kind, recipients: feedback.addresses.length });
    }
    return { suppressed };
  };
}

function defaultDeps(): SesFeedbackDeps {
  const config = readSubscriberStoreConfig(process.env);
  return { config, s3: createS3Client(s3ClientOptions(config.s3)), logger: fallbackLogger };
}

const fallbackLogger = createLogger('broadsheet-ses-feedback');

export const handler = createSesFeedbackHandler();
