import { SendEmailCommand, SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { DeliveryError } from '../shared/errors.js';
import type { DigestMessage } from './message.js';
import { asciiMailbox, headerText } from '../shared/headerText.js';
import { formatMailbox } from '../subscribers/recipient.js';
import { parseMailbox } from '../shared/mailbox.js';
import { redactAddress } from './redactAddress.js';
import { namesAddress } from './namesAddress.js';
import type { BeforeHandOver, MailTransport } from './transport.js';
import { ANSWER_BODY_BOUND, answerBodyBound, boundedAnswers } from '../shared/boundedRequests.js';
import { UNREACHED, unreachedWords } from '../shared/unreached.js';
import { SES_MAX_SEND_MS, SES_TIMEOUTS } from './sesTimeouts.js';

export interface SesClientOptions {
  region?: string;
  /** Another SES v2 endpoint (SES_ENDPOINT: the local emulator in tests). */
  endpoint?: string;
  timeouts?: Partial<{ connection: number; request: number; attempts: number }>;
  credentials?: SESv2ClientConfig['credentials'];
}

/** The one place an SESv2Client is built, for the CLI and the functions: standard retries, and every call bounded, an answer's body whole (answerBodyBound) included. */
export function createSesClient(options: SesClientOptions = {}): SESv2Client {
  const timeouts = { ...SES_TIMEOUTS, ...options.timeouts };
  const config: SESv2ClientConfig = {
    ...boundedAnswers({ attempts: timeouts.attempts, connectionMs: timeouts.connection, requestMs: timeouts.request }),
  };
  if (options.region) config.region = options.region;
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.credentials) config.credentials = options.credentials;
  const client = new SESv2Client(config);
  client.middlewareStack.add(answerBodyBound(timeouts.request), ANSWER_BODY_BOUND);
  return client;
}

export interface SesTransportOptions {
  client: SESv2Client;
  /** The contact list and topic SES manages unsubscribes for; without them the messages carry Broadsheet's own (the subscriber store). */
  contactList?: string;
  topic?: string;
  /** Messages a second (default 14, SES's default sending rate). */
  rate?: number;
  /** ARN of the verified identity, so SES checks (and IAM scopes) the From address against it. */
  identityArn?: string;
  configurationSet?: string;
  /** What the messages' errors call SES: where the client sends (sesEndpointName). */
  endpoint: string;
}

