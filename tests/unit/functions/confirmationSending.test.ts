import { describe, expect, it } from 'vitest';
import { confirmationSending } from '../../../functions/confirmationSending.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { ConfigError } from '../../../lib/shared/errors.js';

const ARN = (identity: string) => `arn:aws:ses:us-east-1:123456789012:identity/${identity}`;

describe('how the subscribe function sends a confirmation through SES', () => {
  it("without digest.from, checks the stack's identity against the address it falls back to, digest@ the site's host", () => {
    const site = { host: 'watch.example.org', digest: parseDigestConfig({}).config! };
    expect(confirmationSending(site, { sesIdentityArn: ARN('watch.example.org') }).identityArn).toBe(ARN('watch.example.org'));
    expect(() => confirmationSending(site, { sesIdentityArn: ARN('news.example.com') })).toThrow(
      new ConfigError('site.yml: digest.from is missing, so messages are sent from digest@watch.example.org, which the identity "news.example.com" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) does not cover, and SES would refuse every message (deploy with --param sesIdentity=watch.example.org, a domain verified in SES, or write from: with an address at news.example.com)'),
    );
  });
});
