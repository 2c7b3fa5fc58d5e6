import { requestBounds, type CliRequestBounds } from './requestBounds.js';

/** How the CLI's S3 client waits and retries. */
export type CliS3Bounds = CliRequestBounds;

/**
 * Three attempts, 3 s to connect and 10 s to the start of each answer (and of silence in a body), with the SDK's
 * short backoff between them: an endpoint that takes the connection and never answers fails a command in about 30 s,
 * where the SDK's own 5 attempts of 30 s held it for two and a half minutes. S3_MAX_ATTEMPTS and S3_REQUEST_TIMEOUT_MS,
 * the functions' own settings, set them (a slow link, or a test that wants a hang cut off at once).
 */
export function cliS3Bounds(env: NodeJS.ProcessEnv): CliS3Bounds {
  return requestBounds(env, { attempts: 'S3_MAX_ATTEMPTS', timeoutMs: 'S3_REQUEST_TIMEOUT_MS' });
}

/** How the CLI's bounds are set, for the message of a request that got no answer. */
export const CLI_S3_BOUNDS_SET_BY = 'S3_REQUEST_TIMEOUT_MS and S3_MAX_ATTEMPTS set these';

/**
 * The slowest upload a CLI PUT is given time for beyond its request timeout: 256 KiB/s (about 2 Mbit/s), so that a
 * large manifest going out on a slow link is not cut off while bytes still flow.
 */
export const CLI_SLOWEST_UPLOAD_BYTES_PER_SECOND = 256 * 1024;
