// The bench's own S3 server on loopback (s3rver), in a child process. It needs --openssl-legacy-provider:
// s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in the legacy provider.
// Usage: node --openssl-legacy-provider bench/s3rver.mjs DIRECTORY  → prints {"port": N} once listening.
import S3rver from 's3rver';

const directory = process.argv[2];
if (!directory) throw new Error('usage: s3rver.mjs DIRECTORY');
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
const address = await server.run();
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Exit with the bench, even if it dies without stopping this server.
process.stdin.on('end', stop);
process.stdin.resume();
