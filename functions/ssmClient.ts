import { SSMClient } from '@aws-sdk/client-ssm';

/**
 * The trigger's client of SSM Parameter Store (its token), with the SDK's standard retries. Region: the
 * function's own. A module of its own so that only the trigger's bundle holds the SSM client.
 */
export function createSsmClient(region: string | undefined): SSMClient {
  return new SSMClient({ retryMode: 'standard', maxAttempts: 3, ...(region ? { region } : {}) });
}
