import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { boundedRequests } from '../lib/shared/boundedRequests.js';

export interface LambdaClientOptions {
  /** A Lambda-compatible endpoint, for tests. Default: AWS. */
  endpoint?: string;
  credentials?: LambdaClientConfig['credentials'];
}

/**
 * The client of the Lambda API the trigger and the digest call, with the SDK's standard retries. Region: the
 * function's own. Each attempt is bounded: an asynchronous invocation is answered 202 at once, so a hung
 * connection is cut off and retried, never held until the caller's own timeout. A synchronous invocation
 * waits for the invoked function, and is bounded by the caller's time left instead (invokeSync).
 */
export function createLambdaClient(region: string | undefined, options: LambdaClientOptions = {}): LambdaClient {
  return new LambdaClient({
    ...boundedRequests({ attempts: 3, connectionMs: 1_000, requestMs: 5_000 }),
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}
