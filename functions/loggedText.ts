import { withoutAddresses } from '../lib/shared/mailbox.js';
import { withoutAddressHashes } from '../lib/shared/withoutAddressHashes.js';

/**
 * Text for a log line: no address (withoutAddresses) and no address's hash (withoutAddressHashes), the hashes
 * replaced first, so that the cut to 1,000 characters never leaves part of one.
 */
export function loggedText(text: string): string {
  return withoutAddresses(withoutAddressHashes(text));
}
