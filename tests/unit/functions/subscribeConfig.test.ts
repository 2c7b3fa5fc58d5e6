import { describe, expect, it } from 'vitest';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';

const ENV = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };

describe('the subscribe function settings', () => {
  it('defaults the records to _subscribers/ in the content bucket', () => {
    expect(readSubscribeConfig(ENV)).toMatchObject({ contentBucket: 'content-bucket', subscribersPrefix: '_subscribers/', secretParameter: '/b/secret', originSecretParameter: '/b/origin' });
  });

  it('refuses a prefix that overlaps the content, or is not one folder, naming the variable', () => {
    expect(() => readSubscribeConfig({ ...ENV, SUBSCRIBERS_PREFIX: 'content/' })).toThrow(/SUBSCRIBERS_PREFIX: content\/ must not overlap CONTENT_PREFIX/);
    expect(() => readSubscribeConfig({ ...ENV, SUBSCRIBERS_PREFIX: '../x/' })).toThrow(/SUBSCRIBERS_PREFIX/);
  });

  it('needs both secret parameters', () => {
    expect(() => readSubscribeConfig({ ...ENV, ORIGIN_SECRET_PARAMETER: '' })).toThrow(/ORIGIN_SECRET_PARAMETER is not set/);
  });
});
