import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { SITE_FILE } from '../lib/content/contentKeys.js';
import { UsageError } from '../lib/shared/errors.js';
import { nearestName } from '../lib/shared/nearestName.js';
import { LocalStore } from '../lib/store/localStore.js';
import { prefixOverlap } from '../lib/store/prefixOverlap.js';
import { listFolders, listPages, newRequestCounts, type PutBody, type PutOptions, type ReadOptions, type RequestCounts, type SpecialFile, type Store, type StoredObject } from '../lib/store/store.js';
import { ContentFolder } from './contentFolder.js';
import { CONTENT_FOLDER_FIX, refuseFileAsFolder } from './refuseFileAsFolder.js';
import { refuseS3UrlAsOut, s3OutUrl } from './refuseS3UrlAsOut.js';
import { s3UrlParts } from './s3UrlParts.js';
import type { CliIo } from './io.js';
import { CLI_S3_BOUNDS_SET_BY, CLI_SLOWEST_UPLOAD_BYTES_PER_SECOND, cliS3Bounds } from './s3Bounds.js';

/**
 * An S3 store whose SDK loads on first use: a local publish never pays for importing the AWS SDK.
 * Flags are still checked at once, so a bad bucket name fails before any work.
 */
class LazyStore implements Store {
  private inner: Promise<Store> | undefined;
  private loaded: Store | undefined;

  constructor(
    readonly description: string,
    private readonly open: () => Promise<Store>,
  ) {}

  get requests(): RequestCounts {
    return this.loaded?.requests ?? newRequestCounts();
  }

  private store(): Promise<Store> {
    this.inner ??= this.open().then((store) => (this.loaded = store));
    return this.inner;
  }

  async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    return (await this.store()).get(key, options);
  }
  async put(key: string, body: PutBody, options: PutOptions): Promise<string | undefined> {
    return (await this.store()).put(key, body, options);
  }
  async putIfAbsent(key: string, body: Buffer | string, options: PutOptions): Promise<boolean> {
    return (await this.store()).putIfAbsent(key, body, options);
  }
  async list(prefix: string): Promise<StoredObject[]> {
    return (await this.store()).list(prefix);
  }
  async *listPages(prefix: string): AsyncGenerator<StoredObject[]> {
    yield* listPages(await this.store(), prefix);
  }
  async listFolders(prefix: string): Promise<string[]> {
    return listFolders(await this.store(), prefix);
  }
  async listLinks(prefix: string): Promise<string[]> {
    const store = await this.store();
    return store.listLinks ? store.listLinks(prefix) : [];
  }
  async listPlaceholders(prefix: string): Promise<string[]> {
    const store = await this.store();
    return store.listPlaceholders ? store.listPlaceholders(prefix) : [];
  }
  async listSpecialFiles(prefix: string): Promise<SpecialFile[]> {
    const store = await this.store();
    return store.listSpecialFiles ? store.listSpecialFiles(prefix) : [];
  }
  async delete(key: string): Promise<void> {
    return (await this.store()).delete(key);
  }
  async removeLeftovers(): Promise<void> {
    return (await this.store()).removeLeftovers?.();
  }
}

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

const clients = new Map<string, Promise<S3Client>>();

function checkEndpoint(endpoint: string | undefined): void {
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new UsageError(`--endpoint: ${JSON.stringify(endpoint)} is not an http(s) URL (write e.g. http://127.0.0.1:4569)`);
  }
}

