import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import '../../support/s3rverPreload.mjs';

// The test s3rver's store (tests/support/s3rverPreload.mjs patches it), in process: no server is needed to see
// when a PUT's answer comes, since s3rver answers as soon as the store's putObject resolves.
const require = createRequire(import.meta.url);
const lib = dirname(require.resolve('s3rver'));
interface StoredObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: Record<string, string>;
}
const FilesystemStore = require(join(lib, 'stores', 'filesystem.js')) as new (root: string) => {
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
  getResourcePath(bucket: string, key: string, resource: string): string;
};
const fse = require(require.resolve('fs-extra', { paths: [lib] })) as { createWriteStream: (path: string) => Writable };
const createWriteStream = fse.createWriteStream;

let root = '';
afterEach(async () => {
  fse.createWriteStream = createWriteStream;
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the test s3rver', () => {
  it('answers a PUT only once the whole object is on disk, even when the file write lags behind the body', async () => {
    root = await mkdtemp(join(tmpdir(), 's3rver-preload-'));
    const store = new FilesystemStore(root);
    const body = Buffer.from(JSON.stringify({ objects: { 'digests/2014-W24.html': { size: 1 } } }));
    // The object's file is opened (emptied) at once, as s3rver's is; its bytes are written only once the PUT has
    // been answered (the file-system threads busy with other requests), or after 500 ms, so that a store that waits
    // for them goes on.
    let answered = (): void => undefined;
    const answer = new Promise<void>((resolve) => (answered = resolve));
    const lag = Promise.race([answer, new Promise<void>((resolve) => setTimeout(resolve, 500))]);
    fse.createWriteStream = (path: string) => {
      const file = createWriteStream(path);
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          void lag.then(() => file.write(chunk, callback));
        },
        final(callback) {
          void lag.then(() => file.end(callback));
        },
      });
    };

    const put = store.putObject({ bucket: 'site', key: 'state/manifest.json', content: Readable.from([body.subarray(0, 10), body.subarray(10)]), metadata: { 'content-type': 'application/json' } });
    const result = await put;
    // What a GET sent on the answer reads: the file as it is when the answer comes.
    const onDisk = await readFile(store.getResourcePath('site', 'state/manifest.json', 'object'));
    answered();
    expect(onDisk.toString('utf8')).toBe(body.toString('utf8'));
    expect(result.size).toBe(body.length);
    // The ETag is the MD5 of the bytes, as S3's is for a single-part upload.
    expect(result.md5).toBe(createHash('md5').update(body).digest('hex'));
  });
});
