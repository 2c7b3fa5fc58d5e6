import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ObjectTooLargeError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { getText } from '../../../lib/store/store.js';

// ReadOptions.maxBytes: an object over the cap is refused from its size, its bytes unread.

describe('S3Store.get with maxBytes (SDK mock)', () => {
  function answering(bytes: Buffer) {
    const sdk = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    // The SDK's body: read through transformToByteArray, closed unread by destroy.
    const body = { read: false, destroyed: false, transformToByteArray: async () => ((body.read = true), new Uint8Array(bytes)), destroy: () => void (body.destroyed = true) };
    mockClient(sdk).on(GetObjectCommand).resolves({ ContentLength: bytes.length, Body: body as never });
    return { store: new S3Store(sdk, 'content-bucket', 'content/'), body };
  }

  it('refuses an object whose Content-Length is over the cap, with its size, and drops its body unread', async () => {
    const { store, body } = answering(Buffer.alloc(1001, 0x61));
    const error = await store.get('entries/huge.md', { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectTooLargeError);
    expect((error as ObjectTooLargeError).size).toBe(1001);
    expect((error as Error).message).toBe('s3://content-bucket/content/entries/huge.md is 1001 bytes, over the 1000 this read takes');
    expect(body.read).toBe(false);
    expect(body.destroyed).toBe(true);
  });

  it('reads an object of exactly the cap, and any object without one', async () => {
    expect((await answering(Buffer.alloc(1000, 0x61)).store.get('entries/a.md', { maxBytes: 1000 }))?.length).toBe(1000);
    expect((await answering(Buffer.alloc(1001, 0x61)).store.get('entries/a.md'))?.length).toBe(1001);
  });
});

describe('LocalStore and MemoryStore with maxBytes', () => {
  it('refuse a file over the cap through get and getText, and read one at the cap', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-cap-'));
    await writeFile(join(root, 'big.md'), 'x'.repeat(11));
    await writeFile(join(root, 'ok.md'), 'x'.repeat(10));
    const local = new LocalStore(root);
    const memory = new MemoryStore();
    await memory.put('big.md', 'x'.repeat(11), { contentType: 'text/markdown' });
    await memory.put('ok.md', 'x'.repeat(10), { contentType: 'text/markdown' });
    for (const store of [local, memory]) {
      for (const read of [() => store.get('big.md', { maxBytes: 10 }), () => getText(store, 'big.md', undefined, { maxBytes: 10 })]) {
        const error = await read().catch((e: unknown) => e);
        expect(error, store.description).toBeInstanceOf(ObjectTooLargeError);
        expect((error as ObjectTooLargeError).size).toBe(11);
      }
      expect((await store.get('ok.md', { maxBytes: 10 }))?.length).toBe(10);
      expect(await getText(store, 'ok.md', undefined, { maxBytes: 10 })).toBe('x'.repeat(10));
      expect(await store.get('missing.md', { maxBytes: 10 })).toBeUndefined();
    }
  });
});
