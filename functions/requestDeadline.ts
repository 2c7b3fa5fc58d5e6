import type { S3Client } from '@aws-sdk/client-s3';
import { DeadlineError } from '../lib/shared/errors.js';

/** What a client's requests are checked against, set by each invocation: the time it has left, and what a request needs of it. */
export interface RequestDeadline {
  /** The invocation's time left; Infinity (the default) checks nothing. */
  timeLeft: () => number;
  /** One request at its worst and what must follow it (the run's record, the retry's cue). */
  needsMs: number;
}

const deadlines = new WeakMap<object, RequestDeadline>();

/**
 * Refuses each request of `client` (a DeadlineError, before it is sent) that could outlast the invocation: a slow
 * service fails the run cleanly, in time for what follows (its record, Lambda's retry), rather than Lambda cutting it
 * off mid-request. Put on a client once, before its retries (the SDK's retries are one request, checked once); each
 * invocation sets the time left, and sets it back to Infinity for the requests that must not be refused. `request`
 * and `retried` word the error: what one request is, and what becomes of the run.
 */
export function requestDeadline(client: { middlewareStack: unknown }, request: string, retried: string): RequestDeadline {
  const kept = deadlines.get(client);
  if (kept) return kept;
  const deadline: RequestDeadline = { timeLeft: () => Number.POSITIVE_INFINITY, needsMs: 0 };
  (client.middlewareStack as S3Client['middlewareStack']).add(
    (next) => async (args) => {
      const left = deadline.timeLeft();
      if (left < deadline.needsMs) throw new DeadlineError(`${left} ms of the function's time left, under the ${deadline.needsMs} ms one more ${request} may take; ${retried}`);
      return next(args);
    },
    { step: 'initialize', name: 'requestDeadline' },
  );
  deadlines.set(client, deadline);
  return deadline;
}
