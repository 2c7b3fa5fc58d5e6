import { fileURLToPath } from 'node:url';

const HOOK = fileURLToPath(new URL('./killAtWrite.mjs', import.meta.url));

/**
 * The environment that makes a CLI run send itself `signal` right after its `k`-th write to a local folder, and with
 * `againAfter`, once more right after its next write of a path ending in it.
 */
export function killAtWriteEnv(k: number, signal: 'SIGKILL' | 'SIGTERM' | 'SIGINT' = 'SIGKILL', againAfter?: string): Record<string, string> {
  return { NODE_OPTIONS: `--import ${HOOK}`, BROADSHEET_TEST_KILL_AT: String(k), BROADSHEET_TEST_KILL_SIGNAL: signal, ...(againAfter ? { BROADSHEET_TEST_KILL_AGAIN_AFTER: againAfter } : {}) };
}

/** The environment that makes a CLI run send itself SIGKILL right after its first write of a path ending in `pathEnd`. */
export function killAfterWriteOfEnv(pathEnd: string): Record<string, string> {
  return { NODE_OPTIONS: `--import ${HOOK}`, BROADSHEET_TEST_KILL_AFTER: pathEnd };
}
