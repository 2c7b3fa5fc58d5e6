import { createHash } from 'node:crypto';
import { assertSafeKey, assertWithinCap, bodyBytes, foldersIn, newRequestCounts, type PutBody, type PutOptions, type ReadOptions, type Store, type StoredObject } from './store.js';

export interface MemoryObject {
  body: Buffer;
  contentType: string;
  cacheControl?: string;
}

/** A store in memory, for tests of the logic and for dry runs. */
export class MemoryStore implements Store {
  readonly description = 'memory:';
  readonly requests = newRequestCounts();
  readonly objects = new Map<string, MemoryObject>();

  /** `pageSize`: the most keys (or folders) a list request answers, as S3's MaxKeys, for tests that count requests. */
  constructor(private readonly pageSize = Infinity) {}

  async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    this.requests.get++;
    const body = this.objects.get(key)?.body;
    if (body) assertWithinCap(`memory:${key}`, body.length, options);
    return body;
  }

  async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
    assertSafeKey(key);
    this.requests.put++;
    const object: MemoryObject = { body: Buffer.from(bodyBytes(body)), contentType: options.contentType };
    if (options.cacheControl !== undefined) object.cacheControl = options.cacheControl;
    this.objects.set(key, object);
    return versionOf(object.body);
  }

  async putIfAbsent(key: string, body: Buffer | string, options: PutOptions): Promise<boolean> {
    if (this.objects.has(key)) {
      this.requests.put++;
      return false;
    }
    await this.put(key, body, options);
    return true;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const objects = this.listed(prefix);
    this.requests.list += this.pages(objects.length);
    return objects;
  }

  async *listPages(prefix: string): AsyncGenerator<StoredObject[]> {
    const objects = this.listed(prefix);
    for (let start = 0; start === 0 || start < objects.length; start += this.pageSize) {
      this.requests.list++;
      yield objects.slice(start, start + this.pageSize);
    }
  }

  async listFolders(prefix: string): Promise<string[]> {
    const folders = foldersIn(this.listed(prefix), prefix);
    this.requests.list += this.pages(folders.length);
    return folders;
  }

  /** The list requests a listing of `count` keys takes: one a page, and one for none. */
  private pages(count: number): number {
    return Math.max(1, Math.ceil(count / this.pageSize));
  }

  private listed(prefix: string): StoredObject[] {
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, object]) => ({
        key,
        size: object.body.length,
        version: versionOf(object.body),
      }));
  }

  async delete(key: string): Promise<void> {
    this.requests.delete++;
    this.objects.delete(key);
  }

  /** Test helper: the object's text. */
  text(key: string): string | undefined {
    return this.objects.get(key)?.body.toString('utf8');
  }
}

/** An object's version: the MD5 of its bytes, as S3 gives a single-part upload's ETag. */
function versionOf(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}
