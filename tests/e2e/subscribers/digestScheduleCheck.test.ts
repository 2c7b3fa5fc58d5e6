import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createLogger } from '../../../functions/logger.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, storeDigestSite, type StoreDigestSite } from './storeDigestSite.js';
import { sesStoreSince } from '../digest/support.js';

// The digest goes out when the digestSchedule and digestTimezone params say; site.yml's digest.day and digest.time
// (default Monday 08:00) in its timezone (Asia/Seoul here) say when it is meant to. The real digest function with
// the subscriber store on s3rver and the SES emulator, given the event EventBridge Scheduler sends.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const tag = `${process.pid}c${Date.now() % 100000}`;
const ADA = `ada-${tag}@example.org`;
let site: StoreDigestSite;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  site = await storeDigestSite(s3, 'schedule-check');
  await addSubscriber(site.store, ADA, { method: 'added', now: DateTime.fromISO('2014-05-10T09:00:00+09:00') });
  logs = captureLogs();
});
afterAll(() => logs?.restore());

async function sentTo(): Promise<string[]> {
  const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.flatMap((email) => email.destination.to).filter((to) => to.includes(tag));
}

function digestAt(now: string): { run: ReturnType<typeof createDigestHandler> } {
  const lambda = publishLambda(s3, s3Endpoint, site, now);
  const run = createDigestHandler(() => ({
    config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'digest-schedule-secret-long-enough' }),
    s3,
    ses,
    lambda,
    logger: createLogger('broadsheet-test-digest'),
    clock: () => DateTime.fromISO(now),
  }));
  return { run };
}

describe('a scheduled digest whose schedule is out of step with site.yml', () => {
  it('sends nothing and throws, saying when it fired, when site.yml sends, and the params that would match', async () => {
    // The schedule of a site deployed for New York: Monday 08:00 there is 12:00 UTC, Monday 21:00 in Seoul.
    const { run } = digestAt('2014-05-12T12:00:00Z');
    const error = await run({ source: 'broadsheet.schedule', scheduledTime: '2014-05-12T12:00:00Z' }, lambdaContext('digest', 'schedule-off-1')).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.name).toBe('ConfigError');
    expect(error?.message).toBe("the digest's schedule fired on Monday 21:00 in Asia/Seoul, but site.yml sends it on Monday at 08:00 (digest.day, digest.time, timezone): nothing was sent; deploy with --param digestSchedule='cron(0 8 ? * MON *)' --param digestTimezone=Asia/Seoul, or change site.yml");
    expect(await sentTo()).toEqual([]);
    // Refused before the publish function was asked for the week: nothing archived, only the run's record.
    expect((await new S3Store(s3, site.siteBucket, '').list('')).map((object) => object.key)).toEqual([expect.stringMatching(new RegExp(`^${RUNS_PREFIX}\\d{13}-schedule-off-1\\.json$`))]);
    expect(logs.lines().find((line) => line.message === 'digest failed')).toMatchObject({ error: { name: 'ConfigError' } });
  });

  it('sends as usual when the schedule fires at site.yml\'s time, and when an event carries no time (a hand-made one)', async () => {
    // Monday 2014-05-12 08:00 in Seoul.
    const { run } = digestAt('2014-05-12T08:00:00+09:00');
    const outcome = (await run({ source: 'broadsheet.schedule', scheduledTime: '2014-05-11T23:00:00Z' }, lambdaContext('digest', 'schedule-on-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(outcome).toMatchObject({ ok: true, week: '2014-W19', sent: { sent: 1 } });
    expect(await sentTo()).toEqual([ADA]);
    const again = (await run({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'schedule-on-2'))) as Extract<DigestOutcome, { ok: true }>;
    expect(again).toMatchObject({ ok: true, week: '2014-W19', sent: { sent: 0, skipped: 1 } });
    // A retry of the same run whose clock is past the next week's end (Monday 19 May 00:00): still the week ended when it was due.
    const late = (await digestAt('2014-05-19T00:05:00+09:00').run({ source: 'broadsheet.schedule', scheduledTime: '2014-05-11T23:00:00Z' }, lambdaContext('digest', 'schedule-on-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(late).toMatchObject({ ok: true, week: '2014-W19', sent: { sent: 0, skipped: 1 } });
  });
});
