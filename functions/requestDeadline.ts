import type { S3Client } from '@aws-sdk/client-s3';
import { DeadlineError } from '../lib/shared/errors.js';

/**
 * What a client's requests are checked against, set by each invocation: the time it has left, and what one request
 * needs of it. `request` and `retried` word the refusal: what one request is, and what becomes of the run.
 */
export class RequestDeadline {
  /** The invocation's time left; Infinity (the default) checks nothing. */
  timeLeft: () => number = () => Number.POSITIVE_INFINITY;
  /** One request at its worst and what must follow it (the run's record, the retry's cue). */
  needsMs = 0;
  /** What `needsMs` is kept for, as the refusal words it; '' (the default): one more request at its worst, and what must follow it. */
  kept = '';

  constructor(
    private readonly request: string,
    /** What becomes of the run when a request is refused. */
    public retried: string,
  ) {}

  /**
   * Sets every field for a new run: a client keeps the deadline it was first given, and a field left as an earlier
   * run (of any function) set it would word or check this run's refusals wrongly. `kept` left out is the default.
   */
  reset(run: { timeLeft: () => number; needsMs: number; retried: string; kept?: string }): void {
    this.timeLeft = run.timeLeft;
    this.needsMs = run.needsMs;
    this.retried = run.retried;
    this.kept = run.kept ?? '';
  }

  /** Throws a DeadlineError, before the request is sent, when it could outlast the invocation with what must follow it. */
  check(): void {
    const left = this.timeLeft();
    if (left < this.needsMs) throw new DeadlineError(`${left} ms of the function's time left, under the ${this.needsMs} ms ${this.kept || `one more ${this.request} may take`}; ${this.retried}`);
  }
}

const deadlines = new WeakMap<object, RequestDeadline>();

/**
 * Refuses each request of `client` (a DeadlineError, before it is sent) that could outlast the invocation: a slow
 * service fails the run cleanly, in time for what follows (its record, Lambda's retry), rather than Lambda cutting it
 * off mid-request. Put on a client once, before its retries (the SDK's retries are one request, checked once); each
 * invocation sets the time left, and sets it back to Infinity for the requests that must not be refused.
 */
export function requestDeadline(client: { middlewareStack: unknown }, request: string, retried: string): RequestDeadline {
  const kept = deadlines.get(client);
  if (kept) return kept;
  const deadline = new RequestDeadline(request, retried);
  (client.middlewareStack as S3Client['middlewareStack']).add(
    (next) => async (args) => {
      deadline.check();
      return next(args);
    },
    { step: 'initialize', name: 'requestDeadline' },
  );
  deadlines.set(client, deadline);
  return deadline;
}
