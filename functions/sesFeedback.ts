import type { Context, SNSEvent } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { sesContactListExists } from '../lib/delivery/sesContactListExists.js';
import { createSesClient } from '../lib/delivery/sesTransport.js';
import { unsubscribeSesContact } from '../lib/delivery/unsubscribeSesContact.js';
import { DateTime } from 'luxon';
import { createS3Client, s3RequestWorstCaseMs, type S3ClientOptions } from '../lib/store/s3Client.js';
import { longestCallMs } from '../lib/shared/boundedRequests.js';
import { DeadlineError } from '../lib/shared/errors.js';
import { requestDeadline } from './requestDeadline.js';
import { S3Store } from '../lib/store/s3Store.js';
import { addressesKeptOut, applyFeedback, isTimestamp, parseSesNotification } from '../lib/subscribers/sesFeedback.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { s3ClientOptions, sesContactList, type Environment, type S3Settings } from './config.js';
import { deployedSesEndpoint } from './deployedSesEndpoint.js';
import { handlerDeps } from './handlerDeps.js';
import { createLogger } from './logger.js';
import { loggedError } from './loggedError.js';
import { thrownWithoutAddresses } from './thrownWithoutAddresses.js';
import { readSubscriberStoreConfig, type SubscribeConfig } from './subscribeConfig.js';

/**
 * The function's S3 and SES bounds, the S3 ones or the environment's (S3_MAX_ATTEMPTS, S3_REQUEST_TIMEOUT_MS) where
 * lower: one request at its worst (an answer that stalls in every attempt: FEEDBACK_REQUEST_WORST_MS) must leave room
 * in the timeout (serverless.yml) for the others.
 */
export const FEEDBACK_S3 = { maxAttempts: 3, requestTimeoutMs: 2_000, connectionTimeoutMs: 1_000 } as const;
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

/** The longest one S3 or SES request of the function can take. */
export const FEEDBACK_REQUEST_WORST_MS = Math.max(s3RequestWorstCaseMs(FEEDBACK_S3), longestCallMs({ attempts: FEEDBACK_S3.maxAttempts, requestMs: FEEDBACK_S3.requestTimeoutMs }));
/** The time a run needs left to start one more S3 or SES request: that request at its worst, and the margin. */
export const FEEDBACK_REQUEST_NEEDS_MS = FEEDBACK_REQUEST_WORST_MS + FEEDBACK_MARGIN_MS;

export interface SesFeedbackDeps {
  config: Pick<SubscribeConfig, 'contentBucket' | 'subscribersPrefix'>;
  s3: S3Client;
  logger: ReturnType<typeof createLogger>;
  now?: () => DateTime;
  /** SES_CONTACT_LIST's contacts (feedbackContacts): each address a feedback keeps out is marked unsubscribed there too. */
  contacts?: FeedbackContacts;
}

/** The SES contact list whose contacts leave with a complaint or a bounce, and the client that marks them. */
export interface FeedbackContacts {
  list: string;
  ses: SESv2Client;
  /** Where the client sends, as the function's messages name it (deployedSesEndpoint: SES_ENDPOINT, else AWS SES in the region). */
  endpoint: string;
}

/**
 * The contact list SES_CONTACT_LIST names, reached with the function's S3 bounds (one call at its worst must fit the
 * same time, FEEDBACK_REQUEST_NEEDS_MS), or undefined when it names none.
 */
export function feedbackContacts(env: Environment, region: string | undefined): FeedbackContacts | undefined {
  const list = sesContactList(env);
  if (list === undefined) return undefined;
  const endpoint = env.SES_ENDPOINT?.trim() || undefined;
  const timeouts = { attempts: FEEDBACK_S3.maxAttempts, request: FEEDBACK_S3.requestTimeoutMs, connection: FEEDBACK_S3.connectionTimeoutMs };
  return { list, ses: createSesClient({ timeouts, ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) }), endpoint: deployedSesEndpoint(endpoint, region) };
}

/**
 * SES's bounce, complaint and delivery events, from the configuration set's SNS destination: a hard bounce or a
 * complaint suppresses the address at once, three soft bounces in a row do too (lib/subscribers/sesFeedback.ts).
 * A failure throws: SNS invokes asynchronously, so Lambda retries the event, then sends it to the failed-runs
 * queue (serverless.yml). A bounce delivered again is counted once, one of a message sent before a delivered one
 * not at all. An address with no record gets none holding it: a hard bounce or a complaint keeps only its hash,
 * suppressed. With a contact list (SES_CONTACT_LIST, which the CLI's `digest --send` reads, and which SES alone
 * updates otherwise), each address a hard bounce, a complaint or the soft bounces kept out is marked unsubscribed from
 * it as well (UnsubscribeAll), on every delivery of the event, so that a retry converges. A list SES does not have
 * (SES_CONTACT_LIST misnamed) marks nobody: each event that had someone to mark logs an ERROR naming the param, its
 * value and the fix. Logs carry counts, never an address.
 */
