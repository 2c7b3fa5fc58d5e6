import { describe, expect, it } from 'vitest';
import { FailureStreak } from '../../../lib/delivery/failureStreak.js';
import type { SendSummary } from '../../../lib/delivery/sendDigest.js';
import { smallBatchRefusal } from '../../../lib/delivery/smallBatchRefusal.js';
import { DeliveryError } from '../../../lib/shared/errors.js';

const bare550 = (address: string) => new DeliveryError(`550 <${address}> mailbox unavailable`, 'refused');
const summary = (counts: Partial<SendSummary>): SendSummary => ({ week: '2014-W19', transport: 'smtp', total: 2, sent: 0, skipped: 0, failed: 0, unknown: 0, notReached: 0, results: [], ...counts });

/** A batch's streak after its recipients' refusals, in order. */
function refused(...refusals: [DeliveryError, string][]): FailureStreak {
  const streak = new FailureStreak();
  for (const [failure, address] of refusals) streak.opening.refused(failure, address);
  return streak;
}

describe('smallBatchRefusal: a batch too small for OpeningRefusals, every message refused alike by a code naming no one', () => {
  it('two messages refused alike, the address aside, nothing sent this week: the batch fails', () => {
    const streak = refused([bare550('ada@a.example'), 'ada@a.example'], [bare550('bob@b.example'), 'bob@b.example']);
    expect(smallBatchRefusal(summary({ failed: 2 }), streak)).toMatch(/^the relay refused each of the 2 messages of this batch alike \(550 <<recipient>> mailbox unavailable\)/);
  });

  it('not when the refusals differ, one names its recipient (5.1.1), another outcome came, or the batch stopped', () => {
    const differ = refused([bare550('ada@a.example'), 'ada@a.example'], [new DeliveryError('550 <bob@b.example> over quota', 'refused'), 'bob@b.example']);
    expect(smallBatchRefusal(summary({ failed: 2 }), differ)).toBeUndefined();
    // OpeningRefusals does not count a refusal whose code is about the recipient: one of two counted.
    const ofRecipient = refused([bare550('ada@a.example'), 'ada@a.example'], [new DeliveryError('550 5.1.1 <bob@b.example> no such user', 'refused', { ofRecipient: true }), 'bob@b.example']);
    expect(smallBatchRefusal(summary({ failed: 2 }), ofRecipient)).toBeUndefined();
    const one = refused([bare550('ada@a.example'), 'ada@a.example']);
    expect(smallBatchRefusal(summary({ failed: 1, unknown: 1 }), one)).toBeUndefined();
    expect(smallBatchRefusal(summary({ failed: 1, stopped: 'out of time' }), one)).toBeUndefined();
    expect(smallBatchRefusal(summary({ failed: 1 }), one)).toMatch(/^the relay refused the one message of this batch alike/);
  });
});
