import { DeliveryError } from '../lib/shared/errors.js';
import { UNREACHED } from '../lib/shared/unreached.js';
import type { MailEnv } from '../lib/delivery/mailEnv.js';
import type { Recipient } from '../lib/subscribers/recipient.js';
import type { CliRequestBounds } from './requestBounds.js';
import { CLI_SES_LIST_BOUNDS_SET_BY } from './sesListBounds.js';

/**
 * The recipients of `digest --send --transport ses` without --to or --subscribers: the contact list's subscribers to
 * the topic, read through a client of the listing's own bounds. A listing that got no answer names the endpoint,
 * the bounds and what was not done: nobody was sent the digest, which a rerun sends.
 */
export async function sesListRecipients(env: MailEnv, bounds: CliRequestBounds, contactList: string, topic: string): Promise<Recipient[]> {
  const [{ createSesClient }, { sesContactRecipients }] = await Promise.all([import('../lib/delivery/sesTransport.js'), import('../lib/delivery/sesContactRecipients.js')]);
  const region = env.region ?? 'us-east-1';
  const client = createSesClient({ region, timeouts: { attempts: bounds.maxAttempts, connection: bounds.connectionTimeoutMs, request: bounds.requestTimeoutMs }, ...(env.sesEndpoint ? { endpoint: env.sesEndpoint } : {}) });
  try {
    return await sesContactRecipients(client, contactList, topic);
  } catch (error) {
    if (!isNoAnswer(error)) throw error;
    const { name, code, message } = error as { name?: string; code?: string; message?: string };
    const where = env.sesEndpoint ?? `AWS SES (${region})`;
    const cutOff = `${bounds.maxAttempts} attempt${bounds.maxAttempts === 1 ? '' : 's'}, each cut off after ${bounds.requestTimeoutMs / 1000} s: ${CLI_SES_LIST_BOUNDS_SET_BY}`;
    throw new DeliveryError(
      `cannot list the contacts of SES contact list ${JSON.stringify(contactList)} (topic ${JSON.stringify(topic)}): ${where} did not answer (${cutOff}; ${name ?? 'Error'}${code ? ` ${code}` : ''}: ${message ?? String(error)}); nobody was sent the digest (digest --send again sends it)`,
      'notAttempted',
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}

/** A request cut off by the client's timeouts, or a connection not made or dropped: no answer at all from SES. */
function isNoAnswer(error: unknown): boolean {
  const { name, code, $metadata } = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if ($metadata?.httpStatusCode !== undefined) return false;
  return name === 'TimeoutError' || (typeof code === 'string' && (UNREACHED.has(code) || /^(ECONNRESET|ETIMEDOUT|EPIPE)$/.test(code)));
}
