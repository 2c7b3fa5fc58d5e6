import { longestCallMs } from '../shared/boundedRequests.js';

// Apart from the SES transport, so that what reads them (settle's wait for a handover) loads no SES SDK.

/** How long an SES call may take, in milliseconds, and how many times the SDK makes it. */
export const SES_TIMEOUTS = { connection: 5_000, request: 15_000, attempts: 3 } as const;

/**
 * The longest one SES send can take (longestCallMs): an error answer (a 503) whose body stalls is retried, so every
 * attempt can wait for its headers and then the idle limit; a 2xx one that stalls ends the send (sendEmailOnce).
 */
export const SES_MAX_SEND_MS = longestCallMs({ attempts: SES_TIMEOUTS.attempts, requestMs: SES_TIMEOUTS.request });
