import { createHash, randomBytes } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client, type S3ClientOptions } from '../../lib/store/s3Client.js';
import { RUNS_PREFIX } from '../../lib/publish/runRecord.js';
import { S3Store } from '../../lib/store/s3Store.js';

/** s3rver accepts only these credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * The environment the CLI and the handlers need to reach s3rver at `endpoint`. Nothing keeps the SDK quiet here:
 * the CLI must keep its notice about Node 22 to itself, as it does for an editor (cli/run.ts).
 */
export function s3rverEnv(endpoint: string): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', S3_ENDPOINT: endpoint };
}

export function testS3Client(endpoint: string, options: Omit<S3ClientOptions, 'endpoint'> = {}): S3Client {
  return createS3Client({ region: 'us-east-1', credentials: S3RVER_CREDENTIALS, maxAttempts: 2, ...options, endpoint });
}

/** Creates a bucket with a unique name, so test files sharing one s3rver never see each other's objects. */
export async function freshBucket(client: S3Client, label: string): Promise<string> {
  const name = `${label}-${randomBytes(4).toString('hex')}`.toLowerCase();
  await client.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

export async function headObject(client: S3Client, bucket: string, key: string) {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}

export async function objectText(client: S3Client, bucket: string, key: string): Promise<string> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return response.Body!.transformToString('utf8');
}

/**
 * Every object under `prefix` with the sha256 of its bytes, keyed relative to the prefix, as hashTree does for a
 * folder. Run records (`_broadsheet/runs/`) are left out: they log each run, failed ones included, and are no output.
 */
export async function hashBucket(client: S3Client, bucket: string, prefix = ''): Promise<Record<string, string>> {
  const store = new S3Store(client, bucket, prefix);
  const result: Record<string, string> = {};
  for (const object of await store.list('')) if (!object.key.startsWith(RUNS_PREFIX)) result[object.key] = createHash('sha256').update((await store.get(object.key))!).digest('hex');
  return result;
}
