import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPublishDeadline } from '../../../functions/afterPublishDeadline.js';
import { readPublishConfig, type S3Settings } from '../../../functions/config.js';
import { afterCheckpointMs, afterRecordMs, PUBLISH_RETRIED, publishDeadline, publishNeedsMs } from '../../../functions/publishDeadline.js';
import { requestDeadline } from '../../../functions/requestDeadline.js';
import { DeadlineError } from '../../../lib/shared/errors.js';
import { REPO } from '../../support/cli.js';

// The check itself, without a request: requestDeadline hands back the deadline the client was armed with.
const settings: S3Settings = { region: 'us-east-1', maxAttempts: 5, requestTimeoutMs: 10_000 };
// One attempt of one S3 request at its worst with these settings: 10 s for the answer to start, 10 s for its body.
// Four follow the run's cut-off (the checkpoint, the record, the lock's read and delete), then the 10 s margin; the
// writes under way at the cut-off are cut off with it, and the checkpoint leaves the other three and the margin.
const NEEDS = 4 * 20_000 + 10_000;
const AFTER_CHECKPOINT = 3 * 20_000 + 10_000;
// The record leaves the lock's read and delete and the margin.
const AFTER_RECORD = 2 * 20_000 + 10_000;
const KEPT = "kept for the checkpoint, the run record and the lock's release";
const AFTER_KEPT = "kept for the run record and the lock's release";
// The record's write or the lock's release itself is cut off: nothing after it is recorded or released.
// The record itself is cut off: the release follows it.
const RECORD_KEPT = "kept for the lock's release; the run record is not written, every file the run wrote is valid, and the next publish converges";
const LAST_KEPT = "kept to log and answer; every file the run wrote is valid, a lock it left goes stale as the function ends, and the next publish converges";
afterEach(() => {
  vi.useRealTimers();
});

/** Checks that `signal`, with `leftMs` of the time left, is cut off at the margin and not a ms before, as the last phase words it. */
function cutAtMarginFrom(leftMs: number, signal: AbortSignal) {
  vi.advanceTimersByTime(leftMs - 10_000 - 1);
  expect(signal.aborted).toBe(false);
  vi.advanceTimersByTime(1);
  expect(signal.reason).toEqual(new DeadlineError(`cut off with 10000 ms of the function's time left, ${LAST_KEPT}`));
}

/** A publish deadline on fake timers, for an invocation with `leftMs` of its time left. */
function armedFor(leftMs: number) {
  vi.useFakeTimers();
  const s3 = new S3Client({ region: 'us-east-1' });
  const ends = Date.now() + leftMs;
  return { s3, held: publishDeadline(s3, settings, () => ends - Date.now()) };
}

