import { describe, expect, it } from 'vitest';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { readSubscribeConfig, readSubscriberStoreConfig } from '../../../functions/subscribeConfig.js';
import { ConfigError } from '../../../lib/shared/errors.js';

const ENV = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };

describe('the subscribe function settings', () => {
  it('defaults the records to _subscribers/ in the content bucket', () => {
    expect(readSubscribeConfig(ENV)).toMatchObject({ contentBucket: 'content-bucket', subscribersPrefix: '_subscribers/', secretParameter: '/b/secret', originSecretParameter: '/b/origin' });
  });

  it('refuses a prefix that overlaps the content, or is not one folder, naming the variable', () => {
    expect(() => readSubscribeConfig({ ...ENV, SUBSCRIBERS_PREFIX: 'content/' })).toThrow(/SUBSCRIBERS_PREFIX: content\/ must not overlap CONTENT_PREFIX/);
    expect(() => readSubscribeConfig({ ...ENV, SUBSCRIBERS_PREFIX: '../x/' })).toThrow(/SUBSCRIBERS_PREFIX/);
  });

  it('answers each signup 1.5 s after it began unless ANSWER_FLOOR_MS says otherwise, at most 5 s', () => {
    expect(readSubscribeConfig(ENV).answerFloorMs).toBe(1_500);
    expect(readSubscribeConfig({ ...ENV, ANSWER_FLOOR_MS: '300' }).answerFloorMs).toBe(300);
    expect(() => readSubscribeConfig({ ...ENV, ANSWER_FLOOR_MS: '9000' })).toThrow(new ConfigError('ANSWER_FLOOR_MS: "9000" is not a whole number from 0 to 5000'));
  });

  it('takes 100 signups an hour unless SIGNUPS_PER_HOUR says otherwise, from 1 to 99 999 (a slot has a five-digit name)', () => {
    expect(readSubscribeConfig(ENV).signupsPerHour).toBe(100);
    expect(readSubscribeConfig({ ...ENV, SIGNUPS_PER_HOUR: '600' }).signupsPerHour).toBe(600);
    expect(readSubscribeConfig({ ...ENV, SIGNUPS_PER_HOUR: '99999' }).signupsPerHour).toBe(99_999);
    for (const value of ['0', '100000', '2.5', 'many']) expect(() => readSubscribeConfig({ ...ENV, SIGNUPS_PER_HOUR: value }), value).toThrow(new ConfigError(`SIGNUPS_PER_HOUR: "${value}" is not a whole number from 1 to 99999`));
  });

  it('sends confirmations as SES_IDENTITY_ARN, the digest\'s identity, and refuses one that is not an identity ARN', () => {
    const arn = 'arn:aws:ses:eu-west-1:123456789012:identity/watch.example.org';
    expect(readSubscribeConfig({ ...ENV, SES_IDENTITY_ARN: arn }).sesIdentityArn).toBe(arn);
    expect(readSubscribeConfig(ENV).sesIdentityArn).toBeUndefined();
    expect(() => readSubscribeConfig({ ...ENV, SES_IDENTITY_ARN: 'watch.example.org' })).toThrow(new ConfigError('SES_IDENTITY_ARN: "watch.example.org" is not an SES identity ARN (arn:aws:ses:REGION:ACCOUNT:identity/example.org)'));
  });

  it('needs both secret parameters', () => {
    expect(() => readSubscribeConfig({ ...ENV, ORIGIN_SECRET_PARAMETER: '' })).toThrow(/ORIGIN_SECRET_PARAMETER is not set/);
  });
});

describe('SUBSCRIBERS_PREFIX: one rule for the subscribe, ses-feedback, digest and digest-sender functions', () => {
  const DELIVERY = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket' };
  const readers: [string, (env: Record<string, string>) => { subscribersPrefix?: string }][] = [
    ['subscribe', (env) => readSubscribeConfig({ ...ENV, ...env })],
    ['ses-feedback', (env) => readSubscriberStoreConfig({ ...DELIVERY, ...env })],
    ['digest', (env) => readDigestFunctionConfig({ ...DELIVERY, PUBLISH_FUNCTION_NAME: 'publish', ...env })],
    ['digest-sender', (env) => readDeliveryConfig({ ...DELIVERY, ...env })],
  ];
  const fix = 'give the two folders side by side, e.g. SUBSCRIBERS_PREFIX=_subscribers/ and CONTENT_PREFIX=content/';

  for (const [name, read] of readers) {
    it(`${name}: refuses a folder that holds the content, is inside it, or is it`, () => {
      expect(() => read({ SUBSCRIBERS_PREFIX: 'private/', CONTENT_PREFIX: 'private/content/' })).toThrow(new ConfigError(`SUBSCRIBERS_PREFIX: private/ must not overlap CONTENT_PREFIX private/content/ (a publish would read the records as content); ${fix}`));
      expect(() => read({ SUBSCRIBERS_PREFIX: '_subscribers/', CONTENT_PREFIX: '/' })).toThrow(new ConfigError(`SUBSCRIBERS_PREFIX: _subscribers/ must not overlap CONTENT_PREFIX (the bucket root) (a publish would read the records as content); ${fix}`));
      expect(() => read({ SUBSCRIBERS_PREFIX: 'content/' })).toThrow(/^SUBSCRIBERS_PREFIX: content\/ must not overlap CONTENT_PREFIX content\//);
    });

    it(`${name}: refuses what is not one folder, and takes one beside the content`, () => {
      for (const SUBSCRIBERS_PREFIX of ['a/b/', '_subscribers', '../', './']) expect(() => read({ SUBSCRIBERS_PREFIX }), SUBSCRIBERS_PREFIX).toThrow(`SUBSCRIBERS_PREFIX: ${JSON.stringify(SUBSCRIBERS_PREFIX)} is not one folder ending in /`);
      expect(read({ SUBSCRIBERS_PREFIX: 'contents/' }).subscribersPrefix).toBe('contents/');
      expect(read({ SUBSCRIBERS_PREFIX: ' _subscribers/ ' }).subscribersPrefix).toBe('_subscribers/');
    });
  }
});

describe('the digest and digest-sender functions without SUBSCRIBERS_PREFIX', () => {
  // Their only recipients are the store's subscribers (the stack sets the variable and grants no SES contact list).
  it('refuse to start, naming the variable and its fix', () => {
    const missing = new ConfigError("SUBSCRIBERS_PREFIX is not set (set it to the subscriber records' folder in the content bucket, e.g. _subscribers/; serverless.yml sets it on deploy)");
    for (const SUBSCRIBERS_PREFIX of [undefined, '', '  ']) {
      expect(() => readDigestFunctionConfig({ CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX })).toThrow(missing);
      expect(() => readDeliveryConfig({ CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SUBSCRIBERS_PREFIX })).toThrow(missing);
    }
  });
});