// Answers after which no message can go out (throttled, paused, not allowed, no such list): stop, and let the next run resume.
const DOWN = new Set(['AccountSuspendedException', 'SendingPausedException', 'MailFromDomainNotVerifiedException', 'TooManyRequestsException', 'LimitExceededException', 'AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'NotFoundException']);

/**
 * Amazon SES v2, one SendEmail per recipient. ListManagementOptions ties each message to the contact list and
 * topic: SES adds List-Unsubscribe (https and mailto, one-click per RFC 8058), fills {{amazonSESUnsubscribeUrl}},
 * and keeps unsubscribed contacts out of later sends.
 *
 * The SDK retries throttling, 5xx answers and network errors. SendEmail is not idempotent, so a call that got
 * no answer after its request may have reached SES is not retried: it ends as unknown.
 */
export class SesTransport implements MailTransport {
  readonly name = 'ses';
  readonly listManaged: boolean;
  readonly rate: number;
  readonly maxSendMs = SES_MAX_SEND_MS;

  constructor(private readonly options: SesTransportOptions) {
    this.rate = options.rate ?? 14;
    this.listManaged = options.contactList !== undefined && options.topic !== undefined;
  }

  async send(message: DigestMessage, beforeHandOver: BeforeHandOver): Promise<string> {
    const { options } = this;
    const command = new SendEmailCommand({
      // SES takes addresses in 7-bit ASCII, a display name as encoded words (its SendEmail reference).
      FromEmailAddress: asciiMailbox(message.from),
      ...(options.identityArn ? { FromEmailAddressIdentityArn: options.identityArn } : {}),
      Destination: { ToAddresses: [asciiMailbox(formatMailbox(message.recipient))] },
      // digest.replyTo, as the file and smtp transports' Reply-To.
      ...(message.replyTo ? { ReplyToAddresses: [asciiMailbox(message.replyTo)] } : {}),
      Content: {
        Simple: {
          // SES takes a subject of 7-bit ASCII, other text as RFC 2047 encoded words (its Message reference); with no
          // Charset it is sent as it is (its Content reference), never encoded a second time.
          Subject: { Data: headerText(message.subject) },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          // SES sets Message-ID itself; List-Unsubscribe comes from ListManagementOptions, or from the message's own headers.
          Headers: message.headers.map((header) => ({ Name: header.name, Value: header.value })),
        },
      },
      ...(this.listManaged ? { ListManagementOptions: { ContactListName: options.contactList!, TopicName: options.topic! } } : {}),
      ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
    });
    try {
      return await sendEmailOnce(options.client, command, options.endpoint, beforeHandOver);
    } catch (error) {
      throw senderRejected(error, message.from, message.recipient.address, options.endpoint) ?? error;
    }
  }

  async close(): Promise<void> {}
}

/**
 * SES's MessageRejected naming the From address (`Email address is not verified. The following identities failed the
 * check in region …: digest@…`): every recipient would meet it, so it is the transport refusing, not attempted (as an
 * SMTP relay's refusal of the sender, smtpRefusalScope), and the run stops rather than fail the whole list.
 */
function senderRejected(error: unknown, from: string, recipient: string, endpoint: string): DeliveryError | undefined {
  if (!(error instanceof DeliveryError) || error.outcome !== 'refused') return undefined;
  if ((error.cause as { name?: string } | undefined)?.name !== 'MessageRejected') return undefined;
  const parsed = parseMailbox(from);
  const address = parsed.ok ? parsed.mailbox.address : from.trim();
  if (!address || !namesAddress(error.message, address)) return undefined;
  // The sandbox names an unverified recipient beside the sender: the run's stop reason, kept in its record, holds no address of theirs.
  return new DeliveryError(`${endpoint} refuses the sender ${address}, whoever the recipient (${NOT_SENT}): ${redactAddress(describe(error.cause), recipient)}; verify it in SES`, 'notAttempted', { cause: error.cause });
}

/**
 * Sends one SendEmail, and resolves with SES's MessageId. SendEmail is not idempotent: the SDK retries only while the
 * request cannot have reached SES. Throws DeliveryError: `unknown` when it got no answer once sent (it may have been
 * delivered), else as classifySesError says, each message naming `endpoint` and saying whether the message may have
 * been delivered. `beforeHandOver` is called once, just before the first request is sent.
 */
export async function sendEmailOnce(client: SESv2Client, command: SendEmailCommand, endpoint: string, beforeHandOver?: BeforeHandOver): Promise<string> {
  let unanswered: unknown;
  let withdrawn: unknown;
  if (beforeHandOver) {
    let called = false;
    // Last of finalizeRequest: after the SDK's retry loop began and the request is signed, just before it is sent.
    // Once suffices: the SDK retries only what cannot have reached SES.
    command.middlewareStack.add(
      (next) => async (args) => {
        if (!called) {
          called = true;
          try {
            await beforeHandOver();
          } catch (error) {
            withdrawn = error ?? new Error('withdrawn');
            // No cause and no code: the SDK's retry strategy gives up at once.
            throw new DeliveryError('withdrawn', 'notAttempted');
          }
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'broadsheetBeforeHandOver' },
    );
  }
  // Inside the SDK's retries and around its deserializer, so it sees each attempt's own failure, reading the answer's
  // body included (an answer of 200 whose body stalls or breaks off). The error it throws has no cause and no code, so
  // the SDK's retry strategy does not recognise it as transient and gives up at once.
  command.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!mayHaveBeenTaken(error)) throw error;
        unanswered = error;
        throw new DeliveryError('no answer', 'unknown');
      }
    },
    { step: 'deserialize', priority: 'high', name: 'broadsheetNoRetryOnceSent' },
  );
  try {
    const result = await client.send(command);
    return result.MessageId ?? '';
  } catch (error) {
    if (withdrawn !== undefined) throw new DeliveryError(`withdrawn before its request to ${endpoint} was sent (${NOT_SENT}): ${describe(withdrawn)}`, 'notAttempted', { cause: withdrawn });
    if (unanswered !== undefined) throw new DeliveryError(`${endpoint} did not answer once the message was sent (it may have been delivered): ${describe(unanswered)}`, 'unknown', { cause: unanswered });
    throw classifySesError(error, endpoint);
  }
}

/** What a message that never reached SES, or that SES did not take, says of it. */
const NOT_SENT = 'nothing was sent';

/**
 * True unless the failure shows that SES did not take the message: an error answer (4xx, 5xx), or a request that
 * never left (refused or unresolved connection, connect timeout). A success answer whose body could not be read
 * (stalled, broken off) was taken.
 */
function mayHaveBeenTaken(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 200 && status < 300;
  return !neverConnected(error);
}

/** The connection was never made: refused, unresolved, unreachable, or not made within the connection timeout. */
function neverConnected(error: unknown): boolean {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (code && UNREACHED.has(code)) return true;
  // @smithy/node-http-handler's connectionTimeout: the socket never connected.
  return name === 'TimeoutError' && /establish a connection/.test(message ?? '');
}

function describe(error: unknown): string {
  const { name, code, message, $metadata } = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  return `${name ?? 'Error'}${code ? ` ${code}` : ''}${status ? ` (HTTP ${status})` : ''}: ${message ?? String(error)}`;
}

/**
 * What an SES failure that got an answer, or that never left, means (after the SDK's retries), in words naming
 * `endpoint`: a 4xx rejection of this message (MessageRejected, a bad address) is refused, not delivered; throttling,
 * a paused or suspended account, missing permissions, a missing contact list, a 5xx, and no connection at all are
 * the transport down: not attempted, nothing sent.
 */
export function classifySesError(error: unknown, endpoint: string): DeliveryError {
  const { name, code, $metadata } = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  const text = describe(error);
  if (status === undefined && neverConnected(error)) {
    return new DeliveryError(`${endpoint} ${unreachedWords(code)} (${NOT_SENT}): ${text}`, 'notAttempted', { cause: error });
  }
  if (!(name && DOWN.has(name)) && typeof status === 'number' && status >= 400 && status < 500 && status !== 403 && status !== 429) {
    return new DeliveryError(`${endpoint} refused the message (not delivered): ${text}`, 'refused', { cause: error });
  }
  return new DeliveryError(`${endpoint} cannot take messages now (${NOT_SENT}): ${text}`, 'notAttempted', { cause: error });
}
