import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createLogger } from '../../../functions/logger.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { lambdaContext } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, storeDigestSite, type StoreDigestSite } from './storeDigestSite.js';
import { sesStoreSince } from '../digest/support.js';

// The digest function with a subscriber store (SUBSCRIBERS_PREFIX): s3rver for the buckets and the records, the SES
// emulator for delivery; the publish function's Invoke runs the real publish handler (no Lambda server here).
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const SECRET = 'digest-function-secret-long-enough';
const NOW = '2014-05-12T09:00:00+09:00';
// When the subscribers were added: during 2014-W19, before its issue was due (Monday 12 May 08:00 in Seoul).
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
const tag = `${process.pid}s${Date.now() % 100000}`;
const [ADA, GRACE, LINUS] = ['ada', 'grace', 'linus'].map((name) => `${name}-${tag}@example.org`) as [string, string, string];
let site: StoreDigestSite;

beforeAll(async () => {
  site = await storeDigestSite(s3, 'store-digest');
  const { store } = site;
  const now = DateTime.fromISO(SUBSCRIBED);
  await addSubscriber(store, ADA, { method: 'added', now });
  await addSubscriber(store, GRACE, { method: 'added', now });
  await addSubscriber(store, LINUS, { method: 'added', tags: ['markets'], now });
  const grace = (await store.get(subscriberId(GRACE)))!;
  await store.put({ ...grace.subscriber, status: 'unsubscribed' }, grace.version);
});

describe('the digest function with the subscriber store', () => {
  it('sends through SES to the confirmed subscribers only, with the tags chosen, and its own one-click unsubscribe headers', async () => {
    const handler = createDigestHandler(() => ({
      config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: SECRET }),
      s3,
      ses,
      lambda: publishLambda(s3, s3Endpoint, site, NOW),
      logger: createLogger('broadsheet-test-digest'),
      clock: () => DateTime.fromISO(NOW),
    }));
    const outcome = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(outcome).toMatchObject({ ok: true, week: '2014-W19' });
    // Ada (every entry) is sent; Grace unsubscribed; Linus chose markets, of which the week has none.
    expect(outcome.sent).toMatchObject({ transport: 'ses', total: 1, sent: 1, failed: 0 });
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] }; headers?: { name: string; value: string }[] }[] };
    const mine = emails.filter((email) => email.destination.to.some((to) => to.includes(tag)));
    expect(mine.map((email) => email.destination.to[0])).toEqual([ADA]);
    const header = (name: string) => mine[0]!.headers?.find((h) => h.name === name)?.value;
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // RFC 6068: the mailto URI names the address in its subject and body, "@" as %40.
    const request = `unsubscribe%20${ADA.replace('@', '%40')}`;
    const [, token, mailto] = /<https:\/\/watch\.example\.org\/unsubscribe\?token=([^>]+)>, <([^>]+)>/.exec(header('List-Unsubscribe') ?? '')!;
    expect(mailto).toBe(`mailto:unsubscribe@watch.example.org?subject=${request}&body=${request}`);
    expect(verifyToken(token!, 'unsubscribe', SECRET, 0, 'digest.watch.example.org').address).toBe(ADA);
  });
});
