import { createHmac } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import type { SubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { networkKey } from '../../../lib/subscribers/networkKey.js';
import { NETWORK_LIMIT, NETWORK_WINDOW_MS, networkLimitFor } from '../../../lib/subscribers/networkLimitFor.js';
import { CLIENT_FOLDER } from '../../../lib/subscribers/storeClientSignupLimit.js';
import { functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { testS3Client } from '../../support/s3.js';
import { ORIGIN, subscribeFunctionOnS3rver } from '../../support/subscribeFunctionOnS3rver.js';

// The wider network's limit through the real subscribe function (s3rver for the store, the SES emulator; SSM alone the
// SDK mock): the /64s of one IPv6 /48, each a client of its own, as CloudFront names them. The network's signups of
// the hour so far are written beforehand, as other instances would have counted them.
const client = testS3Client(inject('s3Endpoint'));
const context = lambdaContext('broadsheet-test-subscribe', 'req-network');
const START = DateTime.fromISO('2014-05-12T09:00:00Z');
/** The links' secret the helper's SSM holds, which names the records. */
const SECRET = 'function-token-secret-long-enough';
let config: SubscribeConfig;
let ses: SESv2Client;
let ssm: SSMClient;

/** The function, its environment as the helper's but SIGNUPS_PER_HOUR; its clock at `now`. */
const functionAt = (now: DateTime, signupsPerHour = config.signupsPerHour) => {
  const handler = createSubscribeHandler(() => ({ config: { ...config, signupsPerHour }, s3: client, ses, ssm, logger: createLogger('broadsheet-subscribe'), now: () => now }));
  return (address: string, viewer: string) =>
    handler(functionUrlEvent({ method: 'POST', path: '/subscribe', body: `email=${encodeURIComponent(address)}`, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': viewer } }), context);
};

/** Writes the network's record holding `count` signups, one a minute from START, as README says it is named. */
async function counted(viewer: string, count: number): Promise<void> {
  const name = createHmac('sha256', SECRET).update(`broadsheet-signup-network\n${networkKey(viewer)}`).digest('hex').slice(0, 16);
  const sent = Array.from({ length: count }, (_, i) => START.plus({ minutes: i }).toUTC().toISO());
  await client.send(new PutObjectCommand({ Bucket: config.contentBucket, Key: `${config.subscribersPrefix}${CLIENT_FOLDER}${name}/0000000001.json`, Body: `${JSON.stringify({ sent })}\n` }));
}

beforeAll(async () => {
  ({ config, ses, ssm } = await subscribeFunctionOnS3rver(client, 'network', { s3: inject('s3Endpoint'), ses: inject('sesEndpoint') }));
});

describe('the signups of one wider network through the subscribe function', () => {
  it('takes NETWORK_LIMIT an hour from the /64s of one /48 together, each a new client, then 429 until the first is an hour old', async () => {
    await counted('2001:db8:7::1', NETWORK_LIMIT - 1);
    const signup = functionAt(START.plus({ minutes: 30 }));
    expect((await signup('last@example.org', '2001:db8:7:1::1:443')).statusCode).toBe(200);
    const refused = await signup('one-more@example.org', '2001:db8:7:ffff::1:443');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['retry-after']).toBe(String((NETWORK_WINDOW_MS - 30 * 60_000) / 1000));
    // Another /48 is its own.
    expect((await signup('elsewhere@example.org', '2001:db8:8::1:443')).statusCode).toBe(200);
  });

  it('takes a fifth of the hourly cap per network when signupsPerHour raises it: 30 at 150', async () => {
    expect(networkLimitFor(150)).toBe(30);
    await counted('2001:db8:9::1', NETWORK_LIMIT);
    const signup = functionAt(START.plus({ minutes: 30 }), 150);
    const statuses = [];
    for (let i = NETWORK_LIMIT; i <= 30; i++) statuses.push((await signup(`raised${i}@example.org`, `2001:db8:9:${i.toString(16)}::1:443`)).statusCode);
    expect(statuses).toEqual([...Array<number>(30 - NETWORK_LIMIT).fill(200), 429]);
  });
});
