import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StoreError } from '../shared/errors.js';
import { isNoAnswer, noAnswerMessage, type NoAnswerBounds } from '../shared/noAnswer.js';
import { assertSafeKey, assertWithinCap, bodyBytes, newRequestCounts, type PutBody, type PutOptions, type ReadOptions, type Store, type StoredObject } from './store.js';

/** How often putIfAbsent retries S3's 409 ConditionalRequestConflict (a racing conditional write). */
const CONFLICT_RETRIES = 3;
/** How often get asks for an object whose body broke off midway. */
const BODY_ATTEMPTS = 3;

export interface S3StoreOptions {
  /** Keys per LIST page. Default 1000, S3's maximum. */
  pageSize?: number;
  /** Where the client sends its requests and how it bounds them, for the message of a request that got no answer. */
  network?: S3Network;
  /**
   * The slowest upload a PUT is given time for, in bytes a second: its request timeout grows by the body's size at
   * this rate beyond the client's own, so that a large object on a slow link is not cut off while it is still going
   * out (the socket's idle limit still ends one that stalls). Default: none, the client's timeout alone.
   */
  slowestUploadBytesPerSecond?: number;
  /**
   * The signal each request is sent with, asked for as it starts: once it aborts, a request under way ends at once,
   * however slowly its answer or its upload trickles, and fails with the signal's reason (an Error); one started after
   * fails so at once. Default: none, the client's bounds alone.
   */
  abortSignal?: () => AbortSignal | undefined;
}

/** The endpoint and bounds an S3Store's client was built with, as an error names them. */
export type S3Network = NoAnswerBounds;

/**
 * The Store port on S3 (or an S3-compatible server). Keys are relative to `prefix`; the `version` of a
 * listed object is its ETag, which changes whenever its bytes do. The client comes from outside
 * (lib/store/s3Client.ts builds it), with the SDK's standard retries; each call here counts as one request
 * of its type, however many attempts the SDK made.
 */
export class S3Store implements Store {
  readonly requests = newRequestCounts();
  readonly description: string;
  readonly prefix: string;

  private readonly pageSize: number;
  private readonly network: S3Network | undefined;
  private readonly uploadRate: number | undefined;
  private readonly abortSignal: (() => AbortSignal | undefined) | undefined;
  /** The folder placeholders holding bytes that each listed prefix held (only prefixes with some are kept). */
  private readonly placeholders = new Map<string, string[]>();

