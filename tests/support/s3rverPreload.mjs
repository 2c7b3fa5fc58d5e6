// Preloaded (node --import) into the s3rver process the tests start (tests/setup/s3rver.ts), before s3rver loads.
// It takes out per-request work that answers nothing: every request went through koa-logger, which formats a
// coloured line (and wraps each streamed body in a counting stream) that the silent logger then drops, and through
// the CORS and website middleware, each of which reads the bucket's configuration file from disk (none exists here),
// as the bucket check stats the bucket's folder. What each request is answered is unchanged: a bucket's
// configuration and existence are still read from the store, once, and forgotten whenever the API changes them.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const lib = dirname(require.resolve('s3rver'));

const loggerPath = join(lib, 'middleware', 'logger.js');
const logger = require(loggerPath);
require.cache[loggerPath].exports = (app, silent) => {
  const log = logger(app, silent);
  return silent ? (_ctx, next) => next() : log;
};

const FilesystemStore = require(join(lib, 'stores', 'filesystem.js'));
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
