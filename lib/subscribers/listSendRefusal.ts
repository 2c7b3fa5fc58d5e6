import type { DigestConfig, TransportName } from '../content/digestConfig.js';
import { SITE_FILE } from '../content/contentKeys.js';
import type { Problem } from '../shared/errors.js';
import { subscriptionHandlerOrigin } from '../shared/subscriptionHandlerOrigin.js';

/**
 * Why the digest may not be sent to the subscriber list `list` (digest.subscribers) through `transport`, or undefined
 * when it may: with the subscription handler's own one-click unsubscribe as digest.unsubscribe.url, who leaves is
 * recorded in the subscriber store, which a send to the list never reads, so who left would be sent the digest again
 * (RFC 8058 §3.1: the unsubscribe must take effect). SES reads its contact list instead. `digest --send` refuses such
 * a send, and `check` warns of it, in these words.
 */
export function listSendRefusal(digest: Pick<DigestConfig, 'unsubscribe'>, transport: TransportName, list: string): Problem | undefined {
  const url = digest.unsubscribe.url;
  if (transport === 'ses' || url === undefined || subscriptionHandlerOrigin(url) === undefined) return undefined;
  return {
    file: SITE_FILE,
    field: 'digest.unsubscribe.url',
    message: `the subscription handler's one-click unsubscribe records who leaves in the subscriber store, and a send to the list ${list} never reads the store: who left would be sent the digest again, so digest --send refuses it`,
    fix: 'import the list into the store with broadsheet subscribers import FILE --subscribers DIR, and send with --subscribers DIR',
  };
}
