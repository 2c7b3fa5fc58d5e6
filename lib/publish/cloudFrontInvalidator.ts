import { CloudFrontClient, CreateInvalidationCommand, type CloudFrontClientConfig } from '@aws-sdk/client-cloudfront';
import type { CdnInvalidator } from './cdnInvalidation.js';
import { ANSWER_BODY_BOUND, answerBodyBound, boundedAnswers } from '../shared/boundedRequests.js';

export interface CloudFrontInvalidatorOptions {
  /** The distribution whose cached copies are dropped. */
  distributionId: string;
  /** Default: a client from createCloudFrontClient(). */
  client?: CloudFrontClient;
}

export interface CloudFrontClientOptions {
  /** Attempts per request, the first included. Default 3. */
  maxAttempts?: number;
  /** Give up on a request whose response has not started after this many ms, or whose body is not whole as long after its headers (answerBodyBound). Default 10 000. */
  requestTimeoutMs?: number;
  /** Give up connecting after this many ms. Default 3 000. */
  connectionTimeoutMs?: number;
  /** Another endpoint than CloudFront's own (tests). */
  endpoint?: string;
  /** Default: the SDK's own resolution (AWS_REGION; CloudFront's endpoint is global). */
  region?: string;
  credentials?: CloudFrontClientConfig['credentials'];
}

/**
 * The CloudFront client the publish function invalidates with: standard retries (CloudFront throttles
 * CreateInvalidation), and a request that hangs, or an answer whose body stops or trickles, is cut off and retried
 * instead of holding the function open.
 */
export function createCloudFrontClient(options: CloudFrontClientOptions = {}): CloudFrontClient {
  const requestMs = options.requestTimeoutMs ?? 10_000;
  const client = new CloudFrontClient({
    ...boundedAnswers({ attempts: options.maxAttempts ?? 3, connectionMs: options.connectionTimeoutMs ?? 3_000, requestMs }),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  // A body that trickles in never trips the idle limit: it must be whole within the request timeout of its headers.
  client.middlewareStack.add(answerBodyBound(requestMs), ANSWER_BODY_BOUND);
  return client;
}

/**
 * A CdnInvalidator over CloudFront's CreateInvalidation. The caller reference is the publish's run id: a
 * retried request with the same reference and paths is the same invalidation, not a second one.
 */
export class CloudFrontInvalidator implements CdnInvalidator {
  readonly #client: CloudFrontClient;
  readonly #distributionId: string;

  constructor(options: CloudFrontInvalidatorOptions) {
    this.#client = options.client ?? createCloudFrontClient();
    this.#distributionId = options.distributionId;
  }

  async invalidate(paths: readonly string[], reference: string): Promise<void> {
    if (paths.length === 0) return;
    await this.#client.send(
      new CreateInvalidationCommand({
        DistributionId: this.#distributionId,
        InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: [...paths] } },
      }),
    );
  }
}
