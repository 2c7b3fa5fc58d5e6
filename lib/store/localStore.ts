import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fstatSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { symlinkTarget } from '../shared/symlinkTarget.js';
import { ObjectTooLargeError, StoreError, UnreadableFileError, type UnreadableKind } from '../shared/errors.js';
import { assertSafeKey, assertWithinCap, bodyParts, newRequestCounts, type PathBlocker, type PutBody, type PutOptions, type ReadOptions, type SpecialFile, type Store, type StoredObject } from './store.js';
import { pathBlockers } from './pathBlockers.js';
import { keyFolder } from '../shared/keyFolder.js';
import { writeFailure } from './writeFailure.js';

/**
 * A store in a local folder. Each write goes to a temporary file that is then renamed over the target,
 * so a reader (or a crash) never sees a half-written file.
 */
export class LocalStore implements Store {
  readonly requests = newRequestCounts();
  readonly description: string;

  /** The root as a normalised folder path ending in the separator: a key's path is this plus the key. */
  private readonly rootPrefix: string;
  /**
   * The symbolic links and special files the last listing found under its prefix: one record, however many prefixes
   * are listed.
   */
  private lastLinks: { prefix: string; links: string[]; special: SpecialFile[] } | undefined;
  /** Whether the last listing of the whole root passed over a killed write's temporary file; undefined before one. */
  private leftoversListed: boolean | undefined;

  constructor(readonly root: string) {
    this.description = root.endsWith(sep) || root.endsWith('/') ? root : `${root}/`;
    // An empty root is the working folder, as path.join read it: never the file system's root.
    this.rootPrefix = join(root || '.', sep);
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    // A safe key has no empty, `.` or `..` segment and no backslash, so joining is concatenating.
    return this.rootPrefix + (sep === '/' ? key : key.replaceAll('/', sep));
  }

