import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ANSWER_BODY_BOUND, answerBodyBound, boundedAnswers, longestCallMs } from '../shared/boundedRequests.js';

export interface S3ClientOptions {
  /** AWS region. Default: the SDK's own resolution (AWS_REGION, the profile); a bucket elsewhere is followed by redirect. */
  region?: string;
  /** An S3-compatible endpoint (s3rver, MinIO). Default: AWS. Setting it also turns on path-style URLs. */
  endpoint?: string;
  /** Path-style URLs (`host/bucket/key`). Default: true with `endpoint`, false without. */
  forcePathStyle?: boolean;
  /** Attempts per request, the first included, with the SDK's standard retry mode (exponential backoff with jitter). Default 5. */
  maxAttempts?: number;
  /**
   * Give up on a request whose response has not started after this many ms, or whose body stops for as long; a GET's
   * body must arrive whole within as long again (answerBodyBound). Default 30 000.
   */
  requestTimeoutMs?: number;
  /** Give up connecting after this many ms. Default 5 000. */
  connectionTimeoutMs?: number;
  credentials?: S3ClientConfig['credentials'];
}

/**
 * The one place an S3Client is built, for the CLI and the Lambda functions alike. Retries use the SDK's
 * standard mode (throttling and 5xx and connection errors are retried with backoff); a request that hangs
 * is cut off by the timeout and retried too, and so is a body that stops midway (S3Store.get asks for it again).
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const config: S3ClientConfig = {
    ...boundedAnswers(s3Bounds(options)),
    followRegionRedirects: true,
  };
  if (options.region) config.region = options.region;
  if (options.credentials) config.credentials = options.credentials;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.forcePathStyle = options.forcePathStyle ?? true;
    // S3-compatible servers (s3rver among them) mishandle the flexible checksums the SDK sends by
    // default (aws-chunked trailers); send and check checksums only where the API demands them.
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  } else if (options.forcePathStyle !== undefined) {
    config.forcePathStyle = options.forcePathStyle;
  }
  const client = new S3Client(config);
  // A GET's body too, which the SDK hands over unread: S3Store.get reads it within the bound, or asks again.
  client.middlewareStack.add(answerBodyBound(s3Bounds(options).requestMs), ANSWER_BODY_BOUND);
  return client;
}

function s3Bounds(options: Pick<S3ClientOptions, 'maxAttempts' | 'requestTimeoutMs' | 'connectionTimeoutMs'>) {
  return { attempts: options.maxAttempts ?? 5, connectionMs: options.connectionTimeoutMs ?? 5_000, requestMs: options.requestTimeoutMs ?? 30_000 };
}

/**
 * The longest one request of a client made with these options can take (longestCallMs): a PUT's, LIST's or DELETE's
 * answer can stall in every attempt, each retried; a GET's only in the last, its body then given the request timeout
 * (answerBodyBound, for a body under SLOWEST_DOWNLOAD_BYTES_PER_SECOND × that timeout) before S3Store asks again.
 */
export function s3RequestWorstCaseMs(options: Pick<S3ClientOptions, 'maxAttempts' | 'requestTimeoutMs' | 'connectionTimeoutMs'>): number {
  return longestCallMs(s3Bounds(options));
}
