import type { SNSEvent } from 'aws-lambda';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:broadsheet-test-ses-events';

/**
 * What SNS hands Lambda of SES's event publishing: one record a message, each with the MessageId `messageId` gives
 * it (the same id twice is a redelivery) and SNS's `timestamp`.
 */
export function snsEvent(messages: readonly unknown[], messageId: (index: number) => string, timestamp = '2014-05-19T00:00:00.000Z'): SNSEvent {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${TOPIC}:0b4a1f32`,
      Sns: { Type: 'Notification', MessageId: messageId(index), TopicArn: TOPIC, Subject: '', Message: JSON.stringify(message), Timestamp: timestamp, SignatureVersion: '1', Signature: 'x', SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/x.pem', UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe', MessageAttributes: {} },
    })),
  };
}
