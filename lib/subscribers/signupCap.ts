/**
 * Signups the subscribe function takes in a clock hour (UTC), across its instances: each sends at most one
 * confirmation, so this bounds the confirmations the SES account (which sends the digest too) sends for strangers.
 */
export const SIGNUPS_PER_HOUR = 100;
/** The most a cap may be: StoreSignupCap names a slot by its number in this many digits (five). */
export const MOST_SIGNUPS_PER_HOUR = 99_999;

/** What the cap answers a signup: taken, or refused until the next hour (and whether it is the hour's first refusal). */
export type SignupCapAnswer = { taken: true } | { taken: false; retryAfterMs: number; firstRefused: boolean };

/**
 * The hourly cap on signups, counted before any address is read, so that a refusal tells nothing of one
 * (StoreSignupCap keeps it in the subscriber store).
 */
export interface SignupCap {
  take(nowMs: number): Promise<SignupCapAnswer>;
}
