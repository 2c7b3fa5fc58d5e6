import { createHmac } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import { S3Store } from '../../../lib/store/s3Store.js';
import { ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { deliveryMailbox } from '../../../lib/subscribers/deliveryMailbox.js';
import { INBOX_FOLDER } from '../../../lib/subscribers/storeInboxSendLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { runCli } from '../../support/cli.js';
import { testSite } from '../../support/digestFixtures.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { tempDir } from '../digest/support.js';

const SECRET = 'a-long-enough-test-secret';

describe('broadsheet subscribers forget ADDRESS on S3 (s3rver)', () => {
  it('erases the inbox record the address’s signups counted in, not only its record', async () => {
    const endpoint = inject('s3Endpoint');
    const client = testS3Client(endpoint);
    const bucket = await freshBucket(client, 'forget-inbox');
    const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '_subscribers/' }))).Contents ?? []).map((object) => object.Key!).sort();
    // Signups through the handler on the store the function uses: each writes its record and counts a link for the inbox.
    const sent: string[] = [];
    const handler = createSubscriptionHandler({ site: testSite(), store: new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/')), secret: SECRET, now: () => DateTime.fromISO('2014-05-12T09:00:00Z'), sendMail: async (to) => void sent.push(to), tags: async () => [], limiter: new ClientRateLimit(), answerFloorMs: 0 });
    expect((await handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: 'email=ada%40example.org', client: 'a' })).status).toBe(200);
    expect((await handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: 'email=bob%40example.org', client: 'b' })).status).toBe(200);
    expect(sent).toEqual(['ada@example.org', 'bob@example.org']);
    // Named by an HMAC of the inbox's hash under the links' secret (README, "Subscribers").
    const named = (address: string) => createHmac('sha256', SECRET).update(`broadsheet-signup-inbox\n${deliveryMailbox(address)}`).digest('hex').slice(0, 16);
    const ada = `_subscribers/${INBOX_FOLDER}${named('ada@example.org')}/`;
    const bob = `_subscribers/${INBOX_FOLDER}${named('bob@example.org')}/`;
    expect((await keys()).filter((key) => key.startsWith(ada))).toHaveLength(1);

    const cwd = await tempDir('forget-inbox');
    // The links' secret, as the subscribe function has it, names the inbox's record.
    const forget = await runCli(['subscribers', 'forget', 'ada@example.org', '--subscribers', `s3://${bucket}/_subscribers/`, '--endpoint', endpoint, '--now', '2014-05-12T09:05:00Z'], { cwd, env: { ...s3rverEnv(endpoint), DIGEST_UNSUBSCRIBE_SECRET: SECRET } });
    expect(forget.code).toBe(0);
    expect(forget.stdout).toContain('forgot ada@example.org');
    const left = await keys();
    expect(left.filter((key) => key.startsWith(ada))).toEqual([]);
    // Another address's inbox and record stay.
    expect(left.filter((key) => key.startsWith(bob))).toHaveLength(1);
    expect(left.some((key) => key.startsWith('_subscribers/') && /^[0-9a-f]{2}/.test(key.slice('_subscribers/'.length)))).toBe(true);
  });
});
