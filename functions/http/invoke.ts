import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** Queues an asynchronous invocation (Lambda answers 202); returns its request id, which the invoked function's logs carry. */
export async function invokeAsync(lambda: LambdaClient, functionName: string, payload: unknown): Promise<string> {
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }),
  );
  return response.$metadata.requestId ?? 'unknown';
}

export type SyncResult<T> =
  | { kind: 'ok'; payload: T; invocationId: string }
  | { kind: 'failed'; invocationId: string }
  /** Throttled: with reserved concurrency 1, another run is in progress. */
  | { kind: 'busy' };

/** A synchronous invocation; the function's own error and throttling are results, other faults throw. */
export async function invokeSync<T>(lambda: LambdaClient, functionName: string, payload: unknown): Promise<SyncResult<T>> {
  let response;
  try {
    response = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(payload)) }),
    );
  } catch (error) {
    if ((error as Error).name === 'TooManyRequestsException') return { kind: 'busy' };
    throw error;
  }
  const invocationId = response.$metadata.requestId ?? 'unknown';
  if (response.FunctionError || !response.Payload) return { kind: 'failed', invocationId };
  return { kind: 'ok', payload: JSON.parse(Buffer.from(response.Payload).toString('utf8')) as T, invocationId };
}
