import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DigestConfig } from '../lib/content/digestConfig.js';
import type { SesTransportOptions } from '../lib/delivery/sesTransport.js';
import { configurationSetOf } from './configurationSetOf.js';
import { sesIdentityArnOf } from './sesIdentityArnOf.js';
import type { DeliveryConfig } from './digestEnv.js';

/**
 * How a deployed function sends the digest through SES: as the stack's identity (refused when site.yml's differs), through the stack's configuration set
 * (whose bounces and complaints suppress addresses), at site.yml's rate shared by `senders` running side by side.
 */
export function deployedSesOptions(client: SESv2Client, config: DeliveryConfig, digest: DigestConfig, senders = 1): SesTransportOptions {
  const configurationSet = configurationSetOf(digest, config.sesConfigurationSet);
  const identityArn = sesIdentityArnOf(digest, config.sesIdentityArn);
  return { client, rate: digest.ses.rate / senders, ...(identityArn ? { identityArn } : {}), ...(configurationSet ? { configurationSet } : {}) };
}
