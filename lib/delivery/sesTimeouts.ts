import { longestRetryWaitsMs } from '../shared/boundedRequests.js';

// Apart from the SES transport, so that what reads them (settle's wait for a handover) loads no SES SDK.

/** How long an SES call may take, in milliseconds, and how many times the SDK makes it. */
export const SES_TIMEOUTS = { connection: 5_000, request: 15_000, attempts: 3 } as const;

/**
 * The longest one SES send can take: every attempt cut off at the request timeout (which starts with the request, so
 * it covers connecting), the SDK's backoff between them, and then an answer whose body stalls for the socket's idle
 * limit (the request timeout's length), after which no attempt follows (sendEmailOnce).
 */
export const SES_MAX_SEND_MS = SES_TIMEOUTS.attempts * SES_TIMEOUTS.request + longestRetryWaitsMs(SES_TIMEOUTS.attempts) + SES_TIMEOUTS.request;
