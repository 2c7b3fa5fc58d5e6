import { describe, expect, it } from 'vitest';
import { sesIdentityArnOf } from '../../../functions/sesIdentityArnOf.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { ConfigError } from '../../../lib/shared/errors.js';

const ARN = 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org';
const digest = (from: string, ses: Record<string, unknown> = {}) => parseDigestConfig({ from, ses }).config!;

describe('the SES identity a deployed function sends the digest as', () => {
  it("is the stack's, when site.yml names the same identity or none and the identity covers from:", () => {
    expect(sesIdentityArnOf(digest('Watch <digest@watch.example.org>'), ARN)).toBe(ARN);
    expect(sesIdentityArnOf(digest('Watch <digest@watch.example.org>', { identity: 'Watch.Example.org' }), ARN)).toBe(ARN);
  });

  it('is refused when site.yml names another identity, naming both and the fix', () => {
    expect(() => sesIdentityArnOf(digest('News <digest@news.example.com>', { identity: 'news.example.com' }), ARN)).toThrow(
      new ConfigError('site.yml: digest.ses.identity is "news.example.com", but this deployment sends as "watch.example.org" (SES_IDENTITY_ARN, the sesIdentity param), and SES would refuse every message (deploy with --param sesIdentity=news.example.com, or write identity: watch.example.org)'),
    );
  });

  it('is refused when it does not cover from:, with site.yml naming no identity', () => {
    expect(() => sesIdentityArnOf(digest('News <digest@news.example.com>'), ARN)).toThrow(
      new ConfigError('site.yml: digest.from is digest@news.example.com, which the identity "watch.example.org" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) does not cover, and SES would refuse every message (deploy with --param sesIdentity=news.example.com, a domain verified in SES, or write from: with an address at watch.example.org)'),
    );
  });

  it("covers a domain's subdomains, and no other domain ending in its letters", () => {
    expect(sesIdentityArnOf(digest('digest@mail.watch.example.org'), ARN)).toBe(ARN);
    expect(() => sesIdentityArnOf(digest('digest@otherwatch.example.org'), ARN)).toThrow(/digest\.from is digest@otherwatch\.example\.org, which the identity "watch\.example\.org"/);
  });

  it('as an address identity, covers that address alone', () => {
    const address = 'arn:aws:ses:us-east-1:123456789012:identity/digest@watch.example.org';
    expect(sesIdentityArnOf(digest('Watch <Digest@Watch.example.org>'), address)).toBe(address);
    expect(() => sesIdentityArnOf(digest('news@watch.example.org'), address)).toThrow(/\(deploy with --param sesIdentity=watch\.example\.org, a domain verified in SES, or write from: with the address digest@watch\.example\.org\)$/);
  });

  it('without from:, checks the address the caller sends from instead, saying site.yml has none', () => {
    const noFrom = parseDigestConfig({ ses: {} }).config!;
    expect(sesIdentityArnOf(noFrom, ARN, 'digest@watch.example.org')).toBe(ARN);
    expect(() => sesIdentityArnOf(noFrom, ARN, 'digest@news.example.com')).toThrow(
      new ConfigError('site.yml: digest.from is missing, so messages are sent from digest@news.example.com, which the identity "watch.example.org" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) does not cover, and SES would refuse every message (deploy with --param sesIdentity=news.example.com, a domain verified in SES, or write from: with an address at watch.example.org)'),
    );
  });

  it('checks nothing outside a deployment (no SES_IDENTITY_ARN)', () => {
    expect(sesIdentityArnOf(digest('News <digest@news.example.com>', { identity: 'news.example.com' }), undefined)).toBeUndefined();
  });
});
