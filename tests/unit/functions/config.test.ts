import { describe, expect, it } from 'vitest';
import { readPublishConfig, readTriggerConfig } from '../../../functions/config.js';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { ConfigError } from '../../../lib/shared/errors.js';

const BASE = { CONTENT_BUCKET: 'my-content', SITE_BUCKET: 'my-site' };

describe('readPublishConfig', () => {
  it('applies the documented defaults', () => {
    expect(readPublishConfig(BASE)).toEqual({
      contentBucket: 'my-content',
      contentPrefix: 'content/',
      siteBucket: 'my-site',
      sitePrefix: '',
      skipInvalid: false,
      s3: { maxAttempts: 5, requestTimeoutMs: 10_000 },
    });
  });

  it('reads every variable', () => {
    const config = readPublishConfig({
      ...BASE,
      CONTENT_PREFIX: '/editors/content',
      SITE_PREFIX: 'www/',
      CACHE_CONTROL: 'public, max-age=60',
      SKIP_INVALID: 'TRUE',
      AWS_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://127.0.0.1:4569',
      S3_MAX_ATTEMPTS: '3',
      S3_REQUEST_TIMEOUT_MS: '2500',
      SITE_URL: 'https://feeds.example.net/watch',
    });
    expect(config).toEqual({
      contentBucket: 'my-content',
      contentPrefix: 'editors/content/',
      siteBucket: 'my-site',
      sitePrefix: 'www/',
      cacheControl: 'public, max-age=60',
      skipInvalid: true,
      siteUrl: 'https://feeds.example.net/watch/',
      s3: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:4569', maxAttempts: 3, requestTimeoutMs: 2500 },
    });
  });

  it.each([
    [{ SITE_BUCKET: 'my-site' }, /^CONTENT_BUCKET is not set/],
    [{ CONTENT_BUCKET: 'my-content', SITE_BUCKET: '  ' }, /^SITE_BUCKET is not set/],
    [{ ...BASE, SITE_BUCKET: 'My_Site' }, /^SITE_BUCKET: "My_Site" is not a valid S3 bucket name/],
    [{ ...BASE, SKIP_INVALID: 'yes' }, /^SKIP_INVALID: "yes" is not a boolean \(write true or false\)/],
    [{ ...BASE, CONTENT_PREFIX: 'a/../b' }, /^CONTENT_PREFIX: "a\/..\/b" is not a folder key/],
    [{ ...BASE, S3_MAX_ATTEMPTS: '0' }, /^S3_MAX_ATTEMPTS: "0" is not a whole number from 1 to 20/],
    [{ ...BASE, S3_REQUEST_TIMEOUT_MS: '5s' }, /^S3_REQUEST_TIMEOUT_MS: "5s" is not a whole number/],
    [{ ...BASE, SITE_URL: 'http://feeds.example.net/' }, /^SITE_URL: "http:\/\/feeds.example.net\/" must be an https URL/],
    [{ ...BASE, SITE_URL: 'feeds.example.net' }, /^SITE_URL: "feeds.example.net" is not a URL/],
    [{ ...BASE, S3_ENDPOINT: '127.0.0.1:4569' }, /^S3_ENDPOINT: "127.0.0.1:4569" is not an http\(s\) URL/],
  ])('fails fast with a ConfigError naming the variable: %j', (env, message) => {
    expect(() => readPublishConfig(env)).toThrow(ConfigError);
    expect(() => readPublishConfig(env)).toThrow(message);
  });
});

describe('readPublishConfig: the site folder and the content folder in one bucket', () => {
  const served = 'set SITE_BUCKET to another bucket (serverless.yml makes one), or give the site and the content folders side by side, or site.yml, the drafts and subscribers.txt would be served';

  it('refuses a site folder that holds the content (the bucket root with the default content/ included)', () => {
    for (const SITE_PREFIX of [undefined, '/', 'www', 'www/']) {
      const env = { CONTENT_BUCKET: 'shared', SITE_BUCKET: 'shared', CONTENT_PREFIX: SITE_PREFIX?.includes('www') ? 'www/content' : undefined, SITE_PREFIX };
      const site = SITE_PREFIX?.includes('www') ? 'www/' : '';
      const content = SITE_PREFIX?.includes('www') ? 'www/content/' : 'content/';
      expect(() => readPublishConfig(env), String(SITE_PREFIX)).toThrow(new ConfigError(`SITE_PREFIX: s3://shared/${site} holds the content s3://shared/${content}; ${served}`));
    }
  });

  it('refuses a site folder that is the content folder or inside it', () => {
    for (const SITE_PREFIX of ['content', '/content/', 'content/public']) {
      expect(() => readPublishConfig({ CONTENT_BUCKET: 'shared', SITE_BUCKET: 'shared', SITE_PREFIX }), SITE_PREFIX).toThrow(/^SITE_PREFIX: s3:\/\/shared\/content\/(public\/)? is inside the content s3:\/\/shared\/content\/;/);
    }
  });

  it('accepts folders side by side in one bucket, and any folders in two buckets', () => {
    expect(readPublishConfig({ CONTENT_BUCKET: 'shared', SITE_BUCKET: 'shared', SITE_PREFIX: 'site' })).toMatchObject({ contentPrefix: 'content/', sitePrefix: 'site/' });
    expect(readPublishConfig({ CONTENT_BUCKET: 'shared', SITE_BUCKET: 'shared', SITE_PREFIX: 'contents' })).toMatchObject({ sitePrefix: 'contents/' });
    expect(readPublishConfig({ CONTENT_BUCKET: 'my-content', SITE_BUCKET: 'my-site' })).toMatchObject({ contentPrefix: 'content/', sitePrefix: '' });
  });
});

