import { constants } from 'node:buffer';
import { ObjectTooLargeError, StoreError } from '../shared/errors.js';

/** A key a local folder holds that is not a regular file, a folder or a link. */
export interface SpecialFile {
  key: string;
  kind: 'named pipe' | 'socket' | 'device';
}

/**
 * Something at a path that keeps a write from happening, in a store whose keys are paths (a local folder): a file, link
 * or special file at a name the writes need as a folder, or a folder at the name of a file they write.
 */
export interface PathBlocker {
  /** Its key: the folder's without the trailing `/`. */
  key: string;
  /** What is there. A link to a folder is a folder; a link at a file's name is replaced, never in the way. */
  is: 'file' | 'folder' | 'link to a file' | 'link to nothing' | SpecialFile['kind'];
  /** What the writes need there. */
  needs: 'folder' | 'file';
  /** A link's target, as written in the link. */
  target?: string;
  /** The first key asked about that it blocks, and how many it blocks. */
  first: string;
  count: number;
}

/** An object as a listing reports it: `version` changes whenever the bytes do (S3 ETag, or mtime+size locally). */
export interface StoredObject {
  key: string;
  version: string;
  size: number;
  /**
   * A local file's mtime (ms): its version is made of it, so a save within one timestamp tick can keep the version
   * (lib/store/isRacy.ts). Absent where the version follows the bytes (S3's ETag).
   */
  readonly modifiedMs?: number | undefined;
}

/** An object's bytes: a buffer, text (written as UTF-8), or buffers written one after another (a document too large to join). */
export type PutBody = Buffer | string | readonly Buffer[];

/** The body's pieces in order: one for a buffer or a text, each chunk of a chunked body. */
export function bodyParts(body: PutBody): readonly (Buffer | string)[] {
  return typeof body === 'string' || Buffer.isBuffer(body) ? [body] : body;
}

/** The body as one buffer, for a store that sends or keeps it whole. */
export function bodyBytes(body: PutBody): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.concat(body as readonly Buffer[]);
}

export interface PutOptions {
  contentType: string;
  /** Sent as the Cache-Control header where the store serves HTTP; ignored locally. */
  cacheControl?: string;
  /** The object's tags where the store keeps them (S3, which a lifecycle rule can act on by tag); ignored locally. */
  tags?: Readonly<Record<string, string>>;
}

/** How much of an object a reader will take. */
export interface ReadOptions {
  /**
   * The most bytes the reader can use: a larger object is not read whole (an S3 GET stops at its Content-Length
   * header), and the read throws ObjectTooLargeError with its size. A listing's size may be out of date by the
   * time of the read; the object's own size is not. Default: no cap.
   */
  maxBytes?: number;
}

/** Requests made so far, by type, so a publish can report what it cost. */
export interface RequestCounts {
  list: number;
  get: number;
  put: number;
  delete: number;
}

/** The storage port: a flat key space with `/`-separated keys, as in S3. */
export interface Store {
  /** Where this store points, for messages: `public/` or `s3://bucket/prefix/`. */
  readonly description: string;
  readonly requests: RequestCounts;
  /** The object's bytes, or `undefined` when there is no such key. */
  get(key: string, options?: ReadOptions): Promise<Buffer | undefined>;
  /**
   * Optional: the object as UTF-8 text, for adapters that read text faster than bytes (a local file is one
   * system call, with no Buffer to collect). Counts as a GET. Callers fall back to `get`; see {@link getText}.
   * `listed`: the object a listing gave for `key`, when the caller will want its version: an adapter that learns
   * the version in the read may record it there (a local file: from the descriptor it is read through).
   */
  getText?(key: string, listed?: StoredObject, options?: ReadOptions): Promise<string | undefined>;
  /**
   * Keys under `prefix` that `list` leaves out because they are symbolic links (a local folder; object stores have
   * none), so a load can say it did not publish them.
   */
  listLinks?(prefix: string): Promise<string[]>;
  /**
   * Keys under `prefix` that `list` leaves out because they are neither files, folders nor links: named pipes,
   * sockets, devices (a local folder; object stores have none), with what each is, so a load can say it did not
   * publish them. Reading one could wait for ever (a pipe with no writer).
   */
  listSpecialFiles?(prefix: string): Promise<SpecialFile[]>;
  /**
   * Keys under `prefix` that `list` leaves out because they end in `/` (folder placeholders, which consoles make
   * empty) though they hold bytes, as the last list of `prefix` found them (S3; a folder has none), so a load can
   * say it did not publish them.
   */
  listPlaceholders?(prefix: string): Promise<string[]>;
  /**
   * Writes the object whole. Resolves to the version a listing now gives it (S3: the ETag the PUT answered; a local
   * file: its size, mtime and inode), so a writer learns the versions it made without listing the store again;
   * undefined where the store cannot tell.
   */
  put(key: string, body: PutBody, options: PutOptions): Promise<string | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /**
   * Optional: the objects under `prefix` a page at a time, in the order the store lists them (S3: UTF-8 byte order,
   * one LIST a page), so a reader that finds what it looks for early stops listing. See {@link listPages}.
   */
  listPages?(prefix: string): AsyncIterable<StoredObject[]>;
  /**
   * Optional: the folders right under the folder `prefix` (ending in `/`), each as a prefix ending in `/`, sorted,
   * without listing what they hold (S3: the CommonPrefixes of a LIST with Delimiter `/`). See {@link listFolders}.
   */
  listFolders?(prefix: string): Promise<string[]>;
  /**
   * Optional, where keys are paths (a local folder; S3 holds `tags` and `tags/x` side by side): what is in the way of
   * writing `keys` (a key ending in `/` is a folder that must be one), found without writing anything, in the order
   * met. A file this store lists is a file in folders that are there: a caller leaves the keys listed out.
   */
  pathBlockers?(keys: readonly string[]): Promise<PathBlocker[]>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Writes only if the key does not exist yet, atomically: true if this call created it, false if it existed.
   * The building block of the digest's send ledger (exactly once). S3: PutObject with If-None-Match: *.
   */
  putIfAbsent(key: string, body: Buffer | string, options: PutOptions): Promise<boolean>;
  /**
   * Optional: removes what writes killed midway left behind (a local store's temporary files; S3 leaves none).
   * Only for a writer that holds the store's publish lock: another writer's temporary files are in use.
   */
  removeLeftovers?(): Promise<void>;
}

