import { DeliveryError } from '../lib/shared/errors.js';
import { isNoAnswer, noAnswerMessage } from '../lib/shared/noAnswer.js';
import type { MailEnv } from '../lib/delivery/mailEnv.js';
import { sesEndpointName } from '../lib/delivery/sesEndpointName.js';
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
    const network = { endpoint: sesEndpointName(env.sesEndpoint, region), attempts: bounds.maxAttempts, requestTimeoutMs: bounds.requestTimeoutMs, setBy: CLI_SES_LIST_BOUNDS_SET_BY };
    const detail = `${name ?? 'Error'}${code ? ` ${code}` : ''}: ${message ?? String(error)}`;
    throw new DeliveryError(
      `cannot list the contacts of SES contact list ${JSON.stringify(contactList)} (topic ${JSON.stringify(topic)}): ${noAnswerMessage(network, detail, error)}; nobody was sent the digest (digest --send again sends it)`,
      'notAttempted',
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}
