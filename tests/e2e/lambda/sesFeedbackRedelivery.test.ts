import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSesFeedbackHandler } from '../../../functions/sesFeedback.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, testS3Client } from '../../support/s3.js';
import { snsEvent as snsEventOf } from '../../support/snsEvent.js';

// SNS delivers at least once, and Lambda retries a failed event whole: the same SES bounce may reach the real
// handler several times (against s3rver), and counts once.
const client = testS3Client(inject('s3Endpoint'));
const NOW = DateTime.fromISO('2014-05-19T00:00:00Z');
let store: StoreSubscriberStore;
let handler: ReturnType<typeof createSesFeedbackHandler>;
beforeAll(async () => {
  const bucket = await freshBucket(client, 'feedback-again');
  store = new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/'));
  handler = createSesFeedbackHandler(() => ({ config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' }, s3: client, logger: createLogger('broadsheet-ses-feedback'), now: () => NOW }));
});

/** One SNS notification carrying an SES event-publishing message, as SNS hands it to Lambda (one record an event). */
const snsEvent = (snsMessageId: string, message: unknown) => snsEventOf([message], () => snsMessageId);
const softBounce = (address: string, feedbackId?: string) => ({
  eventType: 'Bounce',
  bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', ...(feedbackId ? { feedbackId } : {}), timestamp: '2014-05-19T00:00:00.000Z', bouncedRecipients: [{ emailAddress: address, status: '4.2.2' }] },
  mail: { messageId: '0100018f-mail-1', destination: [address] },
});
const status = async (address: string) => {
  const subscriber = (await store.get(subscriberId(address)))?.subscriber;
  return [subscriber?.status, subscriber?.softBounces];
};

describe('the SES feedback function, given one bounce more than once', () => {
  it('counts a soft bounce delivered three times (its feedbackId) once: the address stays confirmed', async () => {
    await addSubscriber(store, 'linus@example.org', { method: 'added', now: NOW });
    const logs = captureLogs();
    try {
      for (const [i, sns] of ['sns-1', 'sns-1', 'sns-2'].entries()) {
        expect(await handler(snsEvent(sns, softBounce('linus@example.org', '0100018f-feedback-1')), lambdaContext('broadsheet-test-ses-feedback', `req-${i}`))).toEqual({ suppressed: 0 });
      }
    } finally {
      logs.restore();
    }
    expect(await status('linus@example.org')).toEqual(['confirmed', 1]);
    expect(logs.raw()).not.toContain('linus@');
    // A later message delivered ends the run; the bounce delivered again after it, of an earlier message, counts for nothing.
    const delivered = { eventType: 'Delivery', mail: { timestamp: '2014-05-19T06:00:00.000Z', destination: ['linus@example.org'] }, delivery: { timestamp: '2014-05-19T06:00:01.000Z', recipients: ['linus@example.org'] } };
    await handler(snsEvent('sns-3', delivered), lambdaContext('broadsheet-test-ses-feedback', 'req-3'));
    await handler(snsEvent('sns-1', softBounce('linus@example.org', '0100018f-feedback-1')), lambdaContext('broadsheet-test-ses-feedback', 'req-4'));
    expect(await status('linus@example.org')).toEqual(['confirmed', 0]);
  });

  it('knows a bounce without a feedbackId by its SNS message id: the retried event counts once, another bounce counts', async () => {
    await addSubscriber(store, 'grace@example.org', { method: 'added', now: NOW });
    for (const sns of ['sns-a', 'sns-a', 'sns-a']) await handler(snsEvent(sns, softBounce('grace@example.org')), lambdaContext('broadsheet-test-ses-feedback', 'req-a'));
    expect(await status('grace@example.org')).toEqual(['confirmed', 1]);
    await handler(snsEvent('sns-b', softBounce('grace@example.org')), lambdaContext('broadsheet-test-ses-feedback', 'req-b'));
    expect(await handler(snsEvent('sns-c', softBounce('grace@example.org')), lambdaContext('broadsheet-test-ses-feedback', 'req-c'))).toEqual({ suppressed: 1 });
    expect(await status('grace@example.org')).toEqual(['suppressed', 3]);
  });
});
