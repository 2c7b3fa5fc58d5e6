import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { PublishLockOptions } from '../lib/publish/publishLock.js';

/** How long after the function's deadline its lock goes stale: by then Lambda has surely ended the run. */
export const LOCK_DEADLINE_MARGIN_MS = 1000;

/**
 * The publish lock a function takes (lib/publish/publishLock.ts), named for `who` and its request: stale once the
 * function's time has ended, however late in the invocation it is taken, so that the retry after a timeout takes it
 * over. Its takeover and a failed release are logged as warnings.
 */
export function functionLock(who: string, context: Context, clock: () => number, logger: Logger): PublishLockOptions {
  return {
    owner: `${who}, request ${context.awsRequestId}`,
    clock,
    staleAt: clock() + context.getRemainingTimeInMillis() + LOCK_DEADLINE_MARGIN_MS,
    onTakeOver: (message) => logger.warn('publish lock taken over', { detail: message }),
    onReleaseFailed: (message) => logger.warn('publish lock not released', { detail: message }),
  };
}
