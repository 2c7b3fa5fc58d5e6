import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { S3Store } from '../../../lib/store/s3Store.js';

// S3Store against a real S3 server (s3rver): tests/e2e/s3/s3Store.test.ts.

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });
}

// S3 answers 412 and 409 to conditional writes; no server here does, so the SDK is mocked for these faults.
describe('S3Store.putIfAbsent with S3 conditional-write answers (SDK mock)', () => {
  const mocked = () => {
    const sdk = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    return { sdk, mock: mockClient(sdk), store: new S3Store(sdk, 'ledger-bucket', 'digests/') };
  };

  it('sends If-None-Match: * and returns true when S3 creates the object', async () => {
    const { mock, store } = mocked();
    mock.on(PutObjectCommand).resolves({});
    expect(await store.putIfAbsent('sent/2014-W20', 'x', { contentType: 'application/json' })).toBe(true);
    const input = mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Bucket: 'ledger-bucket', Key: 'digests/sent/2014-W20', IfNoneMatch: '*', ContentType: 'application/json' });
  });

  it('returns false on 412 PreconditionFailed: the key already exists', async () => {
    const { mock, store } = mocked();
    mock.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    expect(await store.putIfAbsent('sent/2014-W20', 'x', { contentType: 'application/json' })).toBe(false);
    expect(store.requests.put).toBe(1);
  });

  it('retries a 409 ConditionalRequestConflict, then reports the outcome of the retry', async () => {
    const { mock, store } = mocked();
    mock.on(PutObjectCommand).rejectsOnce(s3Error('ConditionalRequestConflict', 409)).rejectsOnce(s3Error('PreconditionFailed', 412));
    expect(await store.putIfAbsent('sent/2014-W20', 'x', { contentType: 'application/json' })).toBe(false);
    expect(mock.commandCalls(PutObjectCommand)).toHaveLength(2);
  });

  it('explains that a 403 on a read can be a missing key without s3:ListBucket', async () => {
    const sdk = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    mockClient(sdk).on(GetObjectCommand).rejects(s3Error('AccessDenied', 403));
    const error = await new S3Store(sdk, 'content-bucket', 'content/').get('site.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      'cannot read s3://content-bucket/content/site.yml: AccessDenied (HTTP 403): AccessDenied (if the key may not exist: S3 answers 403 for a missing key to a caller without s3:ListBucket)',
    );
  });

  it('throws a StoreError with the cause on any other failure', async () => {
    const { mock, store } = mocked();
    mock.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    const error = await store.putIfAbsent('sent/2014-W20', 'x', { contentType: 'application/json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('s3://ledger-bucket/digests/sent/2014-W20');
    expect((error as Error).message).toContain('AccessDenied (HTTP 403)');
  });
});