  /** `prefix` is '' (the bucket's root) or a folder; a missing trailing `/` is added. */
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    prefix = '',
    options: S3StoreOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.network = options.network;
    this.uploadRate = options.slowestUploadBytesPerSecond;
    this.abortSignal = options.abortSignal;
    if (!bucket) throw new StoreError('S3Store needs a bucket name');
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    if (this.prefix) assertSafeKey(this.prefix.slice(0, -1));
    this.description = `s3://${bucket}/${this.prefix}`;
  }

  private objectKey(key: string): string {
    assertSafeKey(key);
    return this.prefix + key;
  }

  private where(key: string): string {
    return `s3://${this.bucket}/${this.prefix}${key}`;
  }

  async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    const Key = this.objectKey(key);
    this.requests.get++;
    for (let attempt = 1; ; attempt++) {
      let response;
      const sent = this.sendOptions();
      try {
        response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }), sent);
      } catch (error) {
        // NoSuchKey needs s3:ListBucket on the bucket; without it S3 answers 403 for a missing key.
        if (isMissingKey(error)) return undefined;
        throw this.failure('read', key, error, sent.abortSignal);
      }
      if (!response.Body) return Buffer.alloc(0);
      try {
        // The headers come before the body: an object over the cap is refused with its body unread, so one huge
        // upload cannot take more memory (or time) than the run has.
        assertWithinCap(this.where(key), response.ContentLength ?? 0, options);
      } catch (error) {
        (response.Body as { destroy?: () => void }).destroy?.();
        throw error;
      }
      try {
        return Buffer.from(await response.Body.transformToByteArray());
      } catch (error) {
        // The SDK retries a request until its headers are in, never the body after them: a body broken off (reset,
        // or stalled past the client's timeout) is asked for again here.
        if (attempt < BODY_ATTEMPTS && !sent.abortSignal?.aborted) continue;
        throw this.failure('read', key, error, sent.abortSignal);
      }
    }
  }

  async put(key: string, body: PutBody, options: PutOptions): Promise<string | undefined> {
    const Key = this.objectKey(key);
    this.requests.put++;
    const input = this.putInput(Key, body, options);
    const sent = this.sendOptions(input.Body.length);
    try {
      const { ETag } = await this.client.send(new PutObjectCommand(input), sent);
      // The ETag a listing gives the object from now on (whatever the encryption); a server that sends none leaves it to a listing.
      return ETag ? etagVersion(ETag) : undefined;
    } catch (error) {
      throw this.failure('write', key, error, sent.abortSignal);
    }
  }

  /**
   * PutObject with `If-None-Match: *`: S3 creates the object only if the key is free, and answers
   * 412 PreconditionFailed otherwise (S3 honours this since August 2024). Beware: s3rver ignores the
   * header and always writes, so this is only create-only on a server that honours it.
   */
  async putIfAbsent(key: string, body: Buffer | string, options: PutOptions): Promise<boolean> {
    const Key = this.objectKey(key);
    for (let attempt = 0; ; attempt++) {
      this.requests.put++;
      const input = this.putInput(Key, body, options);
      const sent = this.sendOptions(input.Body.length);
      try {
        await this.client.send(new PutObjectCommand({ ...input, IfNoneMatch: '*' }), sent);
        return true;
      } catch (error) {
        if (errorName(error) === 'PreconditionFailed' || httpStatus(error) === 412) return false;
        // 409: another conditional write to the key was in flight; S3 asks the client to retry.
        if ((errorName(error) === 'ConditionalRequestConflict' || httpStatus(error) === 409) && attempt < CONFLICT_RETRIES) continue;
        throw this.failure('create', key, error, sent.abortSignal);
      }
    }
  }

  /** Every object under `prefix`, reading all pages; each page counts as one LIST. */
  async list(prefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    const placeholders: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.page(prefix, ContinuationToken);
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        // Folder placeholders made by consoles are empty; one with bytes is someone's upload, kept to be reported.
        if (object.Key.endsWith('/')) {
          if ((object.Size ?? 0) > 0 && object.Key.length > this.prefix.length + prefix.length) placeholders.push(object.Key.slice(this.prefix.length));
          continue;
        }
        objects.push({ key: object.Key.slice(this.prefix.length), version: etagVersion(object.ETag ?? ''), size: object.Size ?? 0 });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    if (placeholders.length > 0) this.placeholders.set(prefix, placeholders.sort());
    else this.placeholders.delete(prefix);
    // S3 lists in UTF-8 byte order; sort as the other stores do (UTF-16 code units) so callers see one order.
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The objects under `prefix` one LIST at a time, in S3's order; folder placeholders are left out, as `list` does. */
  async *listPages(prefix: string): AsyncGenerator<StoredObject[]> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.page(prefix, ContinuationToken);
      const objects: StoredObject[] = [];
      for (const object of page.Contents ?? []) {
        if (object.Key && !object.Key.endsWith('/')) objects.push({ key: object.Key.slice(this.prefix.length), version: etagVersion(object.ETag ?? ''), size: object.Size ?? 0 });
      }
      yield objects;
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  /** The folders right under `prefix`: the common prefixes of a LIST with Delimiter `/`, each page one LIST. */
  async listFolders(prefix: string): Promise<string[]> {
    const folders: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.page(prefix, ContinuationToken, '/');
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(common.Prefix.slice(this.prefix.length));
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return folders.sort();
  }

  /** One page of the listing of `prefix` (one LIST), after `ContinuationToken`; with `Delimiter`, its common prefixes too. */
  private async page(prefix: string, ContinuationToken: string | undefined, Delimiter?: string): Promise<ListObjectsV2CommandOutput> {
    this.requests.list++;
    const sent = this.sendOptions();
    try {
      return await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          MaxKeys: this.pageSize,
          ...(ContinuationToken ? { ContinuationToken } : {}),
          ...(Delimiter ? { Delimiter } : {}),
        }),
        sent,
      );
    } catch (error) {
      throw this.failure('list', prefix, error, sent.abortSignal);
    }
  }

  async listPlaceholders(prefix: string): Promise<string[]> {
    return this.placeholders.get(prefix) ?? [];
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    this.requests.delete++;
    const sent = this.sendOptions();
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }), sent);
    } catch (error) {
      if (isMissingKey(error)) return;
      throw this.failure('delete', key, error, sent.abortSignal);
    }
  }

  private putInput(Key: string, body: PutBody, options: PutOptions) {
    return {
      Bucket: this.bucket,
      Key,
      // Whole, so that a retried attempt sends it again.
      Body: bodyBytes(body),
      ContentType: options.contentType,
      ...(options.cacheControl !== undefined ? { CacheControl: options.cacheControl } : {}),
      // x-amz-tagging, URL-encoded as a query string; S3 asks s3:PutObjectTagging of the caller too.
      ...(options.tags !== undefined ? { Tagging: new URLSearchParams(options.tags).toString() } : {}),
    };
  }

  /** A request's abort signal, and for a PUT of `uploadBytes` its request timeout, where the store gives uploads time of their own. */
  private sendOptions(uploadBytes?: number): { abortSignal?: AbortSignal; requestTimeout?: number } {
    const abortSignal = this.abortSignal?.();
    const upload = uploadBytes !== undefined && this.uploadRate !== undefined && this.network !== undefined ? { requestTimeout: this.network.requestTimeoutMs + Math.ceil((uploadBytes * 1000) / this.uploadRate) } : {};
    return { ...(abortSignal ? { abortSignal } : {}), ...upload };
  }

  /** `signal`: the request's; aborted, its reason says why the request failed (the SDK's error then being only `aborted`). */
  private failure(action: string, key: string, error: unknown, signal?: AbortSignal): StoreError {
    const status = httpStatus(error);
    const reason = signal?.aborted && signal.reason instanceof Error ? (signal.reason as Error) : undefined;
    let detail = reason ? `${reason.name}: ${reason.message}` : `${errorName(error) ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${(error as Error)?.message ?? String(error)}`;
    if (!reason && this.network && status === undefined && isNoAnswer(error)) detail = noAnswerMessage(this.network, detail, error);
    // Without s3:ListBucket on the bucket, S3 reports a missing key as 403, not 404.
    const hint = action === 'read' && status === 403 ? ' (if the key may not exist: S3 answers 403 for a missing key to a caller without s3:ListBucket)' : '';
    return new StoreError(`cannot ${action} ${this.where(key)}: ${detail}${hint}`, { cause: reason ?? error });
  }
}

/** An ETag as a version: without the quotes S3 puts around it. */
function etagVersion(etag: string): string {
  return etag.replaceAll('"', '');
}

/** A missing key, not a missing bucket (both are 404s). */
function isMissingKey(error: unknown): boolean {
  const name = errorName(error);
  return name === 'NoSuchKey' || (httpStatus(error) === 404 && name !== 'NoSuchBucket');
}

function errorName(error: unknown): string | undefined {
  if (error instanceof S3ServiceException) return error.name;
  return (error as { name?: string } | undefined)?.name;
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}
