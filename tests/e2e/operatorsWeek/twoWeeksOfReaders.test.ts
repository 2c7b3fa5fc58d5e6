import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createLogger } from '../../../functions/logger.js';
import { createSesFeedbackHandler } from '../../../functions/sesFeedback.js';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { captureLogs, functionUrlEvent, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { sesStoreSince, tempDir } from '../digest/support.js';
import { publishLambda, sitePublishHandler, storeDigestSite } from '../subscribers/storeDigestSite.js';
import { snsEvent as snsEventOf } from '../../support/snsEvent.js';

// Two weeks of the deployed functions as readers and the operator live them: the subscribe, digest and ses-feedback
// handlers in-process against s3rver and the SES emulator (the confirmations and the digests are the emails it
// caught); SSM and the digest's Invoke of publish are the SDK mock, as no server for them runs here.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const SECRET = 'operators-week-token-secret-long';
const ORIGIN = 'operators-week-origin-secret-1234';
const tag = `${process.pid}w${Date.now() % 100000}`;
const [ADA, BOB, CY, DI] = ['ada', 'bob', 'cy', 'di'].map((name) => `${name}-${tag}@example.org`) as [string, string, string, string];
// 2014-W19 is 5–11 May, 2014-W20 12–18 May in Seoul; each issue is due on the Monday after, at 08:00.
const SUNDAY_W19 = '2014-05-11T09:00:00+09:00';
// The schedule's times, as serverless.yml passes them (<aws.scheduler.scheduled-time>): Monday 08:00 in Seoul.
const DUE_W19 = '2014-05-11T23:00:00Z';
const DUE_W20 = '2014-05-18T23:00:00Z';
const MONDAY_W20 = '2014-05-12T08:00:30+09:00';
const TUESDAY_W20 = '2014-05-13T09:00:00+09:00';
const MONDAY_W21 = '2014-05-19T08:00:30+09:00';

interface CaughtEmail {
  destination: { to: string[] };
  subject: string;
  body: { text: string };
  headers?: { name: string; value: string }[];
}
async function caught(): Promise<CaughtEmail[]> {
  const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: CaughtEmail[] };
  return emails.filter((email) => email.destination.to.some((to) => to.includes(tag)));
}
const recipients = (emails: CaughtEmail[]) => emails.map((email) => email.destination.to[0]!).sort();

/** What SNS delivers of SES's event publishing: one record per message. */
const snsEvent = (...messages: unknown[]) => snsEventOf(messages, (i) => `week-${i}`, '2014-05-13T00:00:00.000Z');

