import { timeShort } from './timeShort.js';

/** What follows a send's last message when the caller does not say (sendDigest's reserveMs). */
export const DEFAULT_RESERVE_MS = 15_000;

/** What a read of the stores before a message is checked against: a run's time left, and the time it keeps in hand. */
export interface ReadTime {
  /** Milliseconds left before the run must end; without it, nothing is checked. */
  timeLeft?: () => number;
  /** The longest one store request can take. Default 0 (a local folder). */
  storeRequestMs?: number;
  /** What follows the send. Default DEFAULT_RESERVE_MS. */
  reserveMs?: number;
}

/**
 * Why a read of `requests` store requests (`what`, in the reason) must not begin, or undefined when it may: it is
 * begun only while it, at its longest, and what follows the send still fit in the time left, so that a run short of
 * time stops there, nothing claimed, rather than run past its timeout in a slow store.
 */
export function storeReadStop(time: ReadTime, requests: number, what: string): string | undefined {
  const short = timeShort(time.timeLeft, requests * (time.storeRequestMs ?? 0) + (time.reserveMs ?? DEFAULT_RESERVE_MS));
  return short && `${short.left} s left, and ${what} may take ${short.needed} s with what follows the send`;
}