function awsRegion(io: CliIo): string {
  return io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** One S3Client per endpoint per process, with the standard retry mode. */
function s3Client(io: CliIo, endpoint: string | undefined): Promise<S3Client> {
  const key = endpoint ?? '';
  let client = clients.get(key);
  if (!client) {
    const region = awsRegion(io);
    const bounds = cliS3Bounds(io.env);
    client = import('../lib/store/s3Client.js').then(({ createS3Client }) => createS3Client({ region, ...bounds, ...(endpoint ? { endpoint } : {}) }));
    clients.set(key, client);
  }
  return client;
}

/** `s3://bucket/prefix` → an S3Store; a malformed one is a UsageError naming `flag`. */
function s3Url(url: string, flag: string, io: CliIo, endpoint: string | undefined): Store {
  const parts = s3UrlParts(url);
  if (!parts) throw new UsageError(`${flag}: ${JSON.stringify(url)} is not an s3:// URL (write s3://BUCKET/PREFIX)`);
  return s3Store(io, parts.bucket, parts.prefix, endpoint, flag);
}

function s3Store(io: CliIo, bucket: string, prefix: string, endpoint: string | undefined, flag: string): Store {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    // An s3:// URL copied from the console or another command's --content: the name and prefix it holds.
    const url = flag === '--bucket' ? s3UrlParts(bucket) : undefined;
    if (url) throw new UsageError(`${flag}: ${JSON.stringify(bucket)} is an s3:// URL, and --bucket takes the bucket's name alone (write --bucket ${url.bucket}${url.prefix ? ` --prefix ${url.prefix}` : ''})`);
    throw new UsageError(`${flag}: ${JSON.stringify(bucket)} is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)`);
  }
  checkEndpoint(endpoint);
  // Read now, so that a bad setting is refused before any work, as a bad flag is.
  const bounds = cliS3Bounds(io.env);
  const network = { endpoint: endpoint ?? `AWS S3 (${awsRegion(io)})`, attempts: bounds.maxAttempts, requestTimeoutMs: bounds.requestTimeoutMs, setBy: CLI_S3_BOUNDS_SET_BY };
  const cleanPrefix = prefix.replace(/^\/+/, '');
  const normalized = cleanPrefix === '' || cleanPrefix.endsWith('/') ? cleanPrefix : `${cleanPrefix}/`;
  return new LazyStore(`s3://${bucket}/${normalized}`, async () => {
    const [{ S3Store }, client] = await Promise.all([import('../lib/store/s3Store.js'), s3Client(io, endpoint)]);
    try {
      return new S3Store(client, bucket, cleanPrefix, { network, slowestUploadBytesPerSecond: CLI_SLOWEST_UPLOAD_BYTES_PER_SECOND });
    } catch (error) {
      throw new UsageError(`${flag}: ${(error as Error).message}`, { cause: error });
    }
  });
}

/** The content folder (`--content`, default `content`), or `s3://bucket/prefix` (with `--endpoint` if given). */
export function contentStore(content: string | undefined, io: CliIo, s3: Pick<S3Flags, 'endpoint'> = {}): Store {
  if (content?.startsWith('s3://')) return s3Url(content, '--content', io, s3.endpoint);
  const folder = contentFolderPath(content, io);
  refuseFileAsFolder(folder, '--content', CONTENT_FOLDER_FIX);
  return new ContentFolder(folder);
}

/**
 * The local content folder's path: `--content`, or `content` in the working folder. Refused when that default is
 * missing and the working folder holds a site.yml (broadsheet run from inside the content folder), and when
 * `--content` names an `entries` folder whose parent holds site.yml: each said only that the folder had no site.yml.
 */
export function contentFolderPath(content: string | undefined, io: CliIo): string {
  const folder = resolve(io.cwd, content ?? 'content');
  if (content === undefined && runsInsideContentFolder(io)) {
    throw new UsageError(`--content: ${folder} does not exist, and ${io.cwd} holds a ${SITE_FILE}: it is the content folder itself, so pass --content . (or run broadsheet from the folder above it)`);
  }
  // The entries folder given for the content folder: its parent holds the site.yml.
  if (content !== undefined && basename(folder) === 'entries' && !existsSync(join(folder, SITE_FILE)) && existsSync(join(dirname(folder), SITE_FILE))) {
    throw new UsageError(`--content: ${folder} is the entries folder; the content folder is the one that holds ${SITE_FILE} and entries/, so pass --content ${dirname(content.replace(/[\\/]+$/, ''))}`);
  }
  // A --content typed wrong was read as a content folder with no site.yml, whose fix (create site.yml) is not the one.
  if (content !== undefined) refuseFileAsFolder(folder, '--content', CONTENT_FOLDER_FIX);
  if (content !== undefined && lstatSync(folder, { throwIfNoEntry: false }) === undefined) {
    const meant = nearestFolder(folder);
    const typed = content.replace(/[\\/]+$/, '');
    const check = meant === undefined ? 'check its name;' : `did you mean --content ${join(dirname(typed), meant)}?`;
    throw new UsageError(`--content: ${folder} does not exist (${check} ${CONTENT_FOLDER_FIX})`);
  }
  return folder;
}

