import { longestRetryWaitsMs } from '../shared/boundedRequests.js';

// Apart from the SES transport, so that what reads them (settle's wait for a handover) loads no SES SDK.

/** How long an SES call may take, in milliseconds, and how many times the SDK makes it. */
export const SES_TIMEOUTS = { connection: 5_000, request: 15_000, attempts: 3 } as const;

/** The longest one SES send can take: every attempt waits for its connection and its answer, and the SDK backs off between them. */
export const SES_MAX_SEND_MS = SES_TIMEOUTS.attempts * (SES_TIMEOUTS.connection + SES_TIMEOUTS.request) + longestRetryWaitsMs(SES_TIMEOUTS.attempts);
