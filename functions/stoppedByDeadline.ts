import { DeadlineError } from '../lib/shared/errors.js';

/** Whether a run's error is, or was caused by, a request refused or cut off for the function's time left. */
export function stoppedByDeadline(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) if (cause instanceof DeadlineError) return true;
  return false;
}
