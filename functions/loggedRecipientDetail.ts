import { loggedText } from './loggedText.js';

/**
 * A failed or unknown recipient's detail for a log line (beside its ledger id): the transport's error names the
 * address, replaced by `<recipient>`, and may quote others or a ledger key (an address's hash), which loggedText hides.
 */
export function loggedRecipientDetail(result: { address: string; detail?: string }): string {
  return loggedText((result.detail ?? '').split(result.address).join('<recipient>'));
}
