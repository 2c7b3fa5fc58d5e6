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
    expect(() => sesIdentityArnOf(digest('news@watch.example.org'), address)).toThrow(/\(deploy with --param sesIdentity=watch\.example\.org, a domain verified in SES, or write from: with the address digest@watch\.example\.org\)$/);
  });

  it('without from:, checks the address the caller sends from instead, saying site.yml has none', () => {
    const noFrom = parseDigestConfig({ ses: {} }).config!;
    expect(sesIdentityArnOf(noFrom, ARN, 'digest@watch.example.org')).toBe(ARN);
    expect(() => sesIdentityArnOf(noFrom, ARN, 'digest@news.example.com')).toThrow(
      new ConfigError('site.yml: digest.from is missing, so messages are sent from digest@news.example.com, which the identity "watch.example.org" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) does not cover, and SES would refuse every message (deploy with --param sesIdentity=news.example.com, a domain verified in SES, or write from: with an address at watch.example.org)'),
    );
  });

  it("is refused when the address as sent matches the identity only in other letter case, which the roles' case-sensitive ses:FromAddress condition refuses", () => {
    // The domain is sent lowercased (asciiMailbox), so a domain identity in lower case covers any spelling of it.
    expect(sesIdentityArnOf(digest('News <News@Watch.Example.org>'), ARN)).toBe(ARN);
    expect(sesIdentityArnOf(digest('News <News@Letters.WATCH.example.org>'), ARN)).toBe(ARN);
    // An address identity: the whole address, whose local part is sent as written.
    const address = 'arn:aws:ses:us-east-1:123456789012:identity/digest@watch.example.org';
    expect(sesIdentityArnOf(digest('Watch <digest@Watch.example.org>'), address)).toBe(address);
    expect(() => sesIdentityArnOf(digest('Watch <Digest@watch.example.org>'), address)).toThrow(
      new ConfigError('site.yml: digest.from is Digest@watch.example.org (as sent: the domain lowercased), which the identity "digest@watch.example.org" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) covers only in other letter case; the role\'s ses:FromAddress condition compares case-sensitively, and every send would be AccessDenied (write from: in lower case, digest@watch.example.org)'),
    );
    // An identity deployed in capitals matches no domain as sent: the param is the fix.
    const upper = 'arn:aws:ses:us-east-1:123456789012:identity/Watch.example.org';
    expect(() => sesIdentityArnOf(digest('digest@Watch.example.org'), upper)).toThrow(/digest\.from is digest@watch\.example\.org \(as sent: the domain lowercased\), which the identity "Watch\.example\.org".*\(deploy with --param sesIdentity=watch\.example\.org, in lower case as the From's domain is sent\)$/);
    // The fallback a confirmation is sent from is checked the same way.
    const noFrom = parseDigestConfig({ ses: {} }).config!;
    expect(() => sesIdentityArnOf(noFrom, address, 'DIGEST@watch.example.org')).toThrow(/^site\.yml: digest\.from is missing, so messages are sent from DIGEST@watch\.example\.org \(as sent: the domain lowercased\), which/);
  });

  it('checks nothing outside a deployment (no SES_IDENTITY_ARN)', () => {
    expect(sesIdentityArnOf(digest('News <digest@news.example.com>', { identity: 'news.example.com' }), undefined)).toBeUndefined();
  });
});