describe('readTriggerConfig', () => {
  it('reads the function names and the token parameter', () => {
    expect(readTriggerConfig({ PUBLISH_FUNCTION_NAME: 'broadsheet-prod-publish', DIGEST_FUNCTION_NAME: 'broadsheet-prod-digest', TOKEN_PARAMETER: '/broadsheet/prod/trigger-token', AWS_REGION: 'us-east-1' })).toEqual({
      publishFunctionName: 'broadsheet-prod-publish',
      digestFunctionName: 'broadsheet-prod-digest',
      tokenParameter: '/broadsheet/prod/trigger-token',
      region: 'us-east-1',
    });
  });

  it('reads the site bucket of the run records (GET /runs) when SITE_BUCKET is set', () => {
    const config = readTriggerConfig({ PUBLISH_FUNCTION_NAME: 'p', DIGEST_FUNCTION_NAME: 'd', TOKEN_PARAMETER: '/t', SITE_BUCKET: 'example-site', SITE_PREFIX: 'www' });
    expect(config).toMatchObject({ siteBucket: 'example-site', sitePrefix: 'www/', s3: { maxAttempts: 5 } });
    expect(() => readTriggerConfig({ PUBLISH_FUNCTION_NAME: 'p', DIGEST_FUNCTION_NAME: 'd', TOKEN_PARAMETER: '/t', SITE_BUCKET: 'Not_A_Bucket' })).toThrow(/^SITE_BUCKET: "Not_A_Bucket" is not a valid S3 bucket name/);
  });

  it('names the missing variable', () => {
    expect(() => readTriggerConfig({ PUBLISH_FUNCTION_NAME: 'f', DIGEST_FUNCTION_NAME: 'd' })).toThrow(/^TOKEN_PARAMETER is not set/);
    expect(() => readTriggerConfig({ DIGEST_FUNCTION_NAME: 'd', TOKEN_PARAMETER: '/t' })).toThrow(/^PUBLISH_FUNCTION_NAME is not set \(set it to the name or ARN of the publish function/);
    expect(() => readTriggerConfig({ PUBLISH_FUNCTION_NAME: 'f', TOKEN_PARAMETER: '/t' })).toThrow(/^DIGEST_FUNCTION_NAME is not set \(set it to the name or ARN of the digest function/);
  });
});

describe('the SSM parameters the functions read', () => {
  // serverless.yml grants ssm:GetParameter on arn:…:parameter<name>, which is the ARN only of a name with a leading /.
  const trigger = { PUBLISH_FUNCTION_NAME: 'p', DIGEST_FUNCTION_NAME: 'd' };
  const delivery = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SUBSCRIBERS_PREFIX: '_subscribers/' };
  const subscribe = { ...delivery, SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };

  it('are read as paths', () => {
    expect(readTriggerConfig({ ...trigger, TOKEN_PARAMETER: '/broadsheet/prod/trigger-token' }).tokenParameter).toBe('/broadsheet/prod/trigger-token');
    expect(readDeliveryConfig({ ...delivery, SECRET_PARAMETER: '/broadsheet/prod/unsubscribe-secret' }).secretParameter).toBe('/broadsheet/prod/unsubscribe-secret');
    expect(readSubscribeConfig(subscribe)).toMatchObject({ secretParameter: '/b/secret', originSecretParameter: '/b/origin' });
  });

  it('refuse a name without its leading /, or with a character SSM does not take, naming the variable and the fix', () => {
    expect(() => readTriggerConfig({ ...trigger, TOKEN_PARAMETER: 'broadsheet-token' })).toThrow(/^TOKEN_PARAMETER: "broadsheet-token" is not an SSM parameter path: write it with a leading \//);
    expect(() => readDeliveryConfig({ ...delivery, SECRET_PARAMETER: 'broadsheet/prod/secret' })).toThrow(/^SECRET_PARAMETER: "broadsheet\/prod\/secret" is not an SSM parameter path/);
    expect(() => readSubscribeConfig({ ...subscribe, ORIGIN_SECRET_PARAMETER: 'origin' })).toThrow(/^ORIGIN_SECRET_PARAMETER: "origin" is not an SSM parameter path/);
    expect(() => readSubscribeConfig({ ...subscribe, SECRET_PARAMETER: '/b/se cret' })).toThrow(/^SECRET_PARAMETER: "\/b\/se cret" is not an SSM parameter path/);
    expect(() => readTriggerConfig({ ...trigger, TOKEN_PARAMETER: '/' })).toThrow(/^TOKEN_PARAMETER: "\/" is not an SSM parameter path/);
  });
});
