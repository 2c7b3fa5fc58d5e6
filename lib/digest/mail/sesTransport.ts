import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DeliveryError } from '../../shared/errors.js';
import type { DigestMessage } from './message.js';
import { formatMailbox } from './recipient.js';
import type { MailTransport } from './transport.js';

export interface SesTransportOptions {
  client: SESv2Client;
  contactList: string;
  topic: string;
  /** Messages a second (default 14, SES's default sending rate). */
  rate?: number;
  /** ARN of the verified identity, so SES checks (and IAM scopes) the From address against it. */
  identityArn?: string;
  configurationSet?: string;
}

// Errors after which no message can go out: stop, and let the next run resume.
const FATAL = new Set(['AccountSuspendedException', 'SendingPausedException', 'MailFromDomainNotVerifiedException', 'TooManyRequestsException', 'LimitExceededException', 'AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException']);

/**
 * Amazon SES v2, one SendEmail per recipient. ListManagementOptions ties each message to the contact list and
 * topic: SES adds List-Unsubscribe (https and mailto, one-click per RFC 8058), fills {{amazonSESUnsubscribeUrl}},
 * and keeps unsubscribed contacts out of later sends.
 */
export class SesTransport implements MailTransport {
  readonly name = 'ses';
  readonly listManaged = true;
  readonly rate: number;

  constructor(private readonly options: SesTransportOptions) {
    this.rate = options.rate ?? 14;
  }

  async send(message: DigestMessage): Promise<string> {
    const { options } = this;
    try {
      const result = await options.client.send(
        new SendEmailCommand({
          FromEmailAddress: message.from,
          ...(options.identityArn ? { FromEmailAddressIdentityArn: options.identityArn } : {}),
          Destination: { ToAddresses: [formatMailbox(message.recipient)] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
              // SES sets Message-ID itself; List-Unsubscribe comes from ListManagementOptions.
              Headers: message.headers.map((header) => ({ Name: header.name, Value: header.value })),
            },
          },
          ListManagementOptions: { ContactListName: options.contactList, TopicName: options.topic },
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        }),
      );
      return result.MessageId ?? '';
    } catch (error) {
      throw classifySesError(error);
    }
  }

  async close(): Promise<void> {}
}

/** A 4xx answer means SES did not accept the message; no answer or a 5xx leaves the outcome unknown. */
export function classifySesError(error: unknown): DeliveryError {
  const { name, message, $metadata } = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  const text = `SES ${name ?? 'error'}: ${message ?? String(error)}`;
  if (name && FATAL.has(name)) return new DeliveryError(text, true, true, { cause: error });
  if (typeof status === 'number' && status >= 400 && status < 500) return new DeliveryError(text, true, status === 403 || status === 429, { cause: error });
  return new DeliveryError(text, false, false, { cause: error });
}
