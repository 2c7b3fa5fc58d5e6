import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSubscribeHandler, LINK_PATHS, ORIGIN_HEADER, SIGNUP_PATHS } from '../../../functions/subscribe.js';
import type { SubscribeConfig } from '../../../functions/subscribeConfig.js';
import { signToken } from '../../../lib/subscribers/subscriberToken.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { metricFilterMatches, metricFilterPattern } from '../../support/metricFilterPattern.js';
import { testS3Client } from '../../support/s3.js';
import { ORIGIN, subscribeFunctionOnS3rver } from '../../support/subscribeFunctionOnS3rver.js';

// serverless.yml's SubscribeRequestsFailed filters (one per function's log group) against the lines the two functions
// really write, on s3rver and the SES emulator: a service failing is answered with the 503 page, which Lambda counts as
// no error. S3 or SES "down" is a port nothing listens on (connection refused); SSM alone is the SDK mock.
const s3 = testS3Client(inject('s3Endpoint'));
const nowhere = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };
/** The links' secret the helper's SSM holds. */
const SECRET = 'function-token-secret-long-enough';
let config: SubscribeConfig;
let ses: SESv2Client;
let ssm: SSMClient;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  ({ config, ses, ssm } = await subscribeFunctionOnS3rver(s3, 'requests-failed', { s3: inject('s3Endpoint'), ses: inject('sesEndpoint') }));
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** The function of `paths` over `services` (the helper's, unless replaced): its status for `event`, and its lines the filter `filter` counts. */
async function run(filter: string, paths: typeof SIGNUP_PATHS, event: APIGatewayProxyEventV2, services: { s3?: S3Client; ses?: SESv2Client; config?: SubscribeConfig } = {}) {
  const handler = createSubscribeHandler(() => ({ config: services.config ?? config, s3: services.s3 ?? s3, ses: services.ses ?? ses, ssm, logger: createLogger('broadsheet-subscribe') }), paths);
  const response = await handler(event, lambdaContext('broadsheet-test-subscribe', 'req-failed'));
  const lines = logs.lines();
  logs.restore();
  logs = captureLogs();
  expect(lines.length).toBeGreaterThan(0);
  return { status: response.statusCode, counted: lines.filter((line) => metricFilterMatches(metricFilterPattern(filter), line)) };
}

const signup = (email: string) => functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(email)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
const unsubscribePage = (token: string) => ({ ...functionUrlEvent({ method: 'GET', path: '/unsubscribe', headers: { [ORIGIN_HEADER]: ORIGIN } }), rawQueryString: `token=${token}` });

describe("serverless.yml's SubscribeRequestsFailed alarm, on the subscription functions' real log lines", () => {
  it('counts a signup SES refused to take (503), not a signup sent (200), an address refused (400) or site.yml missing (its own alarm)', async () => {
    const FILTER = 'SubscribeRequestsFailedMetricFilter';
    const sent = await run(FILTER, SIGNUP_PATHS, signup('ada@example.org'));
    const refused = await run(FILTER, SIGNUP_PATHS, signup('not an address'));
    const sesDown = await run(FILTER, SIGNUP_PATHS, signup('grace@example.org'), { ses: new SESv2Client(nowhere) });
    const noSite = await run(FILTER, SIGNUP_PATHS, signup('alan@example.org'), { config: { ...config, contentPrefix: 'nothing-here/' } });
    expect([sent.status, refused.status, sesDown.status, noSite.status]).toEqual([200, 400, 503, 503]);
    expect(sesDown.counted).toEqual([expect.objectContaining({ level: 'ERROR', message: 'request failed', error: expect.objectContaining({ name: 'DeliveryError' }) })]);
    expect([sent.counted, refused.counted, noSite.counted]).toEqual([[], [], []]);
  });

  it('counts an unsubscribe page S3 did not answer (503), not the page shown (200) or a link refused (400)', async () => {
    const FILTER = 'SubscriberLinksRequestsFailedMetricFilter';
    const token = signToken({ address: 'leaver@example.org', purpose: 'unsubscribe' }, SECRET);
    const shown = await run(FILTER, LINK_PATHS, unsubscribePage(token));
    const badLink = await run(FILTER, LINK_PATHS, unsubscribePage(`${token.slice(0, -2)}xx`));
    const s3Down = await run(FILTER, LINK_PATHS, unsubscribePage(token), { s3: new S3Client({ ...nowhere, forcePathStyle: true }) });
    expect([shown.status, badLink.status, s3Down.status]).toEqual([200, 400, 503]);
    expect(s3Down.counted).toEqual([expect.objectContaining({ level: 'ERROR', message: 'request failed', error: expect.objectContaining({ name: 'StoreError' }) })]);
    expect([shown.counted, badLink.counted]).toEqual([[], []]);
  });
});
