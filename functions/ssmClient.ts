import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
import { boundedRequests } from '../lib/shared/boundedRequests.js';

export interface SsmClientOptions {
  /** An SSM-compatible endpoint, for tests. Default: AWS. */
  endpoint?: string;
  credentials?: SSMClientConfig['credentials'];
}

/**
 * The trigger's client of SSM Parameter Store (its token), with the SDK's standard retries. Region: the
 * function's own. A module of its own so that only the trigger's bundle holds the SSM client.
 *
 * Each attempt is bounded (a GetParameter is a small, quick call): a hung connection is cut off and
 * retried rather than held until the function's timeout. The trigger bounds the whole read, retries
 * included, by its own deadline (TOKEN_TIMEOUT_MS in trigger.ts).
 */
export function createSsmClient(region: string | undefined, options: SsmClientOptions = {}): SSMClient {
  return new SSMClient({
    ...boundedRequests({ attempts: 3, connectionMs: 1_000, requestMs: 1_500 }),
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}
