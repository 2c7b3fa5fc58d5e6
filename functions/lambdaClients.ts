import { LambdaClient } from '@aws-sdk/client-lambda';

/** The client of the Lambda API the trigger and the digest call, with the SDK's standard retries. Region: the function's own. */
export function createLambdaClient(region: string | undefined): LambdaClient {
  return new LambdaClient({ retryMode: 'standard', maxAttempts: 3, ...(region ? { region } : {}) });
}
