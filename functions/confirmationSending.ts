import type { Site } from '../lib/content/site.js';
import { confirmationFrom } from '../lib/subscribers/confirmationFrom.js';
import { configurationSetOf } from './configurationSetOf.js';
import { sesIdentityArnOf } from './sesIdentityArnOf.js';
import type { SubscribeConfig } from './subscribeConfig.js';

/**
 * How the subscribe function sends a confirmation through SES: as the stack's identity, checked against the address
 * the confirmation is sent from (site.yml's digest.from or its fallback), through the stack's configuration set.
 * Either out of step with site.yml throws a ConfigError: SES or IAM would refuse every confirmation.
 */
export function confirmationSending(site: Pick<Site, 'digest' | 'host'>, config: Pick<SubscribeConfig, 'sesIdentityArn' | 'sesConfigurationSet'>): { identityArn: string | undefined; configurationSet: string | undefined } {
  return { identityArn: sesIdentityArnOf(site.digest, config.sesIdentityArn, confirmationFrom(site)), configurationSet: configurationSetOf(site.digest, config.sesConfigurationSet) };
}
