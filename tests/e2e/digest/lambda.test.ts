import { CreateContactCommand, CreateContactListCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { createLogger } from '../../../functions/logger.js';
import { digestRoute } from '../../../functions/routes/digestRoute.js';
import { readDigestFunctionConfig } from '../../../lib/digestEnv.js';
import { LocalStore } from '../../../lib/localStore.js';
import { pushContent } from '../../../lib/pushContent.js';
import { S3Store } from '../../../lib/s3Store.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';
import { SAMPLE } from './support.js';

// The digest function against real servers: s3rver for the buckets, the SES v2 emulator for delivery.
// The sample site's digest.ses block names the contact list PeninsulaWatch and the topic weekly-digest.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const tag = `${process.pid}l${Date.now() % 100000}`;
const readers = [`ada-${tag}@example.org`, `grace-${tag}@example.org`];
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

function handlerAt(now: string) {
  return createDigestHandler(() => ({
    config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SES_ENDPOINT: sesEndpoint }),
    s3,
    ses,
    logger: createLogger('broadsheet-test-digest'),
    clock: () => DateTime.fromISO(now),
  }));
}
let contentBucket: string;

async function emailsTo(addresses: readonly string[]): Promise<{ destination: { to: string[] }; subject: string }[]> {
  const { emails } = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
  return emails.filter((email) => email.destination.to.some((to) => addresses.some((a) => to.includes(a))));
}

beforeAll(async () => {
  contentBucket = await freshBucket(s3, 'digest-content');
  siteBucket = await freshBucket(s3, 'digest-site');
  await pushContent({ from: new LocalStore(SAMPLE), to: new S3Store(s3, contentBucket, 'content/') });
  await ses.send(new CreateContactListCommand({ ContactListName: 'PeninsulaWatch', Topics: [{ TopicName: 'weekly-digest', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_IN' }] }));
  for (const address of readers) await ses.send(new CreateContactCommand({ ContactListName: 'PeninsulaWatch', EmailAddress: address }));
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe('the digest function', () => {
  it('on its schedule archives the week just ended and sends it through SES, once even when Lambda retries', async () => {
    // Monday 19 May 2014 08:00 in Seoul: 2014-W20 (12–18 May) has just ended.
    const handler = handlerAt('2014-05-19T08:00:00+09:00');
    const outcome = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(outcome).toMatchObject({ ok: true, trigger: 'schedule', week: '2014-W20' });
    expect(outcome.sent).toMatchObject({ transport: 'ses', sent: 2, failed: 0, unknown: 0 });
    expect(await objectText(s3, siteBucket, 'digests/2014-W20.html')).toContain('Kaesong Industrial Complex output recovers');
    expect((await emailsTo(readers)).map((e) => e.destination.to[0]).sort()).toEqual([...readers].sort());

    const retry = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(retry.sent).toMatchObject({ sent: 0, skipped: 2 });
    expect(await emailsTo(readers)).toHaveLength(2);
    // The logs hold counts, never an address.
    expect(logs.raw()).not.toContain(`@example.org`);
  });

  it('on a manual request archives a named week without sending', async () => {
    const outcome = await handlerAt('2014-05-19T08:00:00+09:00')({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: false }, lambdaContext('broadsheet-test-digest', 'digest-2'));
    expect(outcome).toMatchObject({ ok: true, trigger: 'manual', week: '2014-W19', entries: 3 });
    expect(outcome).not.toHaveProperty('sent');
    expect(await objectText(s3, siteBucket, 'digests/2014-W19.txt')).toContain('Koryolink passes two million subscribers');
  });

  it('answers a week that has not ended with a clear refusal, not a retry', async () => {
    const outcome = await handlerAt('2014-05-19T08:00:00+09:00')({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W21', send: true }, lambdaContext('broadsheet-test-digest', 'digest-3'));
    expect(outcome).toMatchObject({ ok: false, error: 'UsageError' });
  });
});

describe('POST /digest', () => {
  const lambda = mockClient(LambdaClient);
  const services = () => ({ config: { publishFunctionName: 'publish', tokenParameter: '/t' }, lambda: new LambdaClient({ region: 'us-east-1' }), logger: createLogger('broadsheet-test-trigger') });
  beforeAll(() => {
    process.env.DIGEST_FUNCTION_NAME = 'broadsheet-test-digest';
  });
  afterEach(() => lambda.reset());

  it('archives synchronously by default and returns the outcome', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: Buffer.from(JSON.stringify({ ok: true, trigger: 'manual', week: '2014-W19' })) as never, $metadata: { requestId: 'r1' } });
    const response = await digestRoute.handle({ body: { week: '2014-W19' }, requestId: 'req-1' }, services());
    expect(response.statusCode).toBe(200);
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'broadsheet-test-digest', InvocationType: 'RequestResponse' });
    expect(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString())).toEqual({ source: 'broadsheet.trigger', action: 'digest', requestedBy: 'req-1', send: false, week: '2014-W19' });
  });

  it('queues a send asynchronously: 202', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: 'r2' } });
    const response = await digestRoute.handle({ body: { week: '2014-W19', send: true }, requestId: 'req-2' }, services());
    expect(response.statusCode).toBe(202);
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.InvocationType).toBe('Event');
  });

  it('refuses a bad body with 400 and invokes nothing', async () => {
    for (const body of [{ week: '2014-19' }, { week: '2021-W53' }, { send: 'yes' }, { weeks: '2014-W19' }]) {
      const response = await digestRoute.handle({ body, requestId: 'req-3' }, services());
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});
