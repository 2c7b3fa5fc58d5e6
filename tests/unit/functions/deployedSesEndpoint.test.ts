import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { deployedSesOptions } from '../../../functions/deployedSesOptions.js';
import { feedbackContacts } from '../../../functions/sesFeedback.js';
import { buildDigestMessage } from '../../../lib/delivery/message.js';
import { createSesClient, SesTransport } from '../../../lib/delivery/sesTransport.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { parseRecipient } from '../../../lib/subscribers/recipient.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The functions' SES messages name where SES was asked as the CLI's do (`SES_ENDPOINT`, else `AWS SES (region)`), not "SES".
const ENV = { CONTENT_BUCKET: 'watch-content', SITE_BUCKET: 'watch-site', SUBSCRIBERS_PREFIX: '_subscribers/' };
const site = testSite();

/** A loopback port nothing listens on: a connection to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the digest functions' SES transport", () => {
  it("is named AWS SES in the function's region, or SES_ENDPOINT where it is set", () => {
    const client = createSesClient({ region: 'eu-west-1' });
    expect(deployedSesOptions(client, readDeliveryConfig({ ...ENV, AWS_REGION: 'eu-west-1' }), site.digest).endpoint).toBe('AWS SES (eu-west-1)');
    // The mail region (AWS_REGION, else AWS_DEFAULT_REGION) is the one the functions' client is made for.
    expect(deployedSesOptions(client, readDeliveryConfig({ ...ENV, AWS_DEFAULT_REGION: 'ap-northeast-2' }), site.digest).endpoint).toBe('AWS SES (ap-northeast-2)');
    expect(deployedSesOptions(client, readDeliveryConfig({ ...ENV, AWS_REGION: 'eu-west-1', SES_ENDPOINT: 'http://127.0.0.1:4579' }), site.digest).endpoint).toBe('http://127.0.0.1:4579');
  });

  it('names SES_ENDPOINT in the message of a send it refused the connection to', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const config = readDeliveryConfig({ ...ENV, AWS_REGION: 'us-east-1', SES_ENDPOINT: endpoint });
    const client = createSesClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeouts: { attempts: 1 } });
    const model = weekModel(site, [meta('2014-05-08')]);
    const message = await buildDigestMessage({ model, html: renderDigestHtml(model, { variant: 'email' }), recipient: parseRecipient('ada@example.org'), from: 'W <d@watch.example.org>', subject: 'S', listId: 'W digest <digest.watch.example.org>', unsubscribe: { kind: 'ses' }, date: DateTime.fromISO('2014-05-12T00:00:00Z') });
    const error = await new SesTransport(deployedSesOptions(client, config, site.digest)).send(message, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ outcome: 'notAttempted' });
    expect((error as Error).message.startsWith(`${endpoint} refused the connection (nothing was sent): `)).toBe(true);
  });
});

describe("the ses-feedback function's contact list", () => {
  it("is named AWS SES in the function's region, or SES_ENDPOINT where it is set", () => {
    expect(feedbackContacts({ SES_CONTACT_LIST: 'PeninsulaWatch' }, 'eu-west-1')?.endpoint).toBe('AWS SES (eu-west-1)');
    expect(feedbackContacts({ SES_CONTACT_LIST: 'PeninsulaWatch', SES_ENDPOINT: ' http://127.0.0.1:4579 ' }, 'eu-west-1')?.endpoint).toBe('http://127.0.0.1:4579');
  });
});
