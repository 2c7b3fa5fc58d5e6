import type { S3Settings } from './config.js';
import { publishNeedsMs } from './publishDeadline.js';

/** The publish function's timeout (serverless.yml's `timeout: 900`, Lambda's longest). */
export const PUBLISH_TIMEOUT_MS = 900_000;

/**
 * The most of the function's timeout a run may keep back for what follows its last S3 request (publishNeedsMs): the
 * rest is its time to publish in. Past half, the run gets less than it keeps back; past the whole, no run can make a
 * single request, and every one ends in the failed-runs queue.
 */
export const PUBLISH_RESERVE_SHARE = 0.5;

/** S3_REQUEST_TIMEOUT_MS's range, as config.ts reads it. */
const LEAST_REQUEST_TIMEOUT_MS = 100;
const MOST_REQUEST_TIMEOUT_MS = 900_000;

/**
 * The longest S3_REQUEST_TIMEOUT_MS whose reserve, with the other settings as they are, keeps within
 * PUBLISH_RESERVE_SHARE of `timeoutMs`: found on publishNeedsMs itself (which grows with the request timeout), so it
 * follows the reserve however that is worked out. Undefined when even the shortest the config allows does not.
 */
export function longestPublishRequestTimeoutMs(settings: S3Settings, timeoutMs = PUBLISH_TIMEOUT_MS): number | undefined {
  const fits = (requestTimeoutMs: number) => publishNeedsMs({ ...settings, requestTimeoutMs }) <= timeoutMs * PUBLISH_RESERVE_SHARE;
  if (!fits(LEAST_REQUEST_TIMEOUT_MS)) return undefined;
  let low = LEAST_REQUEST_TIMEOUT_MS;
  let high = MOST_REQUEST_TIMEOUT_MS + 1;
  // low fits; high does not (or is past the range).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Why the publish function cannot run with these S3 settings, or undefined when it can: a request timeout whose
 * reserve (publishNeedsMs) takes more than PUBLISH_RESERVE_SHARE of the function's timeout. Checked at the start of
 * each invocation and answered, not thrown: a retry would be refused alike.
 */
export function publishReserveRefusal(settings: S3Settings, timeoutMs = PUBLISH_TIMEOUT_MS): string | undefined {
  const needsMs = publishNeedsMs(settings);
  if (needsMs <= timeoutMs * PUBLISH_RESERVE_SHARE) return undefined;
  const longest = longestPublishRequestTimeoutMs(settings, timeoutMs);
  const share = `${Math.round(PUBLISH_RESERVE_SHARE * 100)}%`;
  return (
    `S3_REQUEST_TIMEOUT_MS: ${settings.requestTimeoutMs} has each publish keep back ${needsMs} ms of the function's ${timeoutMs} ms ` +
    `for its checkpoint, run record and lock's release, more than the ${share} a run may keep from its time to publish; ` +
    (longest === undefined ? 'no value of it fits' : `the longest that fits is ${longest}: set it to ${longest} or less, or unset it for the default 10000`) +
    ' in the publish function\'s environment; nothing was read or written'
  );
}
