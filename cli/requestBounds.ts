import { UsageError } from '../lib/shared/errors.js';

/** How one of the CLI's AWS clients waits and retries. */
export interface CliRequestBounds {
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

/**
 * Three attempts, 3 s to connect and 10 s to the start of each answer (and of silence in a body), with the SDK's
 * short backoff between them, unless the environment variables named set them: a whole number of attempts from 1 to
 * 20, of milliseconds from 100 to 900000 (the connection limit being the smaller of it and 3 s).
 */
export function requestBounds(env: NodeJS.ProcessEnv, names: { attempts: string; timeoutMs: string }): CliRequestBounds {
  const maxAttempts = whole(env, names.attempts, 3, 1, 20);
  const requestTimeoutMs = whole(env, names.timeoutMs, 10_000, 100, 900_000);
  return { maxAttempts, requestTimeoutMs, connectionTimeoutMs: Math.min(3_000, requestTimeoutMs) };
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new UsageError(`${name}: ${JSON.stringify(value)} is not a whole number from ${min} to ${max} (unset it for the default, ${fallback})`);
  }
  return parsed;
}
