import { UsageError } from '../lib/shared/errors.js';

/** How the CLI's S3 client waits and retries. */
export interface CliS3Bounds {
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

/**
 * Three attempts, 3 s to connect and 10 s to the start of each answer (and of silence in a body), with the SDK's
 * short backoff between them: an endpoint that takes the connection and never answers fails a command in about 30 s,
 * where the SDK's own 5 attempts of 30 s held it for two and a half minutes. S3_MAX_ATTEMPTS and S3_REQUEST_TIMEOUT_MS,
 * the functions' own settings, set them (a slow link, or a test that wants a hang cut off at once).
 */
export function cliS3Bounds(env: NodeJS.ProcessEnv): CliS3Bounds {
  const maxAttempts = whole(env, 'S3_MAX_ATTEMPTS', 3, 1, 20);
  const requestTimeoutMs = whole(env, 'S3_REQUEST_TIMEOUT_MS', 10_000, 100, 900_000);
  return { maxAttempts, requestTimeoutMs, connectionTimeoutMs: Math.min(3_000, requestTimeoutMs) };
}

/** How the CLI's bounds are set, for the message of a request that got no answer. */
export const CLI_S3_BOUNDS_SET_BY = 'S3_REQUEST_TIMEOUT_MS and S3_MAX_ATTEMPTS set these';

/**
 * The slowest upload a CLI PUT is given time for beyond its request timeout: 256 KiB/s (about 2 Mbit/s), so that a
 * large manifest going out on a slow link is not cut off while bytes still flow.
 */
export const CLI_SLOWEST_UPLOAD_BYTES_PER_SECOND = 256 * 1024;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new UsageError(`${name}: ${JSON.stringify(value)} is not a whole number from ${min} to ${max} (unset it for the default, ${fallback})`);
  }
  return parsed;
}
