import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { afterPublishDeadline } from '../../../functions/afterPublishDeadline.js';
import { readPublishConfig, type S3Settings } from '../../../functions/config.js';
import { PUBLISH_RETRIED, publishDeadline, publishNeedsMs } from '../../../functions/publishDeadline.js';
import { requestDeadline } from '../../../functions/requestDeadline.js';
import { DeadlineError } from '../../../lib/shared/errors.js';
import { REPO } from '../../support/cli.js';

// The check itself, without a request: requestDeadline hands back the deadline the client was armed with.
const settings: S3Settings = { region: 'us-east-1', maxAttempts: 5, requestTimeoutMs: 10_000 };
// One S3 request at its worst with these settings: 5 attempts of 10 s for the answer and 10 s for its body, and the
// retries' longest waits (1, 2, 4 and 8 s, each with 5 s of Retry-After), 135 s. Five of them follow the last request
// allowed (the writes in flight, the checkpoint, the record, the lock's read and delete), then the 10 s margin.
const NEEDS = 5 * 135_000 + 10_000;

describe('publishDeadline', () => {
  it('needs five S3 requests at their worst and the margin', () => {
    expect(publishNeedsMs(settings)).toBe(NEEDS);
  });

  it('refuses an S3 request that could outlast the run with what follows it, allows one that fits, and none once ended', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    let left = NEEDS;
    const end = publishDeadline(s3, settings, () => left);
    const deadline = requestDeadline(s3, 'unused', 'unused');
    expect(() => deadline.check()).not.toThrow();
    left = NEEDS - 1;
    // A DeadlineError, its message whole.
    expect(() => deadline.check()).toThrow(new DeadlineError(`${NEEDS - 1} ms of the function's time left, under the ${NEEDS} ms one more S3 request may take; ${PUBLISH_RETRIED}`));
    end();
    expect(() => deadline.check()).not.toThrow();
  });

  it('words the refusal as a publish on a client the digest armed first', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    afterPublishDeadline(s3, undefined, settings, () => Number.POSITIVE_INFINITY)();
    const end = publishDeadline(s3, settings, () => 0);
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).toThrow(new DeadlineError(`0 ms of the function's time left, under the ${NEEDS} ms one more S3 request may take; ${PUBLISH_RETRIED}`));
    end();
  });

  it('words the refusal of a dry run as one that wrote nothing and holds no lock', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const end = publishDeadline(s3, settings, () => 0, true);
    expect(() => requestDeadline(s3, 'unused', 'unused').check()).toThrow(new DeadlineError(`0 ms of the function's time left, under the ${NEEDS} ms one more S3 request may take; the dry run stops; it wrote nothing, and may be asked for again`));
    end();
  });

  // README tells operators how much of the function's time a run keeps back, and quotes the refusal.
  it('is quoted in README with the figure of the deployed defaults, as the run logs it', async () => {
    const readme = (await readFile(join(REPO, 'README.md'), 'utf8')).replace(/\s+/g, ' ');
    const needs = publishNeedsMs(readPublishConfig({ CONTENT_BUCKET: 'content', SITE_BUCKET: 'site' }).s3);
    expect(needs).toBe(NEEDS);
    expect(readme).toContain(`${needs / 1000} s of its 900 s with the default 5 attempts of 10 s`);
    expect(readme).toContain(`under the ${needs} ms one more S3 request may take; ${PUBLISH_RETRIED.split('; ')[0]}; …`);
  });
});
