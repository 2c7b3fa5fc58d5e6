import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DigestConfig } from '../lib/content/digestConfig.js';
import type { SesTransportOptions } from '../lib/delivery/sesTransport.js';
import { configurationSetOf } from './configurationSetOf.js';
import { deployedSesEndpoint } from './deployedSesEndpoint.js';
import { sesIdentityArnOf } from './sesIdentityArnOf.js';
import type { DeliveryConfig } from './digestEnv.js';

/**
 * How a deployed function sends the digest through SES: as the stack's identity (refused when site.yml's differs), through the stack's configuration set
 * (whose bounces and complaints suppress addresses), at site.yml's rate shared by `senders` running side by side, its
 * errors naming where the client sends (SES_ENDPOINT, else AWS SES in the region) as the CLI's do.
 */
export function deployedSesOptions(client: SESv2Client, config: DeliveryConfig, digest: DigestConfig, senders = 1): SesTransportOptions {
  const configurationSet = configurationSetOf(digest, config.sesConfigurationSet);
  const identityArn = sesIdentityArnOf(digest, config.sesIdentityArn);
  const endpoint = deployedSesEndpoint(config.mail.sesEndpoint, config.mail.region ?? config.s3.region);
  return { client, endpoint, rate: digest.ses.rate / senders, ...(identityArn ? { identityArn } : {}), ...(configurationSet ? { configurationSet } : {}) };
}