/**
 * Refuses a missing default content folder (no --content, no `content` here): check, publish and new said that
 * site.yml was not found in …/content/ and to create it, though the folder itself is missing, and the editor may
 * be in the wrong folder rather than starting a site. A subscriber command that reads no content is let be.
 */
export function refuseNoContentFolder(command: string, content: string | undefined, io: CliIo): void {
  if (content !== undefined) return;
  const folder = contentFolderPath(undefined, io);
  if (lstatSync(folder, { throwIfNoEntry: false }) !== undefined) return;
  throw new UsageError(`${command}: no content folder here: ${folder} does not exist (run broadsheet from the folder that holds content/, or pass --content DIR, the folder that holds ${SITE_FILE} and entries/; to start a site, create content/${SITE_FILE} with title, description, url, language and timezone, and content/entries/)`);
}

/** The folder beside `path` whose name `path`'s is most likely a slip for, if its parent can be listed. */
function nearestFolder(path: string): string | undefined {
  try {
    const folders = readdirSync(dirname(path), { withFileTypes: true }).filter((found) => found.isDirectory()).map((found) => found.name);
    return nearestName(basename(path), folders);
  } catch {
    return undefined;
  }
}

/** Whether broadsheet runs from inside the content folder: no `content` folder here, and this folder holds site.yml. */
export function runsInsideContentFolder(io: CliIo): boolean {
  return !existsSync(resolve(io.cwd, 'content')) && existsSync(join(io.cwd, SITE_FILE));
}

/**
 * The subscriber store's objects: the folder of `--subscribers` (default `subscribers`), or `s3://bucket/prefix` (a
 * deployment's subscriber prefix in the content bucket, with `--endpoint` if given).
 */
export function subscriberObjects(subscribers: string | undefined, io: CliIo, s3: Pick<S3Flags, 'endpoint'> = {}): Store {
  if (subscribers?.startsWith('s3://')) return s3Url(subscribers, '--subscribers', io, s3.endpoint);
  return new LocalStore(resolve(io.cwd, subscribers ?? 'subscribers'));
}

/** The output folder (`--out`, default `public`), or the S3 bucket of `--bucket` (and `--prefix`). */
export function outputStore(out: string | undefined, io: CliIo, s3: S3Flags = {}): Store {
  if (s3.bucket !== undefined) {
    if (out !== undefined) throw new UsageError('--out and --bucket both name the output; give one of them');
    return s3Store(io, s3.bucket, s3.prefix ?? '', s3.endpoint, '--bucket');
  }
  if (s3.prefix !== undefined) throw new UsageError('--prefix needs --bucket');
  refuseS3UrlAsOut(out);
  const folder = resolve(io.cwd, out ?? 'public');
  refuseFileAsFolder(folder, '--out', 'give --out the folder the site is published to, or the name of a new one');
  return new LocalStore(folder);
}

/**
 * Refuses an output that overlaps the content (outputOverlap), or an s3:// URL given to --out (refuseS3UrlAsOut),
 * which one overlapping the content is told as that: the --bucket and --prefix that fix would name the same place.
 */
export function refuseOverlappingOutput(flags: { content?: string | undefined; out?: string | undefined } & S3Flags, io: CliIo): void {
  const overlap = outputOverlap(flags, io);
  if (overlap !== undefined) throw new UsageError(overlap);
  refuseS3UrlAsOut(flags.out);
}

