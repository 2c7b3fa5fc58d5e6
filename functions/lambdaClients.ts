import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';

/** Clients of the AWS APIs the trigger and the digest call, with the SDK's standard retries. Region: the function's own. */
export function createLambdaClient(region: string | undefined): LambdaClient {
  return new LambdaClient({ retryMode: 'standard', maxAttempts: 3, ...(region ? { region } : {}) });
}

export function createSsmClient(region: string | undefined): SSMClient {
  return new SSMClient({ retryMode: 'standard', maxAttempts: 3, ...(region ? { region } : {}) });
}
