import type { DigestConfig } from '../lib/content/digestConfig.js';
import { ConfigError } from '../lib/shared/errors.js';

/**
 * The SES configuration set a deployed function sends through: the stack's (SES_CONFIGURATION_SET), whose bounces and
 * complaints reach the ses-feedback function, which suppresses those addresses. A site.yml without
 * `digest.ses.configurationSet` sends through it too: a send outside it would go on mailing addresses that bounce,
 * and SES pauses an account whose bounce rate climbs. A site.yml naming another set is refused (IAM would refuse the send).
 */
export function configurationSetOf(digest: DigestConfig, stackSet: string | undefined): string | undefined {
  const named = digest.ses.configurationSet;
  if (stackSet === undefined) return named;
  if (named !== undefined && named !== stackSet) {
    throw new ConfigError(`site.yml: digest.ses.configurationSet is "${named}", but this deployment sends through "${stackSet}" (SES_CONFIGURATION_SET), whose bounces and complaints reach the ses-feedback function (write configurationSet: ${stackSet}, or remove it)`);
  }
  return stackSet;
}
