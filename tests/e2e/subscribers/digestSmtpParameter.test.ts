import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createLogger } from '../../../functions/logger.js';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { serveAws, type LoopbackAws } from '../../support/loopbackLambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { mailboxFor } from '../../support/smtpMailbox.js';
import { publishLambda, storeDigestSite, type StoreDigestSite } from './storeDigestSite.js';

// A deployment that sends the digest through SMTP keeps the URL, password included, in an SSM SecureString named
// by SMTP_URL_PARAMETER (the smtpUrlParameter param), never in the function's environment. The real digest function
// with the subscriber store on s3rver, SSM's GetParameter on loopback, and the test SMTP server receiving the mail.
const s3Endpoint = inject('s3Endpoint');
const smtpUrl = inject('smtpUrl');
const mailbox = inject('smtpMailbox');
const s3 = testS3Client(s3Endpoint);
const PARAMETER = '/broadsheet/test/smtp-url';
const NOW = '2014-05-12T09:00:00+09:00';
// When the subscribers were added: during 2014-W19, before its issue was due (Monday 12 May 08:00 in Seoul).
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
const tag = `${process.pid}m${Date.now() % 100000}`;
const ADA = `ada-${tag}@example.org`;
let site: StoreDigestSite;
let aws: LoopbackAws;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  site = await storeDigestSite(s3, 'smtp-param');
  await s3.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'smtp', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }) }));
  await addSubscriber(site.store, ADA, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
  aws = await serveAws({}, { [PARAMETER]: smtpUrl });
  logs = captureLogs();
});
afterAll(async () => {
  logs?.restore();
  await aws?.close();
});

const handlerWith = (env: Record<string, string>) =>
  createDigestHandler(() => {
    const config = readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'digest-smtp-secret-long-enough', ...env });
    return {
      config,
      ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
      s3,
      ses: new SESv2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
      lambda: publishLambda(s3, s3Endpoint, site, NOW),
      logger: createLogger('broadsheet-test-digest'),
      clock: () => DateTime.fromISO(NOW),
    };
  });

describe('the digest function through SMTP', () => {
  it('refuses to send without an SMTP URL, saying to keep it in SSM and how to deploy it; a scheduled run then fails, so that its alarm sees it, as one whose parameter is missing does', async () => {
    const fix = /no SMTP URL: put smtp:\/\/user:password@host:587 in an SSM SecureString and deploy with --param smtpUrlParameter=/;
    const manual = await handlerWith({})({ source: 'broadsheet.trigger', action: 'digest', send: true }, lambdaContext('digest', 'smtp-none-0'));
    expect(manual).toMatchObject({ ok: false, trigger: 'manual', error: 'UsageError', message: expect.stringMatching(fix) });
    const lines = logs.lines().length;
    const error = await handlerWith({})({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'smtp-none-1')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'RunRefusedError', message: expect.stringMatching(fix) });
    // Logged first, as the manual run's refusal is: one line with the whole outcome.
    expect(logs.lines().slice(lines).filter((line) => line.level === 'ERROR')).toEqual([expect.objectContaining({ message: 'refused: nothing was archived or sent', outcome: expect.objectContaining({ ok: false, trigger: 'schedule', error: 'UsageError' }) })]);
    // A parameter that is not there: named, with its variable and the command that creates it, in the one line logged.
    const before = logs.lines().length;
    const missing = await handlerWith({ SMTP_URL_PARAMETER: '/broadsheet/test/no-such-url' })({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'smtp-missing-1')).catch((thrown: unknown) => thrown);
    expect(missing).toMatchObject({ name: 'ParameterError', parameter: '/broadsheet/test/no-such-url', variable: 'SMTP_URL_PARAMETER' });
    expect(logs.lines().slice(before).filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({
        message: 'digest failed',
        error: { name: 'ParameterError', parameter: '/broadsheet/test/no-such-url', variable: 'SMTP_URL_PARAMETER', transient: false, message: expect.stringContaining('does not exist in this function\'s account and region: create it with read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf \'%s\' "$SMTP_URL" | aws ssm put-parameter --name /broadsheet/test/no-such-url --type SecureString --value file:///dev/stdin (or deploy') },
      }),
    ]);
    expect(await mailboxFor(mailbox, [ADA])).toEqual([]);
  });

  it('sends with the URL read from the SSM parameter SMTP_URL_PARAMETER names, with no SMTP_URL in its environment, and logs no URL', async () => {
    const outcome = (await handlerWith({ SMTP_URL_PARAMETER: PARAMETER })({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'smtp-param-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(outcome).toMatchObject({ ok: true, week: '2014-W19', sent: { transport: 'smtp', total: 1, sent: 1, failed: 0 } });
    const received = await mailboxFor(mailbox, [ADA]);
    expect(received.map((message) => message.to)).toEqual([[ADA]]);
    expect(logs.raw()).not.toContain(smtpUrl);
  });
});
