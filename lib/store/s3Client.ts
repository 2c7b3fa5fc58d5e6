import { Readable, finished } from 'node:stream';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { boundedAnswers, longestCallMs } from '../shared/boundedRequests.js';

/** The slowest download a GET's body is given time for beyond the request timeout's length, in bytes a second (about 2 Mbit/s). */
export const SLOWEST_DOWNLOAD_BYTES_PER_SECOND = 256 * 1024;

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
   * body must arrive whole within as long again (bodyTimeMs). Default 30 000.
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
  const { requestMs } = s3Bounds(options);
  // After the SDK's retries: it hands over a streamed body once the headers are in, and reads none of it.
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { Body?: unknown; ContentLength?: number };
      if (output.Body instanceof Readable) boundBody(output.Body, bodyTimeMs(requestMs, output.ContentLength ?? 0));
      return result;
    },
    { step: 'initialize', name: 'boundedBody' },
  );
  return client;
}

/**
 * How long a GET's body may take from its headers: the request timeout, or for a large body its length at
 * SLOWEST_DOWNLOAD_BYTES_PER_SECOND. The socket's idle limit ends a body that stops; this one ends a body that trickles
 * (a byte every few seconds resets the idle limit), which would otherwise hold a run for hours.
 */
export function bodyTimeMs(requestMs: number, contentLength: number): number {
  return Math.max(requestMs, Math.ceil((contentLength * 1000) / SLOWEST_DOWNLOAD_BYTES_PER_SECOND));
}

/** Destroys `body` with a TimeoutError unless it has ended (or been destroyed) within `limitMs`. */
function boundBody(body: Readable, limitMs: number): void {
  const timer = setTimeout(() => {
    body.destroy(Object.assign(new Error(`the answer's body timed out, not whole ${limitMs} ms after its headers`), { name: 'TimeoutError' }));
  }, limitMs);
  finished(body, () => clearTimeout(timer));
}

function s3Bounds(options: Pick<S3ClientOptions, 'maxAttempts' | 'requestTimeoutMs' | 'connectionTimeoutMs'>) {
  return { attempts: options.maxAttempts ?? 5, connectionMs: options.connectionTimeoutMs ?? 5_000, requestMs: options.requestTimeoutMs ?? 30_000 };
}

/**
 * The longest one request of a client made with these options can take (longestCallMs): a PUT's, LIST's or DELETE's
 * answer can stall in every attempt, each retried; a GET's only in the last, its body then given the request timeout
 * (bodyTimeMs, for a body under SLOWEST_DOWNLOAD_BYTES_PER_SECOND × that timeout) before S3Store asks again.
 */
export function s3RequestWorstCaseMs(options: Pick<S3ClientOptions, 'maxAttempts' | 'requestTimeoutMs' | 'connectionTimeoutMs'>): number {
  return longestCallMs(s3Bounds(options));
}