describe('two weeks of readers through the deployed functions', () => {
  it('mails each reader once a week while subscribed, nobody twice, nobody who left, bounced or complained, and logs none of their addresses or tokens', async () => {
    // The confirm, one-click and preferences tokens the mails carried.
    const tokens: string[] = [];
    const logs = captureLogs();
    try {
      const site = await storeDigestSite(s3, 'operators-week');
      // storeDigestSite's trade entry is dated 7 May (2014-W19); one more trade entry in 2014-W20.
      await s3.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'content/entries/2014/trade-w20.md', Body: entryText(entry({ title: 'Trade in week 20', url: 'https://news.example.com/t20', date: '2014-05-14', tags: ['trade'] })) }));
      // The scheduled publish writes the topics a signup may choose (tags/tags.json).
      await sitePublishHandler(s3, s3Endpoint, site, SUNDAY_W19)(scheduledEvent('2014-05-11T00:00:00Z') as never, lambdaContext('publish', 'publish-w19'));

      const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
      const ssmMock = mockClient(ssm);
      ssmMock.on(GetParameterCommand, { Name: '/week/secret', WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
      ssmMock.on(GetParameterCommand, { Name: '/week/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
      let now = DateTime.fromISO(SUNDAY_W19);
      const subscribe = createSubscribeHandler(() => ({
        config: readSubscribeConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SECRET_PARAMETER: '/week/secret', ORIGIN_SECRET_PARAMETER: '/week/origin', SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org', ANSWER_FLOOR_MS: '0' }),
        s3,
        ses,
        ssm,
        logger: createLogger('broadsheet-subscribe'),
        now: () => now,
      }));
      // A request as CloudFront forwards it to the function's URL.
      const request = async (method: 'GET' | 'POST', path: string, options: { body?: string; token?: string } = {}) =>
        (
          await subscribe(
            {
              ...functionUrlEvent({ method, path, ...(options.body === undefined ? {} : { body: options.body }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': '198.51.100.7:51234', [ORIGIN_HEADER]: ORIGIN } }),
              ...(options.token === undefined ? {} : { rawQueryString: `token=${options.token}` }),
            },
            lambdaContext('broadsheet-test-subscribe', `subscribe-${path}`),
          )
        ).statusCode;
      const signup = (address: string, tags = '') => request('POST', '/subscribe', { body: `email=${encodeURIComponent(address)}${tags ? `&tags=${tags}` : ''}&page=%2F&website=` });
      const status = async (address: string) => (await site.store.get(subscriberId(address)))?.subscriber.status;
      const tokenIn = (text: string, path: string) => new RegExp(`https://watch\\.example\\.org/${path}\\?token=([A-Za-z0-9._-]+)`).exec(text)![1]!;

      // Sunday of 2014-W19: four readers sign up; Ada and Di choose trade, Bob and Cy every entry.
      for (const [address, tags] of [[ADA, 'trade'], [BOB, ''], [CY, ''], [DI, 'trade']] as const) expect(await signup(address, tags)).toBe(200);
      const confirmations = await caught();
      expect(recipients(confirmations)).toEqual([ADA, BOB, CY, DI].sort());
      for (const confirmation of confirmations) {
        const address = confirmation.destination.to[0]!;
        const token = tokenIn(confirmation.body.text, 'confirm');
        tokens.push(token);
        // The link's GET shows the button and changes nothing; its POST confirms.
        expect(await request('GET', '/confirm', { token })).toBe(200);
        expect(await status(address)).toBe('pending');
        expect(await request('POST', '/confirm', { body: `token=${token}` })).toBe(200);
        expect(await status(address)).toBe('confirmed');
      }

      const digestAt = (at: string, scheduledTime: string, id: string) =>
        createDigestHandler(() => ({
          config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: SECRET }),
          s3,
          ses,
          lambda: publishLambda(s3, s3Endpoint, site, at),
          logger: createLogger('broadsheet-digest'),
          clock: () => DateTime.fromISO(at),
        }))({ source: 'broadsheet.schedule', scheduledTime }, lambdaContext('broadsheet-test-digest', id));

      // Monday: the 2014-W19 issue goes to all four (its one entry is tagged trade); Lambda's retry of the same
      // scheduled run, 20 minutes on, finds each already sent.
      expect(await digestAt(MONDAY_W20, DUE_W19, 'digest-w19')).toMatchObject({ ok: true, week: '2014-W19', sent: { total: 4, sent: 4, skipped: 0, failed: 0, unknown: 0 } });
      expect(await digestAt('2014-05-12T08:20:30+09:00', DUE_W19, 'digest-w19-again')).toMatchObject({ ok: true, week: '2014-W19', sent: { total: 4, sent: 0, skipped: 4, failed: 0, unknown: 0 } });
      const w19 = (await caught()).slice(confirmations.length);
      expect(recipients(w19)).toEqual([ADA, BOB, CY, DI].sort());
      const issueTo = (address: string) => w19.find((email) => email.destination.to[0] === address)!;
      const oneClickToken = (address: string) => /<https:\/\/watch\.example\.org\/unsubscribe\?token=([A-Za-z0-9._-]+)>/.exec(issueTo(address).headers!.find((h) => h.name === 'List-Unsubscribe')!.value)![1]!;
      for (const address of [ADA, BOB, CY, DI]) tokens.push(oneClickToken(address), tokenIn(issueTo(address).body.text, 'preferences'));

      // Tuesday: Ada leaves. A link checker's GET of the List-Unsubscribe URL changes nothing; the one-click POST
      // (RFC 8058 §3.1) unsubscribes.
      now = DateTime.fromISO(TUESDAY_W20);
      expect(await request('GET', '/unsubscribe', { token: oneClickToken(ADA) })).toBe(200);
      expect(await status(ADA)).toBe('confirmed');
      expect(await request('POST', '/unsubscribe', { body: 'List-Unsubscribe=One-Click', token: oneClickToken(ADA) })).toBe(200);
      expect(await status(ADA)).toBe('unsubscribed');

      // Bob's mailbox is gone (a hard bounce), Cy marks the issue as spam (a complaint).
      const feedback = createSesFeedbackHandler(() => ({ config: { contentBucket: site.contentBucket, subscribersPrefix: '_subscribers/' }, s3, logger: createLogger('broadsheet-ses-feedback'), now: () => DateTime.fromISO(TUESDAY_W20) }));
      const bounced = snsEvent({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: BOB }] } }, { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: CY }] } });
      expect(await feedback(bounced, lambdaContext('broadsheet-test-ses-feedback', 'feedback-1'))).toEqual({ suppressed: 2 });
      // Neither the form nor the one-click link of their old issue lifts the suppression, and no confirmation
      // goes to an address that bounced or complained.
      const beforeAgain = (await caught()).length;
      for (const address of [BOB, CY]) {
        expect(await signup(address)).toBe(200);
        expect(await request('POST', '/unsubscribe', { body: 'List-Unsubscribe=One-Click', token: oneClickToken(address) })).toBe(200);
        expect(await status(address)).toBe('suppressed');
      }
      expect((await caught()).length).toBe(beforeAgain);

      // Monday of 2014-W21: the 2014-W20 issue (a trade entry) goes to Di alone.
      expect(await digestAt(MONDAY_W21, DUE_W20, 'digest-w20')).toMatchObject({ ok: true, week: '2014-W20', sent: { total: 1, sent: 1, skipped: 0, failed: 0, unknown: 0 } });
      const w20 = (await caught()).slice(beforeAgain);
      expect(recipients(w20)).toEqual([DI]);
      expect(w20[0]!.body.text).toContain('Trade in week 20');

      // The operator's view: the runs with the counts above, newest first.
      const shown = await runCli(['status', '--bucket', site.siteBucket, '--endpoint', s3Endpoint], { cwd: await tempDir('operators-week'), env: s3rverEnv(s3Endpoint) });
      expect(shown.code).toBe(0);
      const digestLines = shown.stdout.split('\n').filter((line) => /\bdigest\b/.test(line.slice(0, 40)));
      expect(digestLines.map((line) => /week (\S+): .* (\d+) sent, (\d+) skipped, (\d+) failed/.exec(line)!.slice(1))).toEqual([
        ['2014-W20', '1', '0', '0'],
        ['2014-W19', '0', '4', '0'],
        ['2014-W19', '4', '0', '0'],
      ]);
    } finally {
      logs.restore();
    }
    // Every function logged its requests and runs, and none of the lines holds an address, a token or a secret.
    const logged = logs.raw();
    expect(logs.lines().map((line) => line.service)).toEqual(expect.arrayContaining(['broadsheet-subscribe', 'broadsheet-digest', 'broadsheet-ses-feedback']));
    for (const secret of [ADA, BOB, CY, DI, `${tag}@`, SECRET, ORIGIN]) expect(logged).not.toContain(secret);
    for (const token of tokens) expect(logged).not.toContain(token.slice(0, 24));
  });
});
