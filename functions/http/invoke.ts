import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

export type AsyncResult =
  /** Queued (Lambda answered 202): the request id, which the invoked function's logs carry. */
  | { kind: 'queued'; invocationId: string }
  /** Throttled (TooManyRequestsException): nothing was queued, and the same request may be made again shortly. */
  | { kind: 'busy' };

/** Queues an asynchronous invocation. Throttling is a result, so that the caller answers it as one (429); other faults throw. */
export async function invokeAsync(lambda: LambdaClient, functionName: string, payload: unknown): Promise<AsyncResult> {
  try {
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }),
    );
    return { kind: 'queued', invocationId: response.$metadata.requestId ?? 'unknown' };
  } catch (error) {
    if (throttled(error)) return { kind: 'busy' };
    throw error;
  }
}

/** Lambda's answer to a request over a function's concurrency or the account's invocation rate (Invoke API: 429). */
function throttled(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'TooManyRequestsException';
}

/** What a route keeps of the trigger's time to log and answer after waiting for another function. */
export const ANSWER_MARGIN_MS = 2_000;
/** The wait when the time left is unknown (a route called outside Lambda). */
const UNKNOWN_TIME_LEFT_MS = 60_000;

/** How long a route may wait for a synchronous invocation: the trigger's time left, less ANSWER_MARGIN_MS. */
export function syncWaitMs(timeLeft: (() => number) | undefined): number {
  return Math.max(0, (timeLeft ? timeLeft() : UNKNOWN_TIME_LEFT_MS) - ANSWER_MARGIN_MS);
}

export type SyncResult<T> =
  | { kind: 'ok'; payload: T; invocationId: string }
  | { kind: 'failed'; invocationId: string }
  /** Throttled: with reserved concurrency 1, another run is in progress. */
  | { kind: 'busy' }
  /** No answer within the caller's bound: the invoked function may still be running. */
  | { kind: 'noAnswer'; waitedMs: number };

/**
 * A synchronous invocation, waited for at most `timeoutMs` (the caller's time left, less what it needs to answer):
 * the invoked function can run longer than the caller may. Cut off then, the request is aborted, not retried.
 * The function's own error, throttling and no answer in time are results; other faults throw.
 */
export async function invokeSync<T>(lambda: LambdaClient, functionName: string, payload: unknown, timeoutMs: number): Promise<SyncResult<T>> {
  const waitedMs = Math.max(0, Math.floor(timeoutMs));
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'noAnswer'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('noAnswer');
    }, waitedMs);
  });
  let response;
  try {
    // The client's own per-attempt bound is for quick calls; this one waits for the function, up to the deadline.
    const sent = lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(payload)) }), {
      abortSignal: abort.signal,
      requestTimeout: waitedMs + 1_000,
    });
    sent.catch(() => undefined);
    response = await Promise.race([sent, deadline]);
  } catch (error) {
    if (throttled(error)) return { kind: 'busy' };
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (response === 'noAnswer') return { kind: 'noAnswer', waitedMs };
  const invocationId = response.$metadata.requestId ?? 'unknown';
  if (response.FunctionError || !response.Payload) return { kind: 'failed', invocationId };
  return { kind: 'ok', payload: JSON.parse(Buffer.from(response.Payload).toString('utf8')) as T, invocationId };
}
