import { MAX_LOGGED_CHARS, withoutAddresses } from '../lib/shared/mailbox.js';
import { withoutAddressHashes } from '../lib/shared/withoutAddressHashes.js';

/**
 * Text for a log line: no address (withoutAddresses) and no address's hash (withoutAddressHashes), cut to what a log
 * line keeps (`maxChars`, a message's 1,000 unless told). Addresses first, whole (an address whose local part holds a
 * hash's run of hex digits, a VERP or alias address, is an address's word only until its digits are replaced), then
 * hashes, then the cut, so that the cut never leaves part of either.
 */
export function loggedText(text: string, maxChars = MAX_LOGGED_CHARS): string {
  return withoutAddressHashes(withoutAddresses(text, Infinity)).slice(0, maxChars);
}
