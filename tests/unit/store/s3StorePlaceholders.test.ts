import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3Store } from '../../../lib/store/s3Store.js';

// Keys ending in `/` are folder placeholders, which list leaves out; one holding bytes is someone's upload, which
// listPlaceholders names so that a load can say it is not published.
describe('S3Store.listPlaceholders (SDK mock)', () => {
  const sdk = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const mock = mockClient(sdk);
  const store = new S3Store(sdk, 'content-bucket', 'content/');
  const object = (Key: string, Size: number) => ({ Key, Size, ETag: '"0123456789abcdef0123456789abcdef"' });

  it('names the placeholders holding bytes that the last list of the prefix left out, and no empty one', async () => {
    mock.on(ListObjectsV2Command).resolves({
      Contents: [object('content/entries/', 0), object('content/entries/2014/', 0), object('content/entries/a.md/', 120), object('content/entries/b/c.md/', 7), object('content/entries/good.md', 120)],
      IsTruncated: false,
    });
    expect((await store.list('entries/')).map((o) => o.key)).toEqual(['entries/good.md']);
    expect(await store.listPlaceholders('entries/')).toEqual(['entries/a.md/', 'entries/b/c.md/']);
    expect(await store.listPlaceholders('other/')).toEqual([]);

    mock.on(ListObjectsV2Command).resolves({ Contents: [object('content/entries/good.md', 120)], IsTruncated: false });
    await store.list('entries/');
    expect(await store.listPlaceholders('entries/')).toEqual([]);
  });
});