  async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    return this.readCapped(key, undefined, options, (fd) => readFileSync(fd));
  }

  async getText(key: string, listed?: StoredObject, options?: ReadOptions): Promise<string | undefined> {
    return this.readCapped(key, listed, options, (fd) => readFileSync(fd, 'utf8'));
  }

  /**
   * Opens the file and reads it through `read`, once it is found a regular file within the cap (one fstat of the open
   * file). Synchronous on purpose: a local read is a few syscalls, and the promise API pays four thread-pool round
   * trips (open, fstat, read, close) per file (docs/benchmarks.md, "Figures from code comments").
   */
  private readCapped<T>(key: string, listed: StoredObject | undefined, options: ReadOptions | undefined, read: (fd: number) => T): T | undefined {
    this.requests.get++;
    const path = this.pathOf(key);
    let fd: number;
    try {
      // Without O_NONBLOCK, opening a named pipe waits for a writer, for ever: it is refused below instead.
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      return unlessMissing(error, path, key);
    }
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) {
        const reason = `it is ${stats.isFIFO() ? 'a named pipe' : stats.isDirectory() ? 'a folder' : stats.isSocket() ? 'a socket' : 'a device'}, not a regular file`;
        throw new UnreadableFileError(`cannot read ${path}: ${reason} (replace it with a file)`, key, 'not a file', reason);
      }
      // A listed file not statted yet takes its version from the descriptor it is read through: the version of
      // exactly the bytes read, and no second lookup of the path (a publish from scratch would otherwise stat
      // every file before reading it). Reading straight to a string is Node's fast path (readFileUtf8).
      if (listed instanceof LazilyStatted && listed.key === key && !listed.hasStats) listed.takeStats(stats);
      assertWithinCap(path, stats.size, options);
      return read(fd);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw readError(error, path, key);
    } finally {
      closeSync(fd);
    }
  }

  async put(key: string, body: PutBody, _options: PutOptions): Promise<string> {
    this.requests.put++;
    const path = this.pathOf(key);
    const temporary = temporaryPath(path);
    try {
      // Synchronous, as in get: a publish writes thousands of small files, and each promise call is a
      // thread-pool round trip. The folder is made only when the write finds it missing.
      const fd = inFolder(temporary, () => openSync(temporary, 'w'));
      let version: string;
      try {
        // Each write goes on from where the last one ended.
        for (const part of bodyParts(body)) writeFileSync(fd, part);
        // Taken from the descriptor once the bytes are in: the rename keeps the size, mtime and inode, so this is
        // the version a listing gives the file, with no second lookup of its path.
        version = versionOf(fstatSync(fd));
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
      return version;
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw new StoreError(`cannot write ${path}: ${writeFailure(error, path)}`, { cause: error });
    }
  }

  async putIfAbsent(key: string, body: Buffer | string, _options: PutOptions): Promise<boolean> {
    this.requests.put++;
    const path = this.pathOf(key);
    const temporary = temporaryPath(path);
    try {
      removeLinkedTemporaries(dirname(path));
      inFolder(temporary, () => writeFileSync(temporary, body, { flag: 'wx' }));
      // A hard link fails if the name exists (like O_CREAT|O_EXCL, the file system decides which of two racing
      // writers creates it), and it appears with all its bytes: a reader never sees a half-written claim.
      linkSync(temporary, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw new StoreError(`cannot create ${path}: ${writeFailure(error, path)}`, { cause: error });
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  /**
   * Removes the temporary files of writes killed before their rename, anywhere under the root. When the last listing
   * of the whole root (a publish makes one before it takes the lock) passed over none, there is no walk: a write
   * killed after that listing left its file to the next publish's.
   */
  async removeLeftovers(): Promise<void> {
    const listed = this.leftoversListed;
    this.leftoversListed = undefined;
    if (listed === false) return;
    const root = this.rootPrefix.length > 1 ? this.rootPrefix.slice(0, -1) : this.rootPrefix;
    const leftovers: string[] = [];
    collectTemporaries(root, leftovers);
    for (const path of leftovers) {
      try {
        rmSync(path, { force: true });
      } catch (error) {
        throw new StoreError(`cannot delete ${path}: ${writeFailure(error, path)}`, { cause: error });
      }
    }
  }

  /**
   * Where a listing of `prefix` starts: the folder the prefix names (not the whole root), its key, and the prefix's
   * last, partial segment, which picks the entries of that folder to descend into (`0a` lists only what starts with it).
   */
  private walkFrom(prefix: string): { folder: string; keyPrefix: string; namePrefix: string } {
    const folderKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const folder = folderKey ? this.pathOf(folderKey) : this.rootPrefix.length > 1 ? this.rootPrefix.slice(0, -1) : this.rootPrefix;
    return { folder, keyPrefix: folderKey ? `${folderKey}/` : '', namePrefix: prefix.slice(prefix.lastIndexOf('/') + 1) };
  }

  async list(prefix: string): Promise<StoredObject[]> {
    this.requests.list++;
    const { folder, keyPrefix, namePrefix } = this.walkFrom(prefix);
    const found: Found = { files: [], links: [], special: [], temporaries: 0 };
    walk(folder, keyPrefix, found, namePrefix);
    if (prefix === '') this.leftoversListed = found.temporaries > 0;
    const { files, links, special } = found;
    this.lastLinks = {
      prefix,
      links: links.filter((key) => key.startsWith(prefix)).sort(),
      special: special.filter((file) => file.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    };
    const objects: StoredObject[] = [];
    for (const file of files) if (file.key.startsWith(prefix)) objects.push(new LazilyStatted(file.key, file.path));
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The files under `prefix` in key order, a page for each folder's files, each folder read when the pages reach it; one list request. */
  async *listPages(prefix: string): AsyncGenerator<StoredObject[]> {
    this.requests.list++;
    const { folder, keyPrefix, namePrefix } = this.walkFrom(prefix);
    for (const files of walkInKeyOrder(folder, keyPrefix, namePrefix)) {
      const page = files.filter((file) => file.key.startsWith(prefix)).map((file) => new LazilyStatted(file.key, file.path));
      if (page.length > 0) yield page;
    }
  }

  /** The folders right under `prefix`, from one read of its folder. */
  async listFolders(prefix: string): Promise<string[]> {
    this.requests.list++;
    const { folder, keyPrefix, namePrefix } = this.walkFrom(prefix);
    const names = folderEntries(folder).filter((entry) => entry.isDirectory() && entry.name.startsWith(namePrefix));
    return names.map((entry) => `${keyPrefix}${entry.name}/`).sort();
  }

  /**
   * The symbolic links under `prefix`, which list leaves out (a link may point anywhere): as the listing of that
   * prefix just before found them (a scan lists, then asks), else from a listing of its own.
   */
  async listLinks(prefix: string): Promise<string[]> {
    if (this.lastLinks?.prefix !== prefix) await this.list(prefix);
    return this.lastLinks!.links;
  }

  /** The named pipes, sockets and devices under `prefix`, which list leaves out, found as listLinks finds links. */
  async listSpecialFiles(prefix: string): Promise<SpecialFile[]> {
    if (this.lastLinks?.prefix !== prefix) await this.list(prefix);
    return this.lastLinks!.special;
  }

  /** A file at a folder's name stops a write with ENOTDIR, a folder at a file's name with EISDIR: found before any write. */
  async pathBlockers(keys: readonly string[]): Promise<PathBlocker[]> {
    return pathBlockers(keys, (key) => (key === '' ? this.rootPrefix : this.pathOf(key)));
  }

  async delete(key: string): Promise<void> {
    this.requests.delete++;
    const path = this.pathOf(key);
    try {
      await rm(path, { force: true });
    } catch (error) {
      throw new StoreError(`cannot delete ${path}: ${writeFailure(error, path)}`, { cause: error });
    }
    // The folders the deletion emptied go too: a publish never makes an empty folder, so one left behind (the page
    // of an entry deleted, an archive month emptied) would set the output apart from a publish from scratch.
    const root = this.rootPrefix.slice(0, -1);
    for (let folder = dirname(path); folder.length > root.length && folder.startsWith(this.rootPrefix); folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        break; // not empty (or not ours to remove): the folders above it are not empty either
      }
    }
  }
}

/**
 * Creates a file through `create`, making its folder when missing, and again when a deletion removed the folder it
 * had just made (LocalStore.delete takes the folders it empties).
 */
function inFolder<T>(path: string, create: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return create();
    } catch (error) {
      if (!isMissing(error) || attempt === 3) throw error;
      makeFolder(dirname(path));
    }
  }
}

/**
 * Makes `folder` and the folders missing above it, one level at a time from the deepest that exists. Not mkdir's
 * `recursive`: where mkdir answers ENOENT under a parent that exists (procfs, sysfs), Node's recursive mkdir retries
 * for ever and cannot be interrupted (github.com/Kewton/CommandMate/issues/1774). Here a folder its parent refuses
 * (there, or under a symbolic link to nothing) is an error naming it.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    try {
      mkdirSync(at);
    } catch (error) {
      if (isMissing(error) && dirname(at) !== at) {
        missing.push(at);
        continue;
      }
      // EEXIST: there already (a file there fails the write that follows, naming it).
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    break;
  }
  for (const at of missing.reverse()) {
    try {
      mkdirSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // made meanwhile by another writer
      if (!isMissing(error)) throw error;
      throw new StoreError(`cannot make the folder ${at}: ${refusedBy(dirname(at))}`, { cause: error });
    }
  }
}

/** Why `parent`, which exists, gives ENOENT for a folder made in it. */
function refusedBy(parent: string): string {
  const target = symlinkTarget(parent);
  return target === undefined
    ? `its folder ${parent} does not take new folders (a virtual file system such as /proc or /sys; choose a folder on a disk)`
    : `its folder ${parent} is a symbolic link to ${target}, which does not exist (make the folder it points to, or remove the link)`;
}

/**
 * A listed file whose size and version are read (statSync) on first use only, unless a read gave them first:
 * `check` never needs them, and a publish needs them once per file. Synchronous, as in get: 10,000 promise
 * stats take 3× as long. A class, not closures: 100,000 of them are held for the whole run.
 */
class LazilyStatted implements StoredObject {
  // The facts kept, not the Stats object (its four Dates): 10,000 of them outlive many collections.
  private statted: { size: number; version: string; modifiedMs: number } | undefined;

  constructor(
    readonly key: string,
    private readonly path: string,
  ) {}

  private stat(): { size: number; version: string; modifiedMs?: number } {
    if (this.statted) return this.statted;
    let stats: Stats | undefined;
    try {
      stats = statSync(this.path, { throwIfNoEntry: false });
    } catch (error) {
      // In a folder that can be listed but not entered: the read fails too, and that failure names the folder.
      if (UNREADABLE[(error as NodeJS.ErrnoException).code ?? '']) return { size: 0, version: UNREADABLE_VERSION };
      throw error;
    }
    // Listed, yet no file by that name: a name that is not UTF-8 is listed with U+FFFD in it, which names no file
    // (or the file was deleted since). A read then finds nothing, which the reader reports; the listing stands.
    if (!stats) return { size: 0, version: MISSING_VERSION };
    this.takeStats(stats);
    return this.statted!;
  }

  get hasStats(): boolean {
    return this.statted !== undefined;
  }

  /** Keeps the first stats taken: a version once reported (to the settled check, say) stays the same. */
  takeStats(stats: Stats): void {
    this.statted ??= { size: stats.size, version: versionOf(stats), modifiedMs: stats.mtimeMs };
  }

  get size(): number {
    return this.stat().size;
  }

  get version(): string {
    return this.stat().version;
  }

  get modifiedMs(): number | undefined {
    return this.stat().modifiedMs;
  }
}

/** The version of a listed file that no longer answers to its name: never one a file on disk has. */
const MISSING_VERSION = 'missing';
/** The version of a listed file that cannot be statted (UNREADABLE): never one a file on disk has. */
const UNREADABLE_VERSION = 'unreadable';

/**
 * A file's version: its size, mtime to the microsecond and inode (a write renames a new file over the old one: a new
 * inode; an edit in place: a new mtime); and `-denied` when its mode denies this process reading it. chmod leaves the
 * size, mtime and inode: without the mark, an entry made unreadable would be taken from the entry index as last read,
 * and a publish would find its inputs settled, where a plain check, reading every file, names it.
 */
function versionOf(stats: Stats): string {
  // Joined, not a template: V8 keeps a template's result as a tree of its pieces (several hundred bytes where the
  // text is about thirty), and a publish holds a version for every entry file and every file it writes.
  const version = [stats.size, Math.trunc(stats.mtimeMs * 1000), stats.ino].join('-');
  return modeDeniesRead(stats) ? `${version}-denied` : version;
}

/** This process's effective user and groups, read once: undefined where there are none (Windows). */
let processUser: { uid: number; gids: ReadonlySet<number> } | null | undefined;

/**
 * Whether a file's permission bits deny this process reading it (POSIX.1-2017 XBD §4.5, File Access Permissions: the
 * owner's bits for its owner, else the group's for a member, else the others'). Root reads whatever the mode. An ACL
 * can deny what the bits allow (that file's version stays, and so does the last read's entry) or allow what they deny
 * (the read then succeeds: only the version differs).
 */
function modeDeniesRead({ mode, uid, gid }: Stats): boolean {
  if (processUser === undefined) {
    const euid = process.geteuid?.();
    processUser = euid === undefined ? null : { uid: euid, gids: new Set([process.getegid!(), ...process.getgroups!()]) };
  }
  if (processUser === null || processUser.uid === 0) return false;
  if (uid === processUser.uid) return (mode & 0o400) === 0;
  return (mode & (processUser.gids.has(gid) ? 0o040 : 0o004)) === 0;
}

/**
 * A folder's entries; none when it is missing or not a folder (nothing stored there yet). With its key (`key`, ending
 * in `/`), one that is there but cannot be read is an UnreadableFileError naming it.
 */
function folderEntries(folder: string, key?: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    const unreadable = key ? UNREADABLE[(error as NodeJS.ErrnoException).code ?? ''] : undefined;
    // Listed inside a folder that cannot be entered: that folder is the one to fix.
    const parentKey = key?.slice(0, key.lastIndexOf('/', key.length - 2) + 1);
    const parent = unreadable?.[0] === 'permission' && parentKey ? notEntered(dirname(folder), parentKey, error) : undefined;
    if (parent) throw parent;
    if (unreadable) throw new UnreadableFileError(`cannot list ${folder}: ${unreadable[1]}`, key!, unreadable[0], unreadable[1], { cause: error });
    throw new StoreError(`cannot list ${folder}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * What a walk finds: the files listed, the symbolic links, the special files, and how many killed writes' temporary
 * files it passed over.
 */
interface Found {
  files: { key: string; path: string }[];
  links: string[];
  special: SpecialFile[];
  temporaries: number;
}

/** Collects what is under `folder`, whose key is `keyPrefix` (keys are built as the walk goes, not by path.relative). */
function walk(folder: string, keyPrefix: string, found: Found, namePrefix = ''): void {
  for (const entry of folderEntries(folder, keyPrefix || undefined)) {
    if (namePrefix && !entry.name.startsWith(namePrefix)) continue;
    // `folder` is normalised and a listed name has no separator: concatenating is joining, without path.join's cost.
    const path = folder + sep + entry.name;
    if (entry.isDirectory()) walk(path, `${keyPrefix}${entry.name}/`, found);
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) found.files.push({ key: keyPrefix + entry.name, path });
    else if (entry.isFile()) found.temporaries += TEMPORARY.test(entry.name) ? 1 : 0;
    else if (entry.isSymbolicLink()) found.links.push(keyPrefix + entry.name);
    else found.special.push({ key: keyPrefix + entry.name, kind: entry.isFIFO() ? 'named pipe' : entry.isSocket() ? 'socket' : 'device' });
  }
}

/**
 * The files `walk` lists under `folder`, lazily, in key order, in runs of files of one folder: a folder sorts as its
 * name and `/`, as its keys do.
 */
function* walkInKeyOrder(folder: string, keyPrefix: string, namePrefix = ''): Generator<{ key: string; path: string }[]> {
  const entries = folderEntries(folder, keyPrefix || undefined)
    .filter((entry) => entry.name.startsWith(namePrefix))
    .map((entry) => ({ entry, name: entry.isDirectory() ? `${entry.name}/` : entry.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let files: { key: string; path: string }[] = [];
  for (const { entry } of entries) {
    const path = folder + sep + entry.name;
    if (entry.isFile() && !entry.name.endsWith('.tmp')) files.push({ key: keyPrefix + entry.name, path });
    if (!entry.isDirectory()) continue;
    if (files.length > 0) yield files;
    files = [];
    yield* walkInKeyOrder(path, `${keyPrefix}${entry.name}/`);
  }
  if (files.length > 0) yield files;
}

const TEMPORARY = /\.[0-9a-f]{12}\.tmp$/;

/** Where a write puts the bytes before they take the target's name: beside it, so the rename stays in one file system. */
function temporaryPath(path: string): string {
  return `${path}.${randomBytes(6).toString('hex')}.tmp`;
}

/**
 * Removes the temporary files of create-only writes killed between their link and the temporary file's removal:
 * each is the very file its target is (one inode, two names), so removing it takes nothing away. A temporary file
 * not linked yet (a write under way, or one killed before its link) is left alone.
 */
function removeLinkedTemporaries(folder: string): void {
  for (const entry of folderEntries(folder)) {
    if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
    const path = folder + sep + entry.name;
    try {
      const temporary = statSync(path, { throwIfNoEntry: false });
      if (!temporary || temporary.nlink < 2) continue;
      const target = statSync(path.replace(TEMPORARY, ''), { throwIfNoEntry: false });
      if (target?.ino === temporary.ino && target.dev === temporary.dev) rmSync(path, { force: true });
    } catch {
      // Tidying only: the write goes on, and the next publish that writes removes what is left (removeLeftovers).
    }
  }
}

function collectTemporaries(folder: string, into: string[]): void {
  for (const entry of folderEntries(folder)) {
    const path = folder + sep + entry.name;
    if (entry.isDirectory()) collectTemporaries(path, into);
    else if (entry.isFile() && TEMPORARY.test(entry.name)) into.push(path);
  }
}

/**
 * A read's failure: undefined for a missing file, or a file where one of its folders would be (ENOTDIR: no such key,
 * as a listing finds none; a publish names the file in the way before it writes), a StoreError naming the path for
 * anything else.
 */
function unlessMissing(error: unknown, path: string, key: string): undefined {
  if (isMissing(error) || (error as NodeJS.ErrnoException)?.code === 'ENOTDIR') return undefined;
  throw readError(error, path, key);
}

// The errors of a file that is there but that this user cannot read as it stands, by errno (open(2), read(2)); on
// Windows a file another program holds locked answers EBUSY, or EPERM as libuv maps a sharing violation.
const UNREADABLE: Readonly<Record<string, readonly [UnreadableKind, string]>> = {
  EACCES: ['permission', 'permission denied'],
  EPERM: ['permission', 'permission denied (or locked by another program)'],
  EBUSY: ['locked', 'locked by another program'],
  EIO: ['input/output', 'an input/output error (the disk or network share failed to read it)'],
  EISDIR: ['not a file', 'it is a folder, not a regular file'],
};

/**
 * A read's failure as a StoreError naming the path: an UnreadableFileError for the file's own state (UNREADABLE), or
 * for its folder's (notEntered).
 */
function readError(error: unknown, path: string, key: string): StoreError {
  const unreadable = UNREADABLE[(error as NodeJS.ErrnoException)?.code ?? ''];
  if (unreadable?.[0] === 'permission') {
    const folder = notEntered(dirname(path), keyFolder(key), error);
    if (folder) return folder;
  }
  if (unreadable) return new UnreadableFileError(`cannot read ${path}: ${unreadable[1]}`, key, unreadable[0], unreadable[1], { cause: error });
  return new StoreError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
}

/**
 * The error of a folder that can be listed but not entered (read permission without search permission: chmod u-x),
 * asked only once a permission error was met inside it, so a read that succeeds costs nothing more: every file and
 * folder in it fails for the folder's mode alone. Undefined when it can be entered, or names no folder of the store.
 */
function notEntered(folder: string, key: string, cause: unknown): UnreadableFileError | undefined {
  if (key === '') return undefined;
  try {
    accessSync(folder, constants.X_OK);
    return undefined;
  } catch {
    const reason = 'it can be listed but not entered (it lacks the x permission), so none of the files in it can be read';
    return new UnreadableFileError(`cannot enter ${folder}: ${reason}`, key, 'not entered', reason, { cause });
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
