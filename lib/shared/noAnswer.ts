import { UNREACHED, unreachedWords } from './unreached.js';

/** Where a client sends its requests and how it bounds them, as a message of a request that got no answer names them. */
export interface NoAnswerBounds {
  /** The endpoint (`--endpoint`, SES_ENDPOINT), or how AWS is reached (`AWS S3 (eu-west-1)`). */
  endpoint: string;
  attempts: number;
  requestTimeoutMs: number;
  /** How the bounds are set (environment variables), named in the message. */
  setBy?: string;
}

/**
 * Whether an AWS SDK call got no answer at all: cut off by the client's timeouts, or a connection that could not be
 * made (UNREACHED) or was dropped. An HTTP status is an answer.
 */
export function isNoAnswer(error: unknown): boolean {
  const { name, code, $metadata } = (error ?? {}) as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if ($metadata?.httpStatusCode !== undefined) return false;
  return name === 'TimeoutError' || (typeof code === 'string' && (UNREACHED.has(code) || /^(ECONN|ETIMEDOUT|EPIPE)/.test(code)));
}

/**
 * `ENDPOINT did not answer (N attempts, each cut off after S s: SET BY; DETAIL)`: what the bounds were, and the error's
 * own words. A connection that could not be made at all (`error`'s code one of UNREACHED) is told as such instead:
 * `ENDPOINT refused the connection (N attempts; DETAIL)`, or `could not be reached`, where no timeout was waited out.
 */
export function noAnswerMessage({ endpoint, attempts, requestTimeoutMs, setBy }: NoAnswerBounds, detail: string, error?: unknown): string {
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && UNREACHED.has(code)) return `${endpoint} ${unreachedWords(code)} (${tries}; ${detail})`;
  return `${endpoint} did not answer (${tries}, each cut off after ${requestTimeoutMs / 1000} s${setBy ? `: ${setBy}` : ''}; ${detail})`;
}
