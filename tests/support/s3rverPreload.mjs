// Preloaded (node --import) into the s3rver process the tests start (tests/setup/s3rver.ts), before s3rver loads.
// It takes out per-request work that answers nothing: every request went through koa-logger, which formats a
// coloured line (and wraps each streamed body in a counting stream) that the silent logger then drops, and through
// the CORS and website middleware, each of which reads the bucket's configuration file from disk (none exists here),
// as the bucket check stats the bucket's folder. What each request is answered is unchanged: a bucket's
// configuration and existence are still read from the store, once, and forgotten whenever the API changes them.
// One fix of what a request is answered: a PUT is answered only once its object is on disk (putObject below).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const require = createRequire(import.meta.url);
const lib = dirname(require.resolve('s3rver'));

const loggerPath = join(lib, 'middleware', 'logger.js');
const logger = require(loggerPath);
require.cache[loggerPath].exports = (app, silent) => {
  const log = logger(app, silent);
  return silent ? (_ctx, next) => next() : log;
};

const FilesystemStore = require(join(lib, 'stores', 'filesystem.js'));
/** The fs-extra s3rver's store writes through (its createWriteStream looked up at each write, as s3rver's own is). */
const fse = require(require.resolve('fs-extra', { paths: [lib] }));
const { getBucket, putBucket, deleteBucket, getSubresource, putSubresource, deleteSubresource } = FilesystemStore.prototype;
/** Per store: bucket name -> its S3Bucket (a promise of it, or of null), and bucket + type -> its configuration. */
const buckets = new WeakMap();
const configs = new WeakMap();
const cacheOf = (map, store) => map.get(store) ?? map.set(store, new Map()).get(store);
const forgetBucket = (store, bucket) => {
  cacheOf(buckets, store).delete(bucket);
  for (const name of cacheOf(configs, store).keys()) if (name.startsWith(`${bucket}/`)) cacheOf(configs, store).delete(name);
};

Object.assign(FilesystemStore.prototype, {
  getBucket(bucket) {
    const cache = cacheOf(buckets, this);
    if (!cache.has(bucket)) {
      const read = getBucket.call(this, bucket);
      cache.set(bucket, read);
      // A bucket not found, or a failed read, is looked for again next time.
      read.then((found) => found || cache.get(bucket) !== read || cache.delete(bucket), () => cache.get(bucket) === read && cache.delete(bucket));
    }
    return cache.get(bucket);
  },
  async putBucket(bucket) {
    forgetBucket(this, bucket);
    return putBucket.call(this, bucket);
  },
  async deleteBucket(bucket) {
    try {
      return await deleteBucket.call(this, bucket);
    } finally {
      forgetBucket(this, bucket);
    }
  },
  getSubresource(bucket, key, resourceType) {
    if (key !== undefined) return getSubresource.call(this, bucket, key, resourceType);
    const cache = cacheOf(configs, this);
    const name = `${bucket}/${resourceType}`;
    if (!cache.has(name)) {
      const read = getSubresource.call(this, bucket, key, resourceType);
      cache.set(name, read);
      read.catch(() => cache.get(name) === read && cache.delete(name));
    }
    return cache.get(name);
  },
  async putSubresource(bucket, key, resource) {
    try {
      return await putSubresource.call(this, bucket, key, resource);
    } finally {
      if (key === undefined) cacheOf(configs, this).delete(`${bucket}/${resource.type}`);
    }
  },
  async deleteSubresource(bucket, key, resourceType) {
    try {
      return await deleteSubresource.call(this, bucket, key, resourceType);
    } finally {
      if (key === undefined) cacheOf(configs, this).delete(`${bucket}/${resourceType}`);
    }
  },
});

// s3rver's putObject resolves when the request body has gone through its hashing stream, not when the file stream
// has written it: with the server's file-system threads busy, a PUT is answered with none of the object on disk,
// and a GET sent after the answer reads the file as it then is (the old object, or the new one empty or cut short),
// where S3 serves the new object whole to any GET after its PUT answered (read-after-write consistency). Here the
// answer waits for the file stream's finish, then the metadata, as before.
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  await fse.mkdirp(dirname(objectPath));
  const md5 = createHash('md5');
  let size = 0;
  const hashed = async function* (chunks) {
    for await (const chunk of chunks) {
      md5.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  };
  await pipeline(Buffer.isBuffer(object.content) ? [object.content] : object.content, hashed, fse.createWriteStream(objectPath));
  const digest = md5.digest('hex');
  await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};
