import { finished, Readable } from 'node:stream';

/** How long an AWS SDK client may wait, and how often it tries. */
export interface RequestBounds {
  /** Attempts per request, the first included. */
  attempts: number;
  /** Give up connecting after this many ms. */
  connectionMs: number;
  /** Give up on a request whose response has not started after this many ms. */
  requestMs: number;
}

/**
 * The part of every AWS SDK client's configuration that keeps a network call from hanging: the SDK's standard
 * retries (throttling, 5xx and connection errors, with backoff) and each attempt cut off by its timeouts.
 */
export function boundedRequests(bounds: RequestBounds) {
  return {
    retryMode: 'standard',
    maxAttempts: bounds.attempts,
    requestHandler: {
      connectionTimeout: bounds.connectionMs,
      requestTimeout: bounds.requestMs,
      // Without this the handler only logs a warning and the request hangs on (until Lambda's own timeout).
      throwOnRequestTimeout: true,
    },
  };
}

/**
 * boundedRequests, and an answer's body bounded too: the request timeout ends once the headers are in, and without an
 * idle limit a body that stops midway (a stalled server or network) is waited on for ever, and the run with it. For
 * a client none of whose calls waits on purpose (not Lambda's synchronous Invoke, silent while the function runs).
 */
export function boundedAnswers(bounds: RequestBounds) {
  const bounded = boundedRequests(bounds);
  return { ...bounded, requestHandler: { ...bounded.requestHandler, socketTimeout: bounds.requestMs } };
}

/** The slowest download an answer's body is given time for beyond the request timeout's length, in bytes a second (about 2 Mbit/s). */
export const SLOWEST_DOWNLOAD_BYTES_PER_SECOND = 256 * 1024;

/**
 * How long an answer's body may take from its headers: the request timeout, or for a large body its length at
 * SLOWEST_DOWNLOAD_BYTES_PER_SECOND. The socket's idle limit ends a body that stops; this one ends a body that
 * trickles (a byte every few seconds resets the idle limit), which would otherwise hold a run for hours.
 */
export function bodyTimeMs(requestMs: number, contentLength: number): number {
  return Math.max(requestMs, Math.ceil((contentLength * 1000) / SLOWEST_DOWNLOAD_BYTES_PER_SECOND));
}

/** Where answerBodyBound goes in a client's middleware stack: inside the deserializer, the raw answer of each attempt in hand before its body is read. */
export const ANSWER_BODY_BOUND = { step: 'deserialize', priority: 'low', name: 'answerBodyBound' } as const;

/**
 * The middleware that gives each answer's body bodyTimeMs from its headers, for a boundedAnswers client (at
 * ANSWER_BODY_BOUND): a body not whole by then is destroyed with a TimeoutError, which the SDK retries as it does a
 * stall (a streamed GET's body, read after the SDK, fails its reader instead).
 */
export function answerBodyBound(requestMs: number) {
  return <Args, Result extends { response: unknown }>(next: (args: Args) => Promise<Result>) =>
    async (args: Args): Promise<Result> => {
      const result = await next(args);
      const { body, headers } = result.response as { body?: unknown; headers?: Record<string, string | undefined> };
      if (body instanceof Readable) boundBody(body, bodyTimeMs(requestMs, Number(headers?.['content-length'] ?? 0) || 0));
      return result;
    };
}

/** Destroys `body` with a TimeoutError unless it has ended (or been destroyed) within `limitMs`. */
function boundBody(body: Readable, limitMs: number): void {
  const timer = setTimeout(() => {
    body.destroy(Object.assign(new Error(`the answer's body timed out, not whole ${limitMs} ms after its headers`), { name: 'TimeoutError' }));
  }, limitMs);
  finished(body, () => clearTimeout(timer));
}

/**
 * The longest one call of a boundedAnswers client (with answerBodyBound) can take: every attempt's answer starting
 * just before the request timeout (which starts with the request, so it covers connecting) and its body then taking
 * as long (stalled for the idle limit, or trickling to answerBodyBound's), which the SDK retries as it does a
 * timeout, and the longest waits between the attempts. For a body under SLOWEST_DOWNLOAD_BYTES_PER_SECOND × the
 * request timeout; a streamed download's body S3Store.get reads within the same figure (s3Client.ts).
 */
export function longestCallMs(bounds: Pick<RequestBounds, 'attempts' | 'requestMs'>): number {
  return bounds.attempts * 2 * bounds.requestMs + longestRetryWaitsMs(bounds.attempts);
}

/**
 * The SDK's standard retry mode (@smithy/core's StandardRetryStrategy, with its 2026 retry settings): the wait before
 * retry n (from 0) is at most min(20 s, 1 s × 2^n), 1 s being its base for throttling (the larger of its two bases),
 * and up to 5 s more when the service sends Retry-After. tests/unit/shared/retryWaits.test.ts drives the strategy of
 * each client this project builds to its longest waits and holds these to them.
 */
const MAX_BACKOFF_MS = 20_000;
const THROTTLING_BASE_MS = 1_000;
const RETRY_AFTER_EXTRA_MS = 5_000;

/** The longest the SDK's retries of one request wait in all, between its `attempts` attempts. */
export function longestRetryWaitsMs(attempts: number): number {
  let waits = 0;
  for (let retry = 0; retry < attempts - 1; retry++) waits += Math.min(MAX_BACKOFF_MS, THROTTLING_BASE_MS * 2 ** retry) + RETRY_AFTER_EXTRA_MS;
  return waits;
}
