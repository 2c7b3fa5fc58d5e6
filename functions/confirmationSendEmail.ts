import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Site } from '../lib/content/site.js';
import { asciiMailbox } from '../lib/shared/headerText.js';
import { confirmationFrom } from '../lib/subscribers/confirmationFrom.js';
import { confirmationSending } from './confirmationSending.js';
import type { SubscribeConfig } from './subscribeConfig.js';

/**
 * The SESv2 SendEmail input for one confirmation, a raw message. FromEmailAddress repeats the raw From (as
 * withMailboxFields writes it), so the role's ses:FromAddress condition is evaluated on that address whether or not
 * SES reads the key from a raw message's header (SendEmail reference: either may give the From, or both).
 */
export function confirmationSendEmail(site: Pick<Site, 'digest' | 'host'>, config: Pick<SubscribeConfig, 'sesIdentityArn' | 'sesConfigurationSet'>, to: string, raw: Uint8Array): SendEmailCommandInput {
  const { identityArn, configurationSet } = confirmationSending(site, config);
  return {
    FromEmailAddress: asciiMailbox(confirmationFrom(site)),
    ...(identityArn ? { FromEmailAddressIdentityArn: identityArn } : {}),
    Destination: { ToAddresses: [to] },
    Content: { Raw: { Data: raw } },
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
  };
}