/** An object as UTF-8 text, through the store's own `getText` where it has one. */
export function getText(store: Store, key: string, listed?: StoredObject, options?: ReadOptions): Promise<string | undefined> {
  // Not async: the store's own promise is returned as it is, one promise fewer per entry read.
  if (store.getText) return store.getText(key, listed, options);
  return store.get(key, options).then((bytes) => bytes?.toString('utf8'));
}

/** The objects under `prefix` a page at a time, through the store's own `listPages`; else its whole listing as one page. */
export function listPages(store: Store, prefix: string): AsyncIterable<StoredObject[]> {
  if (store.listPages) return store.listPages(prefix);
  return (async function* () {
    yield await store.list(prefix);
  })();
}

/** The folders right under the folder `prefix`, through the store's own `listFolders`; else from its whole listing. */
export async function listFolders(store: Store, prefix: string): Promise<string[]> {
  if (store.listFolders) return store.listFolders(prefix);
  return foldersIn(await store.list(prefix), prefix);
}

/** The folders right under the folder `prefix` that hold some of the `objects` listed under it, sorted. */
export function foldersIn(objects: readonly StoredObject[], prefix: string): string[] {
  const folders = new Set<string>();
  for (const { key } of objects) {
    const slash = key.indexOf('/', prefix.length);
    if (slash >= 0) folders.add(key.slice(0, slash + 1));
  }
  return [...folders].sort();
}

/** Node's longest string (about 512 MiB): the most bytes of a text worth reading, since a longer one cannot be parsed. */
export const MAX_TEXT_BYTES = constants.MAX_STRING_LENGTH;

/** An object's bytes; its size when it is over `maxBytes` (left unread); undefined when there is none. */
export async function getWithin(store: Store, key: string, maxBytes: number): Promise<Buffer | number | undefined> {
  try {
    return await store.get(key, { maxBytes });
  } catch (error) {
    if (error instanceof ObjectTooLargeError) return error.size;
    throw error;
  }
}

/** Throws ObjectTooLargeError when `size` (the object's stored bytes) is over the reader's cap. */
export function assertWithinCap(where: string, size: number, options: ReadOptions | undefined): void {
  if (options?.maxBytes !== undefined && size > options.maxBytes) {
    throw new ObjectTooLargeError(`${where} is ${size} bytes, over the ${options.maxBytes} this read takes`, size);
  }
}

export function newRequestCounts(): RequestCounts {
  return { list: 0, get: 0, put: 0, delete: 0 };
}

/** Whether a key is a relative path of non-empty segments, none `.` or `..`, without a backslash or NUL. */
export function isSafeKey(key: string): boolean {
  // One pass over the characters, no segment array: a publish checks every key of its manifest on each read.
  if (key.length === 0) return false;
  let start = 0;
  for (let i = 0; i <= key.length; i++) {
    const code = i < key.length ? key.charCodeAt(i) : SLASH;
    if (code === BACKSLASH || code === 0) return false;
    if (code !== SLASH) continue;
    const length = i - start;
    if (length === 0 || (key.charCodeAt(start) === DOT && (length === 1 || (length === 2 && key.charCodeAt(start + 1) === DOT)))) return false;
    start = i + 1;
  }
  return true;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DOT = 0x2e;

/** Rejects keys that could escape a folder or alias another key: absolute, `..`, `.`, empty or backslashed segments. */
export function assertSafeKey(key: string): void {
  if (!isSafeKey(key)) throw new StoreError(`unsafe store key ${JSON.stringify(key)}: keys are relative paths of non-empty segments`);
}
