import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import type { SubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { NETWORK_LIMIT, NETWORK_WINDOW_MS } from '../../../lib/subscribers/networkSignupLimit.js';
import { functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { testS3Client } from '../../support/s3.js';
import { ORIGIN, subscribeFunctionOnS3rver } from '../../support/subscribeFunctionOnS3rver.js';

// The wider network's limit through the real subscribe function (s3rver for the store, the SES emulator; SSM alone the
// SDK mock): the /64s of one IPv6 /48, each a client of its own, as CloudFront names them.
const client = testS3Client(inject('s3Endpoint'));
const context = lambdaContext('broadsheet-test-subscribe', 'req-network');
const START = DateTime.fromISO('2014-05-12T09:00:00Z');
let now = START;
let config: SubscribeConfig;
let ses: SESv2Client;
let ssm: SSMClient;
let handler: ReturnType<typeof createSubscribeHandler>;

const signup = (address: string, viewer: string) =>
  handler(functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(address)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': viewer } }), context);

beforeAll(async () => {
  ({ config, ses, ssm } = await subscribeFunctionOnS3rver(client, 'network', { s3: inject('s3Endpoint'), ses: inject('sesEndpoint') }));
  handler = createSubscribeHandler(() => ({ config, s3: client, ses, ssm, logger: createLogger('broadsheet-subscribe'), now: () => now }));
});

describe('the signups of one wider network through the subscribe function', () => {
  it('takes NETWORK_LIMIT an hour from the /64s of one /48 together, each far under its own limit, then 429 until the first is an hour old', async () => {
    const statuses = [];
    // One a minute, each from a /64 of its own (CloudFront's `IPv6:port`).
    for (let i = 0; i <= NETWORK_LIMIT; i++) {
      now = START.plus({ minutes: i });
      statuses.push((await signup(`network${i}@example.org`, `2001:db8:7:${i.toString(16)}::1:443`)).statusCode);
    }
    expect(statuses).toEqual([...Array<number>(NETWORK_LIMIT).fill(200), 429]);
    const refused = await signup('one-more@example.org', '2001:db8:7:ffff::1:443');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['retry-after']).toBe(String((NETWORK_WINDOW_MS - NETWORK_LIMIT * 60_000) / 1000));
    // Another /48 is its own.
    expect((await signup('elsewhere@example.org', '2001:db8:8::1:443')).statusCode).toBe(200);
  });
});
