import { CloudFrontClient, CloudFrontServiceException, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CloudFrontInvalidator, createCloudFrontClient } from '../../../lib/publish/cloudFrontInvalidator.js';

// No CloudFront server runs here: the SDK mock records the command the adapter sends.
const cloudfront = mockClient(CloudFrontClient);
afterEach(() => cloudfront.reset());
// The unit project runs its files in one module graph a worker (isolate: false): the mock of the class must not
// outlive this file, or a later file's real CloudFront client answers from it.
afterAll(() => cloudfront.restore());

const client = () => new CloudFrontClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('CloudFrontInvalidator', () => {
  it('sends one CreateInvalidation for the distribution, with the paths and the run id as caller reference', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1', Status: 'InProgress', CreateTime: new Date(0), InvalidationBatch: undefined } });
    await new CloudFrontInvalidator({ distributionId: 'E2EXAMPLE', client: client() }).invalidate(['/', '/index.html', '/rss.xml'], 'req-1');
    const calls = cloudfront.commandCalls(CreateInvalidationCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      DistributionId: 'E2EXAMPLE',
      InvalidationBatch: { CallerReference: 'req-1', Paths: { Quantity: 3, Items: ['/', '/index.html', '/rss.xml'] } },
    });
  });

  it('sends nothing for no paths (CloudFront refuses an empty batch)', async () => {
    await new CloudFrontInvalidator({ distributionId: 'E2EXAMPLE', client: client() }).invalidate([], 'req-2');
    expect(cloudfront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it("passes CloudFront's refusal on to the caller", async () => {
    cloudfront.on(CreateInvalidationCommand).rejects(new CloudFrontServiceException({ name: 'TooManyInvalidationsInProgress', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.' }));
    await expect(new CloudFrontInvalidator({ distributionId: 'E2EXAMPLE', client: client() }).invalidate(['/*'], 'req-3')).rejects.toMatchObject({ name: 'TooManyInvalidationsInProgress' });
  });

  it('builds its default client with bounded attempts', async () => {
    expect(await createCloudFrontClient().config.maxAttempts()).toBe(3);
  });
});
