import { describe, expect, it } from 'vitest';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { deployedSesOptions } from '../../../functions/deployedSesOptions.js';
import { feedbackContacts } from '../../../functions/sesFeedback.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { testSite } from '../../support/digestFixtures.js';

// The functions' SES messages name where SES was asked as the CLI's do (`SES_ENDPOINT`, else `AWS SES (region)`), not
// "SES": the digest function's and the subscribe function's messages so named are in their e2e tests.
const ENV = { CONTENT_BUCKET: 'watch-content', SITE_BUCKET: 'watch-site', SUBSCRIBERS_PREFIX: '_subscribers/' };
const site = testSite();

describe("the digest functions' SES transport", () => {
  it("is named AWS SES in the function's region, or SES_ENDPOINT where it is set", () => {
    const client = createSesClient({ region: 'eu-west-1' });
    expect(deployedSesOptions(client, readDeliveryConfig({ ...ENV, AWS_REGION: 'eu-west-1' }), site.digest).endpoint).toBe('AWS SES (eu-west-1)');
    // The mail region (AWS_REGION, else AWS_DEFAULT_REGION) is the one the functions' client is made for.
    expect(deployedSesOptions(client, readDeliveryConfig({ ...ENV, AWS_DEFAULT_REGION: 'ap-northeast-2' }), site.digest).endpoint).toBe('AWS SES (ap-northeast-2)');
    expect(deployedSesOptions(client, readDeliveryConfig({ ...ENV, AWS_REGION: 'eu-west-1', SES_ENDPOINT: 'http://127.0.0.1:4579' }), site.digest).endpoint).toBe('http://127.0.0.1:4579');
  });
});

describe("the ses-feedback function's contact list", () => {
  it("is named AWS SES in the function's region, or SES_ENDPOINT where it is set", () => {
    expect(feedbackContacts({ SES_CONTACT_LIST: 'PeninsulaWatch' }, 'eu-west-1')?.endpoint).toBe('AWS SES (eu-west-1)');
    expect(feedbackContacts({ SES_CONTACT_LIST: 'PeninsulaWatch', SES_ENDPOINT: ' http://127.0.0.1:4579 ' }, 'eu-west-1')?.endpoint).toBe('http://127.0.0.1:4579');
  });
});