export function createSesFeedbackHandler(makeDeps: () => SesFeedbackDeps = defaultDeps) {
  const depsFor = handlerDeps(makeDeps, fallbackLogger);
  return async (event: SNSEvent, context: Context): Promise<{ suppressed: number }> => {
    const deps = depsFor(context);
    deps.logger.addContext(context);
    guard(deps.s3, 'S3 request', context);
    const store = new StoreSubscriberStore(new S3Store(deps.s3, deps.config.contentBucket, deps.config.subscribersPrefix));
    let suppressed = 0;
    let sesFailing: string | undefined;
    try {
      for (const record of event.Records ?? []) {
        const parsed = parseSesNotification(record.Sns?.Message ?? '');
        if (!parsed) {
          // The configuration set sends only these three to the topic: anything else was sent there by hand or is
          // malformed, and is named by SNS's id (its body holds addresses), so that it is not dropped unseen.
          deps.logger.warn('not an SES bounce, complaint or delivery: ignored', { snsMessageId: String(record.Sns?.MessageId ?? '').slice(0, 100) });
          continue;
        }
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
        let contacts: { contactsUnsubscribed: number; notContacts: number; notMarked?: number } | undefined;
        if (deps.contacts) {
          contacts = { contactsUnsubscribed: 0, notContacts: 0 };
          const keptOut = await addressesKeptOut(store, feedback);
          if (keptOut.length > 0) {
            sesFailing = deps.contacts.endpoint;
            Object.assign(contacts, await markUnsubscribed(deps.contacts, keptOut, context, deps.logger));
            sesFailing = undefined;
          }
        }
        deps.logger.info('feedback', { kind: feedback.kind, recipients: feedback.addresses.length, ...contacts });
      }
    } catch (error) {
      // As the other handlers do: one line with the request's id, the error without addresses (and where SES was
      // asked, in the CLI's words), then the throw, which Lambda's runtime logs too: without addresses as well.
      const logged = loggedError(error);
      deps.logger.error('feedback failed; Lambda retries the event', { error: sesFailing && !(error instanceof DeadlineError) ? { ...logged, message: `${sesFailing}: ${logged.message}` } : logged });
      throw thrownWithoutAddresses(error);
    }
    return { suppressed };
  };
}

/**
 * Marks each of `addresses` unsubscribed from the contact list. An address SES answers NotFound for is no contact of the
 * list, unless the list itself is missing: asked once a cold start, on the first NotFound (GetContactList), and logged
 * as an ERROR naming SES_CONTACT_LIST's param, its value and the fix for every event it leaves unmarked.
 */
async function markUnsubscribed(contacts: FeedbackContacts, addresses: readonly string[], context: Context, logger: SesFeedbackDeps['logger']): Promise<{ contactsUnsubscribed: number; notContacts: number; notMarked?: number }> {
  const { ses } = contacts;
  guard(ses, `request to ${contacts.endpoint}`, context);
  const counts = { contactsUnsubscribed: 0, notContacts: 0, notMarked: 0 };
  for (const address of addresses) {
    if (await unsubscribeSesContact(ses, contacts.list, address)) {
      counts.contactsUnsubscribed++;
      // A list created since it was found missing: its contacts are marked again, and a NotFound is a non-contact.
      listAnswers.set(contacts, Promise.resolve(true));
    } else if (await listExists(contacts, ses, logger)) counts.notContacts++;
    else counts.notMarked++;
  }
  if (counts.notMarked === 0) return { contactsUnsubscribed: counts.contactsUnsubscribed, notContacts: counts.notContacts };
  logger.error(
    `SES_CONTACT_LIST (--param sesContactList) names ${JSON.stringify(contacts.list)}, a contact list ${contacts.endpoint} does not have: nobody is marked unsubscribed there (deploy with --param sesContactList= the name site.yml's digest.ses.contactList gives, or empty for no contact list)`,
    { parameter: 'sesContactList', variable: 'SES_CONTACT_LIST', value: contacts.list, notMarked: counts.notMarked },
  );
  return counts;
}

/** Whether the contact list exists, asked of SES once a cold start; a question that failed is asked again next time. */
const listAnswers = new WeakMap<FeedbackContacts, Promise<boolean>>();
async function listExists(contacts: FeedbackContacts, ses: SESv2Client, logger: SesFeedbackDeps['logger']): Promise<boolean> {
  let answer = listAnswers.get(contacts);
  if (!answer) {
    answer = sesContactListExists(ses, contacts.list);
    listAnswers.set(contacts, answer);
    answer.catch(() => listAnswers.delete(contacts));
  }
  try {
    return await answer;
  } catch (error) {
    if (error instanceof DeadlineError) throw error;
    // Not allowed (a function deployed alone, before its stack granted ses:GetContactList), or SES failing just after it
    // answered: the address is counted as no contact, as before the question was asked, rather than fail the event.
    const logged = loggedError(error);
    logger.warn('could not ask whether the contact list exists: an address it answered NotFound for is counted as no contact', { error: { ...logged, message: `${contacts.endpoint}: ${logged.message}` } });
    return true;
  }
}

function defaultDeps(): SesFeedbackDeps {
  const config = readSubscriberStoreConfig(process.env);
  const contacts = feedbackContacts(process.env, config.s3.region);
  return { config, s3: createS3Client(feedbackS3Options(config.s3)), logger: fallbackLogger, ...(contacts ? { contacts } : {}) };
}

/**
 * Each S3 or SES request refused (a DeadlineError) when it could outlast the invocation: a slow S3 fails the run
 * cleanly, and Lambda retries the event (a bounce counted once, by its id), rather than cutting the run off mid-write.
 */
function guard(client: S3Client | SESv2Client, request: string, context: Context): void {
  const retried = 'the event is retried';
  requestDeadline(client, request, retried).reset({ timeLeft: () => context.getRemainingTimeInMillis(), needsMs: FEEDBACK_REQUEST_NEEDS_MS, retried });
}

const fallbackLogger = createLogger('broadsheet-ses-feedback');

export const handler = createSesFeedbackHandler();
