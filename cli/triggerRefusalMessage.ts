import { DIGEST_WEEK_FIELD } from '../functions/digestEvents.js';
import type { TriggerRequest } from './askTrigger.js';

/**
 * The trigger's refusal message as `broadsheet trigger` prints it: a refusal of POST /digest's week names the body's
 * field (`"week": 2014-W21 has not ended …`), which the editor gave as `--digest`.
 */
export function triggerRefusalMessage(message: string, request: TriggerRequest | undefined): string {
  const field = `${DIGEST_WEEK_FIELD}: `;
  return request?.path === '/digest' && message.startsWith(field) ? `--digest: ${message.slice(field.length)}` : message;
}
