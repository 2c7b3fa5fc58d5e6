import { describe, expect, it } from 'vitest';
import { configurationSetOf } from '../../../functions/configurationSetOf.js';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { ConfigError } from '../../../lib/shared/errors.js';

const digest = (ses: Record<string, unknown> = {}) => parseDigestConfig({ from: 'Watch <digest@watch.example.org>', ses }).config!;

describe('the configuration set a deployed function sends through', () => {
  it('is the stack\'s when site.yml names none, so that bounces and complaints reach the ses-feedback function', () => {
    expect(configurationSetOf(digest(), 'broadsheet-prod')).toBe('broadsheet-prod');
  });

  it('is the stack\'s when site.yml names the same', () => {
    expect(configurationSetOf(digest({ configurationSet: 'broadsheet-prod' }), 'broadsheet-prod')).toBe('broadsheet-prod');
  });

  it('is refused when site.yml names another, naming both and the fix', () => {
    expect(() => configurationSetOf(digest({ configurationSet: 'old-set' }), 'broadsheet-prod')).toThrow(
      new ConfigError('site.yml: digest.ses.configurationSet is "old-set", but this deployment sends through "broadsheet-prod" (SES_CONFIGURATION_SET), whose bounces and complaints reach the ses-feedback function (write configurationSet: broadsheet-prod, or remove it)'),
    );
  });

  it('is site.yml\'s, or none, outside a deployment (no SES_CONFIGURATION_SET)', () => {
    expect(configurationSetOf(digest({ configurationSet: 'mine' }), undefined)).toBe('mine');
    expect(configurationSetOf(digest(), undefined)).toBeUndefined();
  });

  it('SES_CONFIGURATION_SET is read by the sending functions, and a malformed one refused', () => {
    const base = { CONTENT_BUCKET: 'watch-content', SITE_BUCKET: 'watch-site', SUBSCRIBERS_PREFIX: '_subscribers/', SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin' };
    expect(readDeliveryConfig({ ...base, SES_CONFIGURATION_SET: 'broadsheet-prod' }).sesConfigurationSet).toBe('broadsheet-prod');
    expect(readSubscribeConfig({ ...base, SES_CONFIGURATION_SET: 'broadsheet-prod' }).sesConfigurationSet).toBe('broadsheet-prod');
    expect(() => readDeliveryConfig({ ...base, SES_CONFIGURATION_SET: 'broadsheet prod' })).toThrow(/^SES_CONFIGURATION_SET: "broadsheet prod" is not an SES configuration set's name/);
  });
});
