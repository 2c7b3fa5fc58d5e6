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
