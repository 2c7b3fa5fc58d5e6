// Runs s3rver in its own process (for tests/setup/s3rver.ts and the bench) so that the patch below stays out of
// the test runner. s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 has moved to
// its legacy provider: without DES every paginated LIST fails with a 500. The tokens are opaque to
// clients, so where DES is missing they are made with AES-128-CBC instead (key and IV doubled to 16 bytes).
// Usage: node scripts/s3rver.mjs DIRECTORY  → prints {"port": N} once listening on 127.0.0.1.
import crypto from 'node:crypto';
import S3rver from 's3rver';

function desAvailable() {
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

if (!desAvailable()) {
  const widen = (algorithm, key, iv) =>
    algorithm === 'des' ? ['aes-128-cbc', Buffer.concat([key, key]), Buffer.concat([iv, iv])] : [algorithm, key, iv];
  const { createCipheriv, createDecipheriv } = crypto;
  crypto.createCipheriv = (algorithm, key, iv, options) => createCipheriv(...widen(algorithm, key, iv), options);
  crypto.createDecipheriv = (algorithm, key, iv, options) => createDecipheriv(...widen(algorithm, key, iv), options);
}

const directory = process.argv[2];
if (!directory) throw new Error('usage: s3rver.mjs DIRECTORY');
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
const address = await server.run();
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Exit with the parent (vitest or the bench), even if it dies without a teardown.
process.stdin.on('end', stop);
process.stdin.resume();
