import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { PUBLISH_DEADLINE_MARGIN_MS, PUBLISH_REQUESTS_AFTER, publishNeedsMs } from '../../../functions/publishDeadline.js';
import { longestPublishRequestTimeoutMs, PUBLISH_RESERVE_SHARE, PUBLISH_TIMEOUT_MS, publishReserveRefusal } from '../../../functions/publishReserveRefusal.js';
import { REPO } from '../../support/cli.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { metricFilterMatches, metricFilterPattern } from '../../support/metricFilterPattern.js';

const BUCKETS = { CONTENT_BUCKET: 'content', SITE_BUCKET: 'site' };
const s3Of = (S3_REQUEST_TIMEOUT_MS: string) => readPublishConfig({ ...BUCKETS, S3_REQUEST_TIMEOUT_MS }).s3;
// The reserve is PUBLISH_REQUESTS_AFTER attempts of 2 × the request timeout (the answer's start, then its body) and the
// margin, and may take half of the function's timeout: 4 × 2 × T + 10 000 ≤ 450 000, so T ≤ 55 000.
const LONGEST = (PUBLISH_TIMEOUT_MS * PUBLISH_RESERVE_SHARE - PUBLISH_DEADLINE_MARGIN_MS) / (PUBLISH_REQUESTS_AFTER * 2);

describe('publishReserveRefusal', () => {
  it('takes the longest request timeout whose reserve keeps within half the timeout, and refuses one ms more', () => {
    expect(LONGEST).toBe(55_000);
    expect(publishNeedsMs(s3Of(String(LONGEST)))).toBe(PUBLISH_TIMEOUT_MS / 2);
    expect(longestPublishRequestTimeoutMs(s3Of('10000'))).toBe(LONGEST);
    expect(publishReserveRefusal(s3Of(String(LONGEST)))).toBeUndefined();
    const over = s3Of(String(LONGEST + 1));
    expect(publishReserveRefusal(over)).toBe(
      `S3_REQUEST_TIMEOUT_MS: ${LONGEST + 1} has each publish keep back ${publishNeedsMs(over)} ms of the function's 900000 ms for its checkpoint, ` +
        `run record and lock's release, more than the 50% a run may keep from its time to publish; the longest that fits is ${LONGEST}: ` +
        "set it to 55000 or less, or unset it for the default 10000 in the publish function's environment; nothing was read or written",
    );
  });

  it('passes the defaults and refuses the setting at which no run could make a request (its reserve all of the 900 s)', () => {
    expect(publishReserveRefusal(readPublishConfig(BUCKETS).s3)).toBeUndefined();
    // 4 × 2 × 111 250 + 10 000 = 900 000.
    expect(publishNeedsMs(s3Of('111250'))).toBe(PUBLISH_TIMEOUT_MS);
    expect(publishReserveRefusal(s3Of('111250'))).toContain('the longest that fits is 55000');
    // The attempts do not enter the reserve (one attempt each), so the longest is the same with any.
    expect(longestPublishRequestTimeoutMs(readPublishConfig({ ...BUCKETS, S3_MAX_ATTEMPTS: '20' }).s3)).toBe(LONGEST);
  });

  it('works the longest out for another timeout from the same reserve', () => {
    // 8 × T + 10 000 ≤ 150 000: T ≤ 17 500.
    expect(longestPublishRequestTimeoutMs(s3Of('10000'), 300_000)).toBe(17_500);
    expect(publishReserveRefusal(s3Of('17501'), 300_000)).toContain('the longest that fits is 17500');
    // Not even the shortest the config allows (100 ms: a reserve of 10 800 ms) fits half of 20 s.
    expect(publishReserveRefusal(s3Of('100'), 20_000)).toContain('no value of it fits');
  });

  it('answers every run of a function so set, refused before any request, in one line the PublishRefused alarm counts', async () => {
    const config = readPublishConfig({ ...BUCKETS, S3_REQUEST_TIMEOUT_MS: String(LONGEST + 1) });
    const sent: string[] = [];
    const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    s3.middlewareStack.add(
      (_next, context) => async () => {
        sent.push(String(context.commandName));
        throw new Error('no request was to be made');
      },
      { step: 'initialize', name: 'noRequest' },
    );
    const handler = createPublishHandler(() => ({ config, s3, logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-05-20T00:00:00Z') }));
    const logs = captureLogs();
    try {
      const scheduled = await handler(scheduledEvent(), lambdaContext('broadsheet-publish', 'req-1'));
      const message = publishReserveRefusal(config.s3);
      expect(scheduled).toEqual({ ok: false, trigger: 'schedule', error: 'ConfigError', problems: [], problemsTotal: 0, message });
      const manual = await handler({ source: 'broadsheet.trigger', dryRun: true } as never, lambdaContext('broadsheet-publish', 'req-2'));
      expect(manual).toMatchObject({ ok: false, trigger: 'manual', error: 'ConfigError', message });
    } finally {
      logs.restore();
    }
    expect(sent).toEqual([]);
    const lines = logs.lines().filter((line) => line.level === 'ERROR');
    expect(lines.map((line) => line.message)).toEqual(['publish refused', 'publish refused']);
    const pattern = metricFilterPattern('PublishRefusedMetricFilter');
    // The scheduled run's line alarms; the one asked for by hand is answered to whoever asked.
    expect(lines.map((line) => metricFilterMatches(pattern, line))).toEqual([true, false]);
  });

  // README gives the longest value and quotes the refusal of one over it.
  it('is quoted in README with the longest value worked out here', async () => {
    const readme = (await readFile(join(REPO, 'README.md'), 'utf8')).replace(/\s+/g, ' ');
    expect(readme).toContain(`\`S3_REQUEST_TIMEOUT_MS\` over ${LONGEST} (4 × 2 × ${LONGEST / 1000} s + 10 s = ${PUBLISH_TIMEOUT_MS / 2000} s)`);
    const refusal = publishReserveRefusal(s3Of('60000'))!;
    expect(readme).toContain(`\`${refusal.slice(0, refusal.indexOf(' for its'))} …; ${refusal.slice(refusal.indexOf('the longest'), refusal.indexOf(' in the publish'))} …\``);
  });
});