describe('publishDeadline', () => {
  it('keeps four S3 requests of one attempt each and the margin, three and the margin once the checkpoint is written', () => {
    expect(publishNeedsMs(settings)).toBe(NEEDS);
    expect(afterCheckpointMs(settings)).toBe(AFTER_CHECKPOINT);
    expect(afterRecordMs(settings)).toBe(AFTER_RECORD);
  });

  it('refuses an S3 request once the time left is under what it keeps, allows one before, and none once ended', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    let left = NEEDS;
    const held = publishDeadline(s3, settings, () => left);
    const deadline = requestDeadline(s3, 'unused', 'unused');
    expect(() => deadline.check()).not.toThrow();
    left = NEEDS - 1;
    // A DeadlineError, its message whole.
    expect(() => deadline.check()).toThrow(new DeadlineError(`${NEEDS - 1} ms of the function's time left, under the ${NEEDS} ms ${KEPT}; ${PUBLISH_RETRIED}`));
    // The checkpoint's write goes on, until what the record and the lock's release need.
    held.checkpoint();
    expect(() => deadline.check()).not.toThrow();
    left = AFTER_CHECKPOINT - 1;
    expect(() => deadline.check()).toThrow(DeadlineError);
    held.end();
    left = 0;
    expect(() => deadline.check()).not.toThrow();
    held.dispose();
  });

  it('cuts off the requests under way when the time left is down to what it keeps, the checkpoint and the record each when down to what follows it, the release at the margin', () => {
    vi.useFakeTimers();
    const s3 = new S3Client({ region: 'us-east-1' });
    const ends = Date.now() + 200_000;
    const held = publishDeadline(s3, settings, () => ends - Date.now());
    const run = held.signal();
    // One signal for the run's requests.
    expect(held.signal()).toBe(run);
    vi.advanceTimersByTime(200_000 - NEEDS - 1);
    expect(run.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(run.aborted).toBe(true);
    expect(run.reason).toEqual(new DeadlineError(`cut off with ${NEEDS} ms of the function's time left, ${KEPT}; ${PUBLISH_RETRIED}`));
    held.checkpoint();
    const checkpoint = held.signal();
    expect(checkpoint.aborted).toBe(false);
    vi.advanceTimersByTime(NEEDS - AFTER_CHECKPOINT - 1);
    expect(checkpoint.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(checkpoint.reason).toBeInstanceOf(DeadlineError);
    held.record();
    const record = held.signal();
    vi.advanceTimersByTime(AFTER_CHECKPOINT - AFTER_RECORD - 1);
    expect(record.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(record.aborted).toBe(true);
    held.end();
    const last = held.signal();
    vi.advanceTimersByTime(AFTER_RECORD - 10_000 - 1);
    expect(last.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(last.aborted).toBe(true);
    held.dispose();
  });

  // A record retried at length (S3 slow) is cut off while the release still has its two attempts: the lock is released,
  // not left to go stale.
  it('gives the lock\'s release its own time after a record that took all of its own: the read and the delete at their worst', () => {
    const { s3, held } = armedFor(AFTER_CHECKPOINT);
    held.checkpoint();
    held.record();
    const record = held.signal();
    // The record is not refused for want of time; it is cut off once the release's time is reached.
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).not.toThrow();
    vi.advanceTimersByTime(AFTER_CHECKPOINT - AFTER_RECORD);
    expect(record.reason).toEqual(new DeadlineError(`cut off with ${AFTER_RECORD} ms of the function's time left, ${RECORD_KEPT}`));
    held.end();
    const release = held.signal();
    expect(release.aborted).toBe(false);
    // Two attempts of 20 s: the lock's read and delete.
    cutAtMarginFrom(AFTER_RECORD, release);
    held.dispose();
  });

  it('only goes forward: a record written again after the release is cut off at the margin, and a second call keeps the phase\'s signal', () => {
    const { held } = armedFor(AFTER_RECORD);
    held.record();
    const record = held.signal();
    held.record();
    expect(held.signal()).toBe(record);
    held.end();
    held.record();
    const again = held.signal();
    expect(again).not.toBe(record);
    cutAtMarginFrom(AFTER_RECORD, again);
    held.dispose();
  });

  // Each cut-off says what its time is kept for and what becomes of the run: past the checkpoint the run is still to be
  // recorded and unlocked; at the margin its record or its lock's release is what is cut off, so it cannot say so.
  it('words each phase\'s cut-off as what is left after it: the checkpoint\'s the record and the release, the last one to log and answer', () => {
    vi.useFakeTimers();
    const s3 = new S3Client({ region: 'us-east-1' });
    const ends = Date.now() + 200_000;
    const held = publishDeadline(s3, settings, () => ends - Date.now());
    held.checkpoint();
    const checkpoint = held.signal();
    vi.advanceTimersByTime(200_000 - AFTER_CHECKPOINT);
    expect(checkpoint.reason).toEqual(new DeadlineError(`cut off with ${AFTER_CHECKPOINT} ms of the function's time left, ${AFTER_KEPT}; ${PUBLISH_RETRIED}`));
    // A checkpoint refused before it starts says the same of the time kept.
    vi.advanceTimersByTime(1);
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).toThrow(new DeadlineError(`${AFTER_CHECKPOINT - 1} ms of the function's time left, under the ${AFTER_CHECKPOINT} ms ${AFTER_KEPT}; ${PUBLISH_RETRIED}`));
    held.end();
    const last = held.signal();
    vi.advanceTimersByTime(AFTER_CHECKPOINT - 1 - 10_000);
    expect(last.reason).toEqual(new DeadlineError(`cut off with 10000 ms of the function's time left, ${LAST_KEPT}`));
    held.dispose();
  });

  it('leaves no timer once disposed: a signal of an invocation that ended never aborts', () => {
    vi.useFakeTimers();
    const s3 = new S3Client({ region: 'us-east-1' });
    const ends = Date.now() + 200_000;
    const held = publishDeadline(s3, settings, () => ends - Date.now());
    const run = held.signal();
    // A run stopped late: its checkpoint's and its record's signals are armed too.
    held.checkpoint();
    const checkpoint = held.signal();
    held.end();
    const last = held.signal();
    held.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(200_000);
    expect([run.aborted, checkpoint.aborted, last.aborted]).toEqual([false, false, false]);
  });

  it('words the refusal as a publish on a client the digest armed first, and as the digest\'s once the digest arms it again', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    afterPublishDeadline(s3, undefined, settings, () => Number.POSITIVE_INFINITY)();
    const held = publishDeadline(s3, settings, () => 0);
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).toThrow(new DeadlineError(`0 ms of the function's time left, under the ${NEEDS} ms ${KEPT}; ${PUBLISH_RETRIED}`));
    held.dispose();
    afterPublishDeadline(s3, undefined, settings, () => 0);
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).toThrow(/ ms one more S3 request may take; /);
  });

  it('words the refusal of a dry run as one that wrote nothing and holds no lock', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const held = publishDeadline(s3, settings, () => 0, true);
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).toThrow(new DeadlineError(`0 ms of the function's time left, under the ${NEEDS} ms ${KEPT}; the dry run stops; it wrote nothing, and may be asked for again`));
    held.dispose();
  });

  // README tells operators how much of the function's time a run keeps back, and quotes the refusal.
  it('is quoted in README with the figure of the deployed defaults, as the run logs it', async () => {
    const readme = (await readFile(join(REPO, 'README.md'), 'utf8')).replace(/\s+/g, ' ');
    const needs = publishNeedsMs(readPublishConfig({ CONTENT_BUCKET: 'content', SITE_BUCKET: 'site' }).s3);
    expect(needs).toBe(NEEDS);
    expect(readme).toContain(`${needs / 1000} s of its 900 s with the default 10 s request timeout`);
    expect(readme).toContain(`no S3 request after ${900 - needs / 1000} s`);
    expect(readme).toContain(`cut off with ${needs} ms of the function's time left, ${KEPT}; ${PUBLISH_RETRIED.split('; ')[0]}; …`);
    expect(readme).toContain(`cut off in turn once only ${AFTER_CHECKPOINT / 1000} s are left`);
    expect(readme).toContain(`its run record, cut off once only ${AFTER_RECORD / 1000} s are left (2 × 20 s + 10 s`);
  });
});
