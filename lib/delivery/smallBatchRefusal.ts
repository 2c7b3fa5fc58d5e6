import { countOf } from '../shared/countOf.js';
import type { FailureStreak } from './failureStreak.js';
import type { SendSummary } from './sendDigest.js';

/**
 * Why a fan-out batch must be reported failed although it went through its shard: every message it tried was refused
 * alike with a code that names no one (OpeningRefusals), and nothing went out; the caller then reads whether any run
 * or batch of the week has sent a message (weekDelivered), and fails the batch only if none has. A shard holds one or
 * two subscribers, too few for OpeningRefusals to tell a relay refusing everyone (a bare 550) from those mailboxes' own
 * refusals, so each batch would record its recipients failed and end well. They stay recorded failed (refused, not delivered); failing the batch has SQS deliver it again,
 * which sends to them under their next attempt once the relay takes mail, and sends it to the dead-letter queue (an
 * alarm) while the relay refuses. Once the week has gone out, such refusals are the recipients'.
 */
export function smallBatchRefusal(summary: SendSummary, streak: FailureStreak): string | undefined {
  if (summary.stopped !== undefined || streak.opening.delivered) return undefined;
  const refused = streak.opening.undecided;
  if (!refused || refused.count === 0 || refused.count !== summary.failed || summary.sent > 0 || summary.unknown > 0) return undefined;
  return `the relay refused ${refused.count === 1 ? 'the one message' : `each of the ${countOf(refused.count, 'message', 'messages')}`} of this batch alike (${refused.reply}), and no batch of the week has sent one yet: too few to tell the relay refusing everyone from these recipients' own refusals; recorded failed, and SQS delivers the batch again, which sends to them once the relay takes mail`;
}
