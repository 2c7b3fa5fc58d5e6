import { cappedLists, cappedProblemDetails, cappedWarningDetails, type RunRecord } from '../lib/publish/runRecord.js';
import type { RunStart } from '../lib/publish/publishRunRecord.js';
import type { DigestOutcome } from './digestEvents.js';
import { MAX_LISTED, refusedWarnings } from './publishEvents.js';
import { failedRecipientsMessage } from '../lib/delivery/failedRecipientsMessage.js';

/** The record of a digest run that returned: the archive's files and the recipients, or why it was refused. */
export function digestRunRecord(start: RunStart, outcome: DigestOutcome): RunRecord {
  if (!outcome.ok) {
    return {
      ...start,
      outcome: outcome.error === 'ContentError' ? 'invalid' : 'refused',
      error: outcome.error,
      ...(outcome.message ? { message: outcome.message } : {}),
      counts: {},
      ...cappedLists([], outcome.problems ?? []),
      // The outcome lists the first problems only; the record keeps their true count.
      problemsTotal: outcome.problemsTotal ?? outcome.problems?.length ?? 0,
      ...refusedWarnings(outcome),
      ...recordedDetails(outcome),
    };
  }
  const sent = outcome.sent;
  return {
    ...start,
    outcome: sent && sent.failed > 0 ? 'failed' : 'ok',
    ...(sent && sent.failed > 0 ? { error: 'DeliveryError', message: failedRecipientsMessage(sent) } : {}),
    counts: { ...outcome.archive, ...(sent ? { sent: sent.sent, skipped: sent.skipped, failed: sent.failed, unknown: sent.unknown } : {}) },
    ...(outcome.pings ? { pings: outcome.pings } : {}),
    ...(outcome.retriedPings ? { retriedPings: outcome.retriedPings } : {}),
    ...(outcome.notSent ? { notSent: outcome.notSent } : {}),
    ...(outcome.queued ? { queued: outcome.queued.batches } : {}),
    ...cappedLists([], []),
    ...refusedWarnings(outcome),
  };
}

/**
 * A refused outcome's problems and warnings as objects, capped as a publish's record caps them; absent where the
 * outcome has none (a function deployed before gave lines alone). The outcome lists MAX_LISTED warnings at most and
 * counts them (warningsTotal, which refusedWarnings keeps); from a function deployed before that count, their number
 * is known, and kept, only when it lists fewer.
 */
function recordedDetails(outcome: Extract<DigestOutcome, { ok: false }>): Pick<RunRecord, 'problemDetails' | 'warningDetails' | 'warningsTotal'> {
  const warnings = outcome.warningLines ? outcome.warningDetails : undefined;
  return {
    ...(outcome.problemDetails ? cappedProblemDetails(outcome.problemDetails) : {}),
    ...(warnings ? cappedWarningDetails(warnings, warnings.length < MAX_LISTED ? warnings.length : undefined) : {}),
  };
}
