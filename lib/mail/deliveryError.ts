import { BroadsheetError } from '../errors.js';

/**
 * A message that could not be delivered. `definitive`: the transport did not accept it, so it was not sent
 * and a later run may try again. Otherwise the outcome is unknown (the connection dropped mid-message) and
 * the recipient is never sent to again. `fatal`: the transport is unusable (bad credentials, throttled,
 * account paused), so the run stops and the next run resumes.
 */
export class DeliveryError extends BroadsheetError {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly definitive: boolean,
    readonly fatal = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
