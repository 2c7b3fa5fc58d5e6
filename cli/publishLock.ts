import { hostname, userInfo } from 'node:os';
import type { PublishLockOptions } from '../lib/publish/publishLock.js';
import { thisProcess } from '../lib/shared/thisProcess.js';
import type { CliIo } from './io.js';

/** How long a CLI publish's lock lasts past its last renewal: what a publish killed on another machine holds up. */
export const CLI_LOCK_LEASE_MS = 10 * 60 * 1000;
/** How often a running CLI publish renews its lock: a few failed renewals in a row still leave it held. */
export const CLI_LOCK_RENEW_MS = 2 * 60 * 1000;

/**
 * The publish lock as the CLI takes it (`publish`, and `digest`, which publishes the week's archive): named after the
 * user, the host and the process, renewed while the publish writes, with takeovers and a failed release told on stderr.
 * `again`: what a refusal tells the user to run again (PublishLockOptions.again), default `publish again`.
 */
export function cliPublishLock(command: string, io: CliIo, again?: string): PublishLockOptions {
  return {
    owner: `broadsheet ${command} by ${ownerName()} on ${hostname()}, pid ${process.pid}`,
    ...(again ? { again } : {}),
    clock: () => Date.now(),
    staleAfterMs: CLI_LOCK_LEASE_MS,
    renewEveryMs: CLI_LOCK_RENEW_MS,
    // A publish killed here (Ctrl-C, a kill) leaves its lock: the next one on this machine sees it gone and takes it over.
    process: thisProcess(),
    onTakeOver: (message) => io.stderr(`warning: ${message}`),
    onReleaseFailed: (message) => io.stderr(`warning: ${message}`),
  };
}

/** The user named in the lock another publish sees; a container may have no user entry. */
function ownerName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'an unknown user';
  }
}
