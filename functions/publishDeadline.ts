import { setMaxListeners } from 'node:events';
import type { S3Client } from '@aws-sdk/client-s3';
import { DeadlineError } from '../lib/shared/errors.js';
import { s3RequestWorstCaseMs } from '../lib/store/s3Client.js';
import { s3ClientOptions, type S3Settings } from './config.js';
import { requestDeadline } from './requestDeadline.js';

/** What a publish run keeps past its last request, to log and answer: its requests still under way then are cut off. */
export const PUBLISH_DEADLINE_MARGIN_MS = 10_000;

/**
 * The S3 requests that follow the run's cut-off, each given one attempt at its worst: the checkpoint of what it wrote
 * (lib/publish/checkpointManifest.ts), the run record, and the lock's release (a read of the lock, then its delete).
 * The writes under way at the cut-off are not among them: they are cut off with it.
 */
export const PUBLISH_REQUESTS_AFTER = 4;

/** One S3 request's one attempt at its worst: its answer starting just before the request timeout, its body taking as long. */
export function oneAttemptMs(settings: S3Settings): number {
  return s3RequestWorstCaseMs({ ...s3ClientOptions(settings), maxAttempts: 1 });
}

/**
 * What a publish run keeps of the function's time for what follows its last S3 request (PUBLISH_REQUESTS_AFTER and the
 * margin): once its time left is down to this, the run's requests under way are cut off and no other is made.
 */
export function publishNeedsMs(settings: S3Settings): number {
  return PUBLISH_REQUESTS_AFTER * oneAttemptMs(settings) + PUBLISH_DEADLINE_MARGIN_MS;
}

/** What the checkpoint's write leaves for the run record and the lock's release: it is cut off when only this is left. */
export function afterCheckpointMs(settings: S3Settings): number {
  return (PUBLISH_REQUESTS_AFTER - 1) * oneAttemptMs(settings) + PUBLISH_DEADLINE_MARGIN_MS;
}

/**
 * What the run record's write leaves for the lock's release (its read and its delete): it is cut off when only this is
 * left, so that a record retried at length cannot take the release's time too.
 */
export function afterRecordMs(settings: S3Settings): number {
  return (PUBLISH_REQUESTS_AFTER - 2) * oneAttemptMs(settings) + PUBLISH_DEADLINE_MARGIN_MS;
}

/**
 * How often a cut-off still to come looks at the time left again: Lambda's runs down with the clock, and one timer would
 * do; looking again keeps the cut-off right for a time left that does not (a test's).
 */
const CHECK_EVERY_MS = 1_000;

/** What becomes of a publish run one of whose S3 requests is refused for its time. */
export const PUBLISH_RETRIED = 'the publish stops, recorded, with its lock released; every file it wrote is valid, and the next publish completes it';

/** What becomes of a dry run refused so: it writes nothing, takes no lock and keeps no record. */
export const DRY_RUN_STOPPED = 'the dry run stops; it wrote nothing, and may be asked for again';

/** What the run's cut-off keeps its time left for, and past the checkpoint's, as their refusals and cut-offs word it. */
const RUN_KEPT = 'kept for the checkpoint, the run record and the lock\'s release';
const CHECKPOINT_KEPT = 'kept for the run record and the lock\'s release';

/** The record's cut-off: what it cuts off is the record itself, and the release follows. */
const RECORD_CUT = 'kept for the lock\'s release; the run record is not written, every file the run wrote is valid, and the next publish converges';

/**
 * The last cut-off's words: what it cuts off is the run record or the lock's release itself, so they cannot say the run
 * is recorded and unlocked.
 */
const LAST_CUT = 'kept to log and answer; every file the run wrote is valid, a lock it left goes stale as the function ends, and the next publish converges';

/** A publish run's hold on its S3 requests (publishDeadline), through to the end of its invocation. */
export interface PublishDeadline {
  /** The signal each S3 request of the run is sent with (S3StoreOptions.abortSignal). */
  signal: () => AbortSignal;
  /** Before the checkpoint's write: it goes on past the cut-off, until what the run record and the lock's release need. */
  checkpoint: () => void;
  /** Before the run record's write: it is not refused, and is cut off at what the lock's release needs. */
  record: () => void;
  /** Before the lock's release, and what follows it: no request is refused, and one under way is cut off only at the margin. */
  end: () => void;
  /** At the invocation's end: no timer of it is left to fire in the next. */
  dispose: () => void;
}

