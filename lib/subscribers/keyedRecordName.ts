import { createHmac } from 'node:crypto';

/** What a keyed record counts, hashed with its key so that one value of two kinds names two records. */
export type KeyedRecordLabel = 'client' | 'network' | 'inbox';

/**
 * The name of a record of the subscriber store kept per client, network or inbox: 16 hex digits of an HMAC of the
 * label and the key under a signing secret, so the name holds no address and no plain hash of one (README, "What is
 * kept").
 */
export function keyedRecordName(secret: string, label: KeyedRecordLabel, key: string): string {
  return createHmac('sha256', secret).update(`broadsheet-signup-${label}\n${key}`).digest('hex').slice(0, 16);
}
