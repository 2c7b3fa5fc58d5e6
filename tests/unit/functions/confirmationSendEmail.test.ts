import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { confirmationSendEmail } from '../../../functions/confirmationSendEmail.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { confirmationFrom } from '../../../lib/subscribers/confirmationFrom.js';
import { buildConfirmationMessage } from '../../../lib/subscribers/confirmationMessage.js';

const ARN = 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org';
const config = { sesIdentityArn: ARN, sesConfigurationSet: 'broadsheet-prod' };

/** A confirmation as the subscription handler builds it, from the address it falls back to or digest.from. */
async function confirmation(site: { host: string; digest: ReturnType<typeof parseDigestConfig>['config'] & object }) {
  return buildConfirmationMessage({ siteTitle: 'Watch', host: site.host, from: confirmationFrom(site), to: 'ada@example.net', confirmUrl: 'https://watch.example.org/confirm?token=t', date: DateTime.fromISO('2026-12-07T12:00:00Z'), timezone: 'UTC' });
}

describe('the SendEmail a confirmation is sent with', () => {
  it("gives the raw message's From as FromEmailAddress too, so IAM's ses:FromAddress is evaluated on it", async () => {
    // The display name kept, the domain lowercased as the header writes it (asciiMailbox).
    const site = { host: 'watch.example.org', digest: parseDigestConfig({ from: 'Watch Desk <News@Letters.Watch.example.org>' }).config! };
    const raw = await confirmation(site);
    const input = confirmationSendEmail(site, config, 'ada@example.net', raw);
    expect(input).toEqual({
      FromEmailAddress: 'Watch Desk <News@letters.watch.example.org>',
      FromEmailAddressIdentityArn: ARN,
      Destination: { ToAddresses: ['ada@example.net'] },
      Content: { Raw: { Data: raw } },
      ConfigurationSetName: 'broadsheet-prod',
    });
    const header = (await simpleParser(raw)).from!.value[0]!;
    expect(`${header.name} <${header.address}>`).toBe(input.FromEmailAddress);
  });

  it("without digest.from, gives the address the confirmation falls back to, digest@ the site's host", async () => {
    const site = { host: 'watch.example.org', digest: parseDigestConfig({}).config! };
    const raw = await confirmation(site);
    expect(confirmationSendEmail(site, {}, 'ada@example.net', raw)).toEqual({ FromEmailAddress: 'digest@watch.example.org', Destination: { ToAddresses: ['ada@example.net'] }, Content: { Raw: { Data: raw } } });
    expect((await simpleParser(raw)).from!.value[0]!.address).toBe('digest@watch.example.org');
  });
});