/**
 * Why an output that overlaps the content is refused, or undefined: inside it (or equal to it), a publish would put
 * drafts, site.yml and subscribers.txt in the web root; holding it, the content would be in the web root already,
 * served beside the feeds. Local folders are compared after symlinks are resolved; S3 by bucket and prefix (an
 * s3:// --out as the bucket and prefix it names).
 */
export function outputOverlap(flags: { content?: string | undefined; out?: string | undefined } & S3Flags, io: CliIo): string | undefined {
  const content = flags.content ?? 'content';
  const served = 'or site.yml, the drafts and subscribers.txt would be served';
  const s3Out = flags.bucket === undefined ? s3OutUrl(flags.out) : undefined;
  const bucket = flags.bucket ?? s3Out?.bucket;
  if (bucket !== undefined) {
    const inBucket = s3UrlParts(content);
    const overlap = inBucket?.bucket === bucket ? prefixOverlap(flags.prefix ?? s3Out?.prefix ?? '', inBucket.prefix) : undefined;
    const shown = s3Out ? `--out: ${flags.out}` : `--bucket/--prefix: s3://${bucket}/${flags.prefix ?? ''}`;
    return overlap ? `${shown} ${overlap === 'inside' ? 'is inside' : 'holds'} the content ${content}; publish to another bucket or prefix, ${served}` : undefined;
  }
  if (content.startsWith('s3://')) return undefined;
  const contentDir = realPath(resolve(io.cwd, content));
  const outDir = realPath(resolve(io.cwd, flags.out ?? 'public'));
  // The folder the fix gives: public in the working folder, but beside the content where that one overlaps it too
  // (run from inside the content folder, `--out public` is the content's).
  const overlaps = (dir: string) => within(dir, contentDir) || within(contentDir, dir);
  const example = () => (overlaps(realPath(resolve(io.cwd, 'public'))) ? relative(io.cwd, join(dirname(contentDir), basename(contentDir) === 'public' ? 'site' : 'public')) : 'public');
  if (within(outDir, contentDir)) {
    const what = outDir === contentDir ? 'the content folder' : 'inside the content folder';
    return `--out: ${flags.out ?? 'public'} is ${what} ${content}; write the output elsewhere (e.g. --out ${example()}), ${served}`;
  }
  if (within(contentDir, outDir)) return `--out: ${flags.out ?? 'public'} holds the content folder ${content}; write the output to a folder beside it (e.g. --out ${example()}), ${served}`;
  return undefined;
}

/**
 * Refuses a local folder that holds addresses (preview's and digest's `--outbox`: the emails; preview's, digest's and
 * subscribers' `--subscribers`: the subscriber records) equal to or inside the content folder: push-content would
 * upload it. Compared as refuseOverlappingOutput compares. `wording`: what the fix says to keep elsewhere, and
 * whose addresses it holds (digest's and subscribers' own).
 */
export function refusePrivateFolderInContent(
  flag: '--outbox' | '--subscribers',
  given: string | undefined,
  contentDir: string,
  io: CliIo,
  wording: { keep: string; addresses: string } = { keep: `write ${flag === '--outbox' ? 'the emails' : 'the records'}`, addresses: "the subscribers' addresses" },
): void {
  const name = flag.slice(2);
  const folder = realPath(resolve(io.cwd, given ?? name));
  const content = realPath(contentDir);
  if (!within(folder, content)) return;
  const what = folder === content ? 'the content folder' : 'inside the content folder';
  // Relative to the working folder, unless that climbs out of it (`../outbox` beside a content folder run from).
  const shown = (path: string) => {
    const inside = relative(io.cwd, path);
    return inside === '' ? '.' : inside.startsWith('..') && inside !== join('..', name) ? path : inside;
  };
  throw new UsageError(`${flag}: ${given ?? name} is ${what} ${shown(contentDir)}; ${wording.keep} elsewhere (e.g. ${flag} ${shown(join(dirname(content), name))}), or push-content would upload them, with ${wording.addresses}`);
}

/** Whether `folder` is `parent` or inside it (both absolute). */
function within(folder: string, parent: string): boolean {
  const path = relative(parent, folder);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

/** The path with symlinks resolved, as far as it exists (an output folder is often not made yet). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}
