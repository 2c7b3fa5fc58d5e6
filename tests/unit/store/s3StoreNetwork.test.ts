import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3Store } from '../../../lib/store/s3Store.js';

// What S3Store asks of the SDK for an upload (the answer of a slow link is what no loopback server here can time).
describe('S3Store with the network it is given', () => {
  const network = { endpoint: 'http://127.0.0.1:9', attempts: 3, requestTimeoutMs: 10_000 };
  const mocked = (options: ConstructorParameters<typeof S3Store>[3]) => {
    const sdk = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const mock = mockClient(sdk);
    mock.on(PutObjectCommand).resolves({ ETag: '"e"' });
    return { mock, store: new S3Store(sdk, 'site-bucket', '', options) };
  };

  it('gives a PUT its request timeout and the time its body takes at the slowest upload rate allowed', async () => {
    const { mock, store } = mocked({ network, slowestUploadBytesPerSecond: 1_000 });
    await store.put('a.json', Buffer.alloc(2_500), { contentType: 'application/json' });
    await store.putIfAbsent('b.json', Buffer.alloc(500), { contentType: 'application/json' });
    expect(mock.commandCalls(PutObjectCommand).map((call) => (call.args as unknown[])[1])).toEqual([{ requestTimeout: 12_500 }, { requestTimeout: 10_500 }]);
  });

  it('leaves a PUT to the client\'s own timeout without an upload rate', async () => {
    const { mock, store } = mocked({ network });
    await store.put('a.json', Buffer.alloc(2_500), { contentType: 'application/json' });
    expect((mock.commandCalls(PutObjectCommand)[0]!.args as unknown[])[1]).toEqual({});
  });
});
