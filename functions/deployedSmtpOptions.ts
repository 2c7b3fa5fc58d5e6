import type { SmtpTransportOptions } from '../lib/delivery/smtpTransport.js';
import type { DeliveryConfig } from './digestEnv.js';

/**
 * How a deployed digest-sender function sends through SMTP: at SMTP_URL's rate (?rateLimit= a ?rateDelta=) shared by
 * the senderConcurrency senders the queue runs side by side, so that together they keep to the relay's limit for the
 * login, as deployedSesOptions shares site.yml's SES rate.
 */
export function deployedSmtpOptions(url: string, config: Pick<DeliveryConfig, 'senderConcurrency'>): SmtpTransportOptions {
  return { url, senders: config.senderConcurrency };
}