/**
 * Holds each S3 request of a publish run to the function's time left. Until its time left is down to publishNeedsMs,
 * requests are made; then the ones under way are cut off at once, however slowly they trickle (their abort signal),
 * and any other is refused (requestDeadline), and the run fails, its checkpoint written, recorded and unlocked, rather
 * than Lambda cutting it off with no record and its lock left until it goes stale. The checkpoint, the record and the
 * lock's release are made after (`checkpoint`, `record`, `end`), each cut off in turn so that the one after has its
 * time, the last at the margin: whatever S3 does, the function answers in time. The phases only go forward: a record
 * written again after the release is cut off at the margin, as the release is.
 */
export function publishDeadline(s3: S3Client, settings: S3Settings, timeLeft: () => number, dryRun = false): PublishDeadline {
  const deadline = requestDeadline(s3, 'S3 request', PUBLISH_RETRIED);
  // Set whole on each run: the client keeps the deadline it was first given, which another function's run may have worded.
  deadline.reset({ timeLeft, needsMs: publishNeedsMs(settings), retried: dryRun ? DRY_RUN_STOPPED : PUBLISH_RETRIED, kept: RUN_KEPT });
  const timers = new Set<NodeJS.Timeout>();
  let cutAtMs = deadline.needsMs;
  // What the time left at the cut-off is kept for, and what becomes of the run, as its reason words them.
  let cutWords = `${RUN_KEPT}; ${deadline.retried}`;
  let current: AbortController | undefined;
  // The phase the run is in: 0 its requests, 1 the checkpoint, 2 the record, 3 the release and after.
  let stage = 0;
  /** Whether the run may move on to phase `next`: only forward, never back. */
  const reaches = (next: number) => {
    if (stage >= next) return false;
    stage = next;
    return true;
  };
  const phase = (atMs: number, words: string) => {
    cutAtMs = atMs;
    cutWords = words;
    // The requests started from now on get the new phase's signal; any still under way keep theirs.
    current = undefined;
  };
  /**
   * Aborts `controller` once the time left is down to `atMs`, looking again at least every CHECK_EVERY_MS; never at
   * once, so that a request asked for with the time already up is refused (requestDeadline), not cut off unsent.
   */
  const cutOff = (controller: AbortController, atMs: number, words: string, first = false) => {
    const until = timeLeft() - atMs;
    if (until <= 0 && !first) {
      controller.abort(new DeadlineError(`cut off with ${atMs} ms of the function's time left, ${words}`));
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      cutOff(controller, atMs, words);
    }, Math.max(0, Math.min(until, CHECK_EVERY_MS)));
    timer.unref();
    timers.add(timer);
  };
  return {
    signal() {
      if (current) return current.signal;
      const controller = new AbortController();
      // One signal for every request of the phase: as many listeners as requests under way.
      setMaxListeners(0, controller.signal);
      current = controller;
      cutOff(controller, cutAtMs, cutWords, true);
      return controller.signal;
    },
    checkpoint() {
      if (!reaches(1)) return;
      deadline.needsMs = afterCheckpointMs(settings);
      deadline.kept = CHECKPOINT_KEPT;
      phase(deadline.needsMs, `${CHECKPOINT_KEPT}; ${deadline.retried}`);
    },
    record() {
      if (!reaches(2)) return;
      deadline.timeLeft = () => Number.POSITIVE_INFINITY;
      phase(afterRecordMs(settings), RECORD_CUT);
    },
    end() {
      if (!reaches(3)) return;
      deadline.timeLeft = () => Number.POSITIVE_INFINITY;
      phase(PUBLISH_DEADLINE_MARGIN_MS, LAST_CUT);
    },
    dispose() {
      deadline.timeLeft = () => Number.POSITIVE_INFINITY;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      current = undefined;
    },
  };
}
