import type { DeliveryError } from '../shared/errors.js';
import { OpeningRefusals } from './openingRefusals.js';

/** Default limit: transport failures in a row that stop a run. */
export const MAX_CONSECUTIVE_FAILURES = 3;

/**
 * Transport failures in a row (outcomes unknown, temporary refusals) across every send of one run: the groups of
 * subscribers who chose the same tags, the subscriber store's shards, the fan-out's batches (lib/delivery/batchStreak.ts
 * keeps theirs in the store). Each send alone
 * starts at one recipient, often the only one its shard holds: counted per send, a transport that takes every message
 * and then drops the connection would have the whole list marked unknown (never sent again) instead of stopping.
 */
export class FailureStreak {
  private inARow = 0;
  private lastFailure: DeliveryError | undefined;
  /** The permanent refusals that open the run, across its sends as the streak is (a resumed streak starts them anew). */
  readonly opening = new OpeningRefusals();

  constructor(readonly limit: number = MAX_CONSECUTIVE_FAILURES) {}

  /** A streak carried over from another process (the fan-out's batches keep theirs in the store). */
  static resumed(inARow: number, lastFailure: DeliveryError | undefined, limit: number = MAX_CONSECUTIVE_FAILURES): FailureStreak {
    const streak = new FailureStreak(limit);
    streak.inARow = lastFailure ? Math.max(0, Math.floor(inARow)) : 0;
    streak.lastFailure = lastFailure;
    return streak;
  }

  /** Failures in a row so far. */
  get count(): number {
    return this.inARow;
  }

  /** The last of them, while there are any. */
  get last(): DeliveryError | undefined {
    return this.lastFailure;
  }

  /** Counts a failure; true when it is the limit's, and the run must stop. */
  failed(failure: DeliveryError): boolean {
    this.inARow++;
    this.lastFailure = failure;
    return this.tripped !== undefined;
  }

  /** A message went out, or was refused for its own sake: the transport works. */
  succeeded(): void {
    this.inARow = 0;
    this.lastFailure = undefined;
  }

  /** Why the run must stop, once the limit is reached; undefined before. */
  get tripped(): { reason: string; failure: DeliveryError } | undefined {
    if (this.inARow < this.limit || !this.lastFailure) return undefined;
    return { reason: `${this.inARow} messages in a row failed at the transport (last: ${this.lastFailure.message})`, failure: this.lastFailure };
  }
}
