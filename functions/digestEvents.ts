import type { PingOutcome } from '../lib/publish/websub.js';
import type { Problem } from '../lib/shared/errors.js';

/** What the trigger sends the digest function (POST /digest). */
export interface ManualDigestEvent {
  source: 'broadsheet.trigger';
  action: 'digest';
  /** `YYYY-Www`; default the week just ended. */
  week?: string;
  /** Default false: archive only. */
  send?: boolean;
  /**
   * With `send`: the checks alone, that the trigger asks for before it hands the send on (POST /digest). Everything a
   * send refuses is checked (the week, site.yml and the send's settings against the stack's, the content, through the
   * publish function's archive of the week) and the run answers, sending nothing; it is recorded only when refused.
   */
  check?: boolean;
  requestedBy?: string;
  /**
   * The send a check handed on: the feeds the check's publish changed (DigestOutcome.toPing), which the send pings once
   * it has sent or queued the week, to the hub site.yml names; only the site's own URLs are taken.
   */
  toPing?: string[];
}

/** What EventBridge Scheduler delivers: the schedule's `input` (serverless.yml's, with the time the run was due). */
export interface ScheduledDigestEvent {
  source: 'broadsheet.schedule';
  /** <aws.scheduler.scheduled-time>: when the schedule was due, ISO 8601 (checked against site.yml's send time). */
  scheduledTime?: string;
}

export type DigestEvent = ManualDigestEvent | ScheduledDigestEvent;

export const DIGEST_SCHEDULE_SOURCE = 'broadsheet.schedule';

/** How a refusal of the week names it to whoever asked through POST /digest: the body's field, not the CLI's `--week`. */
export const DIGEST_WEEK_FIELD = '"week"';

/** What the digest function returns and logs. Counts and hashed ids only: no address is ever logged. */
export type DigestOutcome =
  | {
      ok: true;
      trigger: 'schedule' | 'manual';
      week: string;
      entries: number;
      archive: { new: number; changed: number; deleted: number };
      /** subscribedLater: of the skipped, those who subscribed after the week's issue was due (not theirs). */
      sent?: { transport: string; total: number; sent: number; skipped: number; failed: number; unknown: number; notReached: number; subscribedLater?: number; stopped?: string };
      notSent?: string;
      /** The send was queued for the digest-sender function, one message per subscriber shard. */
      queued?: { batches: number };
      /** A check before a send (ManualDigestEvent.check): nothing refused it, and nothing was sent. */
      checked?: true;
      /** The WebSub pings of the feeds the publish changed, made after the send, by outcome; absent when none was due. */
      pings?: Record<PingOutcome, number>;
      /** Those an earlier publish left pending, made again (RunRecord.retriedPings). */
      retriedPings?: Record<PingOutcome, number>;
      /**
       * A check that a send follows: the feeds its publish changed, not pinged, for the trigger to hand on to the send
       * (ManualDigestEvent.toPing). A synchronous invocation ends when it answers, so the check cannot ping after its
       * answer, and the trigger waits for it.
       */
      toPing?: string[];
      /**
       * A send made by this run: its warnings (subscribers who chose a tag the site no longer has) as a run record
       * lists them. A queued send's are its batches' to log.
       */
      warningLines?: string[];
      warningLinesTotal?: number;
    }
  /**
   * `problems`: at most MAX_LISTED (functions/publishEvents.ts); `problemsTotal`: how many there are; content refused,
   * its warnings as a run record lists them (lib/publish/runRecord.ts); `problemDetails`, `warningDetails`: the same as
   * objects, as publish --json gives them, in the answer only (not the log line; absent from a function deployed before),
   * the first MAX_LISTED; `warningsTotal`: how many warnings there are (absent from a function deployed before it).
   */
  | { ok: false; trigger: 'schedule' | 'manual'; error: string; problems?: string[]; problemsTotal?: number; message?: string; warningLines?: string[]; warningLinesTotal?: number; problemDetails?: Problem[]; warningDetails?: Problem[]; warningsTotal?: number };
