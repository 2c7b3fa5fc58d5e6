import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { createSesFeedbackHandler } from '../../../functions/sesFeedback.js';
import { readSubscriberStoreConfig } from '../../../functions/subscribeConfig.js';
import { ConfigError } from '../../../lib/shared/errors.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';

// A deployment with a variable missing: the digest, digest-sender and ses-feedback functions refuse at their first
// invocation with a ConfigError naming it, and log it as one line with the request's id, as the publish function
// does (functions/handlerDeps.ts), rather than leaving the runtime to print a stack trace. Their dependencies are made
// as their defaults make them, from the environment given, before any client is used.
const ENV = { SITE_BUCKET: 'site' };
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => (logs = captureLogs()));
afterEach(() => logs.restore());

const handlers: [string, (context: Context) => Promise<unknown>][] = [
  ['digest', (context) => createDigestHandler(() => ({ config: readDigestFunctionConfig(ENV) }) as never)({ source: 'broadsheet.schedule' } as never, context)],
  ['digest-sender', (context) => createDigestSenderHandler(() => ({ config: readDeliveryConfig(ENV) }) as never)({ Records: [] } as never, context)],
  ['ses-feedback', (context) => createSesFeedbackHandler(() => ({ config: readSubscriberStoreConfig(ENV) }) as never)({ Records: [] } as never, context)],
];

describe('a function whose environment lacks a variable', () => {
  for (const [name, run] of handlers) {
    it(`${name}: throws a ConfigError naming it, logged once as a configuration error with the request id`, async () => {
      const error = await run(lambdaContext(`broadsheet-test-${name}`, `req-${name}`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^CONTENT_BUCKET is not set/);
      expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'configuration error', function_request_id: `req-${name}`, error: expect.objectContaining({ name: 'ConfigError', message: expect.stringMatching(/^CONTENT_BUCKET is not set/) }) })]);
    });
  }
});

describe('a function whose SUBSCRIBERS_PREFIX overlaps CONTENT_PREFIX', () => {
  // The subscriber records inside the content (or holding it) would be read by a publish as content.
  const OVERLAP = { CONTENT_BUCKET: 'content', SITE_BUCKET: 'site', PUBLISH_FUNCTION_NAME: 'publish', CONTENT_PREFIX: 'private/content/', SUBSCRIBERS_PREFIX: 'private/' };
  const overlapping: [string, (context: Context) => Promise<unknown>][] = [
    ['digest', (context) => createDigestHandler(() => ({ config: readDigestFunctionConfig(OVERLAP) }) as never)({ source: 'broadsheet.schedule' } as never, context)],
    ['digest-sender', (context) => createDigestSenderHandler(() => ({ config: readDeliveryConfig(OVERLAP) }) as never)({ Records: [] } as never, context)],
    ['ses-feedback', (context) => createSesFeedbackHandler(() => ({ config: readSubscriberStoreConfig(OVERLAP) }) as never)({ Records: [] } as never, context)],
  ];
  const message = 'SUBSCRIBERS_PREFIX: private/ must not overlap CONTENT_PREFIX private/content/ (a publish would read the records as content); give the two folders side by side, e.g. SUBSCRIBERS_PREFIX=_subscribers/ and CONTENT_PREFIX=content/';
  for (const [name, run] of overlapping) {
    it(`${name}: throws the one ConfigError naming the variable and the fix, logged once with the request id`, async () => {
      const error = await run(lambdaContext(`broadsheet-test-${name}`, `req-${name}`)).catch((e: unknown) => e);
      expect(error).toEqual(new ConfigError(message));
      expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'configuration error', function_request_id: `req-${name}`, error: expect.objectContaining({ name: 'ConfigError', message }) })]);
    });
  }
});

describe('the digest function without SUBSCRIBERS_PREFIX', () => {
  it('refuses at its first invocation with one configuration error, before any client is made or any event read', async () => {
    let made = 0;
    const env = { CONTENT_BUCKET: 'content', SITE_BUCKET: 'site', PUBLISH_FUNCTION_NAME: 'publish', DIGEST_UNSUBSCRIBE_SECRET: 'digest-secret-long-enough' };
    const handler = createDigestHandler(() => {
      const config = readDigestFunctionConfig(env);
      made += 1;
      return { config } as never;
    });
    const error = await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'req-no-prefix')).catch((e: unknown) => e);
    const message = "SUBSCRIBERS_PREFIX is not set (set it to the subscriber records' folder in the content bucket, e.g. _subscribers/; serverless.yml sets it on deploy)";
    expect(error).toEqual(new ConfigError(message));
    expect(made).toBe(0);
    expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'configuration error', function_request_id: 'req-no-prefix', error: expect.objectContaining({ name: 'ConfigError', message }) })]);
  });
});
