import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { readSubscribeConfig, type SubscribeConfig } from '../../functions/subscribeConfig.js';
import { DIGEST, siteYaml } from './digestFixtures.js';
import { freshBucket, s3rverEnv } from './s3.js';

/** The secret CloudFront adds to every request it passes to the subscribe function, as these runs give it. */
export const ORIGIN = 'origin-secret-cloudfront-adds-1234';

/**
 * What the real subscribe function needs to run on s3rver and the SES emulator: a content bucket holding a site.yml
 * that offers the digest, a site bucket, its config read from the environment Lambda would give it, and SSM (which no
 * server here emulates, the SDK mock alone) holding the links' signing secret and the origin secret.
 */
export async function subscribeFunctionOnS3rver(admin: S3Client, name: string, endpoints: { s3: string; ses: string }): Promise<{ config: SubscribeConfig; ses: SESv2Client; ssm: SSMClient }> {
  const contentBucket = await freshBucket(admin, `${name}-content`);
  const siteBucket = await freshBucket(admin, `${name}-site`);
  await admin.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { ...DIGEST, ses: { configurationSet: 'broadsheet-test' } }) }));
  const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ssmMock = mockClient(ssm);
  ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: 'function-token-secret-long-enough' } });
  ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
  const config = readSubscribeConfig({ ...s3rverEnv(endpoints.s3), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin', SES_CONFIGURATION_SET: 'broadsheet-test', SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/watch.example.org', ANSWER_FLOOR_MS: '0' });
  const ses = new SESv2Client({ region: 'us-east-1', endpoint: endpoints.ses, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { config, ses, ssm };
}
