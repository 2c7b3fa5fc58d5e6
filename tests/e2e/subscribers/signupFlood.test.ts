import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { CLIENT_LIMIT } from '../../../lib/subscribers/clientRateLimit.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from '../../../lib/subscribers/mailboxSendLimit.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { sesStoreSince } from '../digest/support.js';

// A stranger's flood of signups through the real function (s3rver for the records, the SES emulator for the
// confirmations; SSM alone the SDK mock, as in subscribeFunction.test.ts), one warm instance answering them all.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const sesStore = sesStoreSince(sesEndpoint);
const ORIGIN = 'origin-secret-cloudfront-adds-1234';
const client = testS3Client(s3Endpoint);
const context = lambdaContext('broadsheet-test-subscribe', 'req-flood');
let handler: ReturnType<typeof createSubscribeHandler>;

const signup = (address: string, viewer: string) =>
  handler(functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(address)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': viewer } }), context);

beforeAll(async () => {
  const contentBucket = await freshBucket(client, 'flood-content');
  const siteBucket = await freshBucket(client, 'flood-site');
  await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { ...DIGEST, ses: { configurationSet: 'broadsheet-test' } }) }));
  const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ssmMock = mockClient(ssm);
  ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: 'function-token-secret-long-enough' } });
  ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
  const config = readSubscribeConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin', SES_CONFIGURATION_SET: 'broadsheet-test', SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org', ANSWER_FLOOR_MS: '0' });
  const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  handler = createSubscribeHandler(() => ({ config, s3: client, ses, ssm, logger: createLogger('broadsheet-subscribe'), now: () => DateTime.fromISO('2014-05-12T09:00:00Z') }));
});

describe('a flood of signups through the subscribe function', () => {
  it('gives a client no fresh limit for each value of CloudFront-Viewer-Address that is no address', async () => {
    const statuses = [];
    for (let i = 0; i <= CLIENT_LIMIT; i++) statuses.push((await signup(`flood-${i}@example.org`, `junk${i},198.51.100.7:443`)).statusCode);
    expect(statuses).toEqual([...Array<number>(CLIENT_LIMIT).fill(200), 429]);
  });

  it('sends one inbox its day’s links and no more, whatever subaddresses name it and however many networks ask', async () => {
    for (let i = 0; i < INBOX_CONFIRMATIONS_PER_DAY + 3; i++) expect((await signup(`inbox.victim+${i}@example.org`, `203.0.113.${i}:443`)).statusCode).toBe(200);
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
    const reached = emails.flatMap((email) => email.destination.to).filter((to) => to.startsWith('inbox.victim+'));
    expect(reached).toEqual(Array.from({ length: INBOX_CONFIRMATIONS_PER_DAY }, (_, i) => `inbox.victim+${i}@example.org`));
  });
});
