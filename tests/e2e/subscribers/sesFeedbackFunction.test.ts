import { CreateContactCommand, CreateContactListCommand } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSesFeedbackHandler } from '../../../functions/sesFeedback.js';
import { sesContactRecipients } from '../../../lib/delivery/sesContactRecipients.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber, forgetSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { FaultProxy, SES_UNAVAILABLE } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, testS3Client } from '../../support/s3.js';
import { snsEvent as snsEventOf } from '../../support/snsEvent.js';

// The real handler with an SNS event as SNS delivers SES's event publishing, against s3rver.
const client = testS3Client(inject('s3Endpoint'));
const NOW = DateTime.fromISO('2014-05-19T00:00:00Z');
let bucket: string;
beforeAll(async () => {
  bucket = await freshBucket(client, 'feedback');
});

const snsEvent = (...messages: unknown[]) => snsEventOf(messages, (i) => `m-${i}`);

describe('the SES feedback function', () => {
  it('marks a hard bounce and a complaint suppressed in the S3 store, and the digest no longer reads them', async () => {
    const store = new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/'));
    for (const address of ['ada@example.org', 'grace@example.org', 'linus@example.org']) await addSubscriber(store, address, { method: 'added', now: NOW });
    const handler = createSesFeedbackHandler(() => ({ config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' }, s3: client, logger: createLogger('broadsheet-ses-feedback'), now: () => NOW }));
    const result = await handler(
      snsEvent(
        { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'ada@example.org' }] } },
        { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'grace@example.org' }] } },
        { eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'linus@example.org' }] } },
      ),
      lambdaContext('broadsheet-test-ses-feedback', 'req-1'),
    );
    expect(result).toEqual({ suppressed: 2 });
    const statuses = await Promise.all(['ada@example.org', 'grace@example.org', 'linus@example.org'].map(async (a) => (await store.get(subscriberId(a)))?.subscriber));
    expect(statuses.map((s) => [s?.status, s?.softBounces ?? 0])).toEqual([['suppressed', 0], ['suppressed', 0], ['confirmed', 1]]);
  });

  it('names, by its SNS id alone, a message that is no bounce, complaint or delivery (sent by hand, or malformed), rather than drop it unseen', async () => {
    const handler = createSesFeedbackHandler(() => ({ config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' }, s3: client, logger: createLogger('broadsheet-ses-feedback'), now: () => NOW }));
    const logs = captureLogs();
    try {
      const event = snsEvent({ eventType: 'Open', mail: { destination: ['ada@example.org'] } }, { eventType: 'Delivery', delivery: { recipients: ['ada@example.org'] } });
      event.Records[1]!.Sns.Message = 'not JSON ada@example.org';
      expect(await handler(event, lambdaContext('broadsheet-test-ses-feedback', 'req-ignored'))).toEqual({ suppressed: 0 });
    } finally {
      logs.restore();
    }
    expect(logs.lines().filter((line) => line.level === 'WARN').map((line) => [line.message, line.snsMessageId, line.function_request_id])).toEqual([
      ['not an SES bounce, complaint or delivery: ignored', 'm-0', 'req-ignored'],
      ['not an SES bounce, complaint or delivery: ignored', 'm-1', 'req-ignored'],
    ]);
    expect(logs.raw()).not.toContain('@example.org');
  });

  it('keeps nothing of a forgotten address an SES event comes late for but its hash, suppressed, after a hard bounce or a complaint', async () => {
    const store = new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/'));
    const addresses = ['hard@example.org', 'soft@example.org', 'angry@example.org'];
    for (const address of addresses) {
      await addSubscriber(store, address, { method: 'added', now: NOW });
      await forgetSubscriber(store, address, NOW);
    }
    // SES retries a soft bounce for hours: its events may come after `subscribers forget`.
    const later = NOW.plus({ hours: 6 });
    const handler = createSesFeedbackHandler(() => ({ config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' }, s3: client, logger: createLogger('broadsheet-ses-feedback'), now: () => later }));
    const result = await handler(
      snsEvent(
        { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'hard@example.org' }] } },
        { eventType: 'Bounce', bounce: { bounceType: 'Transient', feedbackId: 'fb-soft', bouncedRecipients: [{ emailAddress: 'soft@example.org' }] } },
        { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'angry@example.org' }] } },
      ),
      lambdaContext('broadsheet-test-ses-feedback', 'req-2'),
    );
    expect(result).toEqual({ suppressed: 2 });
    const records = await Promise.all(addresses.map(async (a) => (await store.get(subscriberId(a)))?.subscriber));
    const at = '2014-05-19T06:00:00.000Z';
    expect(records).toEqual([
      { id: subscriberId('hard@example.org'), status: 'suppressed', tags: [], createdAt: at, updatedAt: at, reason: 'hard-bounce' },
      undefined,
      { id: subscriberId('angry@example.org'), status: 'suppressed', tags: [], createdAt: at, updatedAt: at, reason: 'complaint' },
    ]);
    // The soft-bounced reader never unsubscribed: the editor may add them again.
    expect(await addSubscriber(store, 'soft@example.org', { method: 'added', now: later })).toBe('added');
  });

  it('with a contact list, marks each address a feedback keeps out unsubscribed there, which the CLI\'s send to the list then leaves out; a retried event marks what its first delivery could not', async () => {
    const tag = `${process.pid}c${Date.now() % 100000}`;
    const list = `Feedback${tag}`;
    const proxy = await FaultProxy.start(inject('sesEndpoint'));
    try {
      const ses = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeouts: { connection: 500, request: 1_000 } });
      await ses.send(new CreateContactListCommand({ ContactListName: list, Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
      // A local part's case is the mailbox's own (RFC 5321 §2.4): SES names the recipient as it was sent, and the contact is found by it.
      const [complainer, bounced, soft, stays] = ['Complainer', 'bounced', 'soft', 'stays'].map((name) => `${name}-${tag}@example.org`);
      for (const address of [complainer!, bounced!, soft!, stays!]) await ses.send(new CreateContactCommand({ ContactListName: list, EmailAddress: address, TopicPreferences: [{ TopicName: 'weekly', SubscriptionStatus: 'OPT_IN' }] }));
      const store = new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/'));
      // Also a subscriber of the store: its soft bounces are counted there, and the third keeps it out.
      await addSubscriber(store, soft!, { method: 'added', now: NOW });
      const handler = createSesFeedbackHandler(() => ({ config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' }, s3: client, logger: createLogger('broadsheet-ses-feedback'), now: () => NOW, contacts: { list, ses, endpoint: proxy.endpoint } }));
      const softBounce = (n: number) => ({ eventType: 'Bounce', bounce: { bounceType: 'Transient', feedbackId: `fb-${tag}-${n}`, bouncedRecipients: [{ emailAddress: soft }] } });

      // SES is down for the bounced contact's update: the event fails, as Lambda then retries it whole.
      const contactPath = (address: string) => `/v2/email/contact-lists/${list}/contacts/${encodeURIComponent(address)}`;
      proxy.decide = ({ url }) => (url === contactPath(bounced!) ? SES_UNAVAILABLE : 'pass');
      const event = snsEvent(
        { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: complainer }] } },
        { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: bounced }] } },
        softBounce(1),
        softBounce(2),
      );
      await expect(handler(event, lambdaContext('broadsheet-test-ses-feedback', 'req-3'))).rejects.toMatchObject({ name: 'ServiceUnavailable' });
      expect((await sesContactRecipients(ses, list, 'weekly')).map((r) => r.address).sort()).toEqual([bounced, soft, stays].sort());
      // The retry: the store holds the bounce already, and the contact is marked now; two soft bounces keep no one out.
      proxy.decide = () => 'pass';
      expect(await handler(event, lambdaContext('broadsheet-test-ses-feedback', 'req-3'))).toEqual({ suppressed: 0 });
      expect((await sesContactRecipients(ses, list, 'weekly')).map((r) => r.address).sort()).toEqual([soft, stays].sort());
      // The third soft bounce suppresses the store's record, and the contact leaves the list with it.
      expect(await handler(snsEvent(softBounce(3)), lambdaContext('broadsheet-test-ses-feedback', 'req-4'))).toEqual({ suppressed: 1 });
      expect((await sesContactRecipients(ses, list, 'weekly')).map((r) => r.address)).toEqual([stays]);
      // Marked by UpdateContact only: each failed attempt at the bounced contact, then one each.
      const updates = proxy.seen.filter((request) => request.method === 'PUT').map((request) => request.url);
      expect(updates).toEqual([contactPath(complainer!), ...Array(3).fill(contactPath(bounced!)), contactPath(complainer!), contactPath(bounced!), contactPath(soft!)]);
    } finally {
      await proxy.close();
    }
  });
});
