import { resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { UsageError } from '../lib/errors.js';
import { LocalStore } from '../lib/localStore.js';
import { createS3Client } from '../lib/s3Client.js';
import { S3Store } from '../lib/s3Store.js';
import type { Store } from '../lib/store.js';
import type { CliIo } from './io.js';

/** `--bucket`, `--prefix` and `--endpoint`: where on S3 a command writes. */
export interface S3Flags {
  bucket?: string | undefined;
  prefix?: string | undefined;
  /** An S3-compatible endpoint (s3rver, MinIO); also applies to `--content s3://...`. */
  endpoint?: string | undefined;
}

/** The flags, for a command's parseFlags options. */
export const S3_FLAG_OPTIONS = {
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

export const S3_FLAG_HELP = `  --bucket NAME     write to this S3 bucket instead of a folder (credentials and region from the
                    usual AWS environment: AWS_PROFILE, AWS_REGION, ...)
  --prefix P        the folder in the bucket (default: the bucket's root)
  --endpoint URL    an S3-compatible endpoint, e.g. http://127.0.0.1:4569 (default: AWS)`;

const clients = new Map<string, S3Client>();

/** One S3Client per endpoint per process, with the standard retry mode. */
function s3Client(io: CliIo, endpoint: string | undefined): S3Client {
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new UsageError(`--endpoint: ${JSON.stringify(endpoint)} is not an http(s) URL (write e.g. http://127.0.0.1:4569)`);
  }
  const key = endpoint ?? '';
  let client = clients.get(key);
  if (!client) {
    const region = io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    client = createS3Client({ region, ...(endpoint ? { endpoint } : {}) });
    clients.set(key, client);
  }
  return client;
}

/** `s3://bucket/prefix` → an S3Store; a malformed one is a UsageError naming `flag`. */
function s3Url(url: string, flag: string, io: CliIo, endpoint: string | undefined): Store {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) throw new UsageError(`${flag}: ${JSON.stringify(url)} is not an s3:// URL (write s3://BUCKET/PREFIX)`);
  return s3Store(io, match[1]!, match[2] ?? '', endpoint, flag);
}

function s3Store(io: CliIo, bucket: string, prefix: string, endpoint: string | undefined, flag: string): Store {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(`${flag}: ${JSON.stringify(bucket)} is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)`);
  }
  try {
    return new S3Store(s3Client(io, endpoint), bucket, prefix.replace(/^\/+/, ''));
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`, { cause: error });
  }
}

/** The content folder (`--content`, default `content`), or `s3://bucket/prefix` (with `--endpoint` if given). */
export function contentStore(content: string | undefined, io: CliIo, s3: Pick<S3Flags, 'endpoint'> = {}): Store {
  if (content?.startsWith('s3://')) return s3Url(content, '--content', io, s3.endpoint);
  return new LocalStore(resolve(io.cwd, content ?? 'content'));
}

/** The output folder (`--out`, default `public`), or the S3 bucket of `--bucket` (and `--prefix`). */
export function outputStore(out: string | undefined, io: CliIo, s3: S3Flags = {}): Store {
  if (s3.bucket !== undefined) {
    if (out !== undefined) throw new UsageError('--out and --bucket both name the output; give one of them');
    return s3Store(io, s3.bucket, s3.prefix ?? '', s3.endpoint, '--bucket');
  }
  if (s3.prefix !== undefined) throw new UsageError('--prefix needs --bucket');
  return new LocalStore(resolve(io.cwd, out ?? 'public'));
}
