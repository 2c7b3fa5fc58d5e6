import { createHash } from 'node:crypto';
import { ENTRIES_PREFIX } from '../lib/content/contentKeys.js';
import { icloudPlaceholderEntry } from '../lib/content/icloudPlaceholder.js';
import { wordOwnerFiles } from '../lib/content/wordOwnerFile.js';
import { contentTypeFor } from '../lib/shared/contentTypes.js';
import { ContentError, UnreadableFileError, type Problem } from '../lib/shared/errors.js';
import { unreadableFile } from '../lib/content/unreadableFile.js';
import { mapLimit } from '../lib/shared/mapLimit.js';
import { isSafeKey, type RequestCounts, type Store } from '../lib/store/store.js';

export type PushStatus = 'uploaded' | 'deleted' | 'unchanged';

export interface PushChange {
  key: string;
  status: PushStatus;
  size: number;
}

export interface PushOptions {
  /** The editor's content folder (site.yml, entries/, ...). */
  from: Store;
  /** The content prefix in the content bucket, which the publish function reads. */
  to: Store;
  /** Report what would change and write nothing. Default false. */
  dryRun?: boolean;
  /** Concurrent uploads. Default 8. */
  concurrency?: number;
  /**
   * Keys that never go up, and are deleted from the bucket like a file gone from the folder: the digest's subscriber
   * list, which no deployed function reads (they send to the subscriber store), so a copy there holds addresses for nothing.
   */
  stayHome?: readonly string[];
  /** Called once per file when its fate is known. */
  onChange?: (change: PushChange) => void;
}

export interface PushResult {
  dryRun: boolean;
  changes: PushChange[];
  counts: Record<PushStatus, number>;
  /** The keys of stayHome the folder holds, as a file or a link. */
  keptHome: string[];
  requests: { from: RequestCounts; to: RequestCounts };
}

/**
 * Mirrors the content folder into a store: uploads the files whose bytes differ, deletes the ones gone
 * from the folder. One LIST of the destination decides: its `version` is the object's ETag, which is the
 * MD5 of the bytes for a single-part upload without SSE-KMS (the content bucket uses SSE-S3). A version
 * that is not an MD5 just means the file is uploaded again. Hidden files (`.git`, `.DS_Store`) and Word's owner files
 * stay home; an entry held in iCloud only (its placeholder listed, icloudPlaceholder.ts) keeps the bucket's copy.
 * site.yml goes last, so a publish fired by an upload never pairs a new site.yml with old entries.
 * A file it cannot upload as it is, or cannot read (unreadableFile: why and the fix, as check names it), refuses the
 * whole push (ContentError) before anything is written.
 */
export async function pushContent(options: PushOptions): Promise<PushResult> {
  const { from, to } = options;
  const concurrency = options.concurrency ?? 8;
  const visible = (key: string) => !key.split('/').some((segment) => segment.startsWith('.'));
  const stayHome = new Set(options.stayHome ?? []);
  // A folder that cannot be listed or entered: the bucket would lose what it holds (unreadableFile names it and the fix).
  const all = await from.list('').catch((error: unknown) => {
    throw error instanceof UnreadableFileError ? new ContentError([unreadableFile(error)]) : error;
  });
  const owners = await wordOwnerFiles(from, all);
  const listed = all.filter((object) => visible(object.key) && !owners.has(object.key));
  // Its text is in iCloud, not in the folder: deleting the bucket's copy would take a published entry down.
  const held = new Set(all.map((object) => icloudPlaceholderEntry(object.key)).filter((key) => key !== undefined));
  const links = ((await from.listLinks?.('')) ?? []).filter(visible);
  const keptHome = [...listed.map((object) => object.key), ...links].filter((key) => stayHome.has(key)).sort();
  const local = listed.filter((object) => !stayHome.has(object.key));
  const remote = new Map((await to.list('')).map((object) => [object.key, object]));

  const problems: Problem[] = [];
  // A link is never followed (it may point outside the content), yet check reads site.yml through one: pushing
  // without it would delete the bucket's site.yml, and every publish would then fail. A link
  // under entries/ is no entry (check warns that it is not published), and one that stays home never goes up,
  // so leaving either home changes nothing.
  for (const key of links) {
    if (!key.startsWith(ENTRIES_PREFIX) && !stayHome.has(key)) problems.push({ file: key, field: 'file', message: 'is a symbolic link, which push-content does not follow: the bucket would lose this file', fix: 'put the file itself in the content folder (cp -L), or move the link out of it' });
  }
  for (const { key } of local) {
    if (!isSafeKey(key)) problems.push({ file: key, field: 'file', message: 'the file name is not a plain path (a backslash is no folder separator in a bucket)', fix: 'rename the file with letters, digits and hyphens, and / between folders' });
  }
  const readable = problems.length ? [] : local;
  // Every file is read before anything is written: one that cannot be read refuses the push, which then writes nothing
  // (uploaded without it, the bucket's copy would be deleted, and a publish would take its entry down).
  const bodies = await mapLimit(readable, concurrency, (object) =>
    from.get(object.key).catch((error: unknown) => {
      if (!(error instanceof UnreadableFileError)) throw error;
      return unreadableFile(error, 'move it out of the content folder');
    }),
  );
  // A folder that cannot be entered is every file's in it: named once.
  const named = new Set<string>();
  for (const body of bodies) {
    if (body === undefined || Buffer.isBuffer(body) || named.has(body.file)) continue;
    named.add(body.file);
    problems.push(body);
  }
  // Listed but gone by that name: a name that is not UTF-8 is listed with U+FFFD in it, which names no file.
  readable.forEach((object, i) => {
    if (!bodies[i]) problems.push({ file: object.key, field: 'file', message: 'cannot be read by the name it is listed under (a name that is not UTF-8 shows \uFFFD), or was deleted while pushing', fix: 'rename the file with UTF-8 letters, digits and hyphens, then push again' });
  });
  if (problems.length) throw new ContentError(problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));

  const changes: PushChange[] = [];
  const uploads: { key: string; body: Buffer }[] = [];
  local.forEach((object, i) => {
    const body = bodies[i] as Buffer;
    const same = remote.get(object.key)?.version === createHash('md5').update(body).digest('hex');
    changes.push({ key: object.key, status: same ? 'unchanged' : 'uploaded', size: body.length });
    if (!same) uploads.push({ key: object.key, body });
  });
  const localKeys = new Set(local.map((object) => object.key));
  for (const [key, object] of remote) if (!localKeys.has(key)) changes.push({ key, status: held.has(key) ? 'unchanged' : 'deleted', size: object.size });
  changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const change of changes) options.onChange?.(change);

  if (!options.dryRun) {
    const isSite = (key: string) => key === 'site.yml';
    await mapLimit(uploads.filter((u) => !isSite(u.key)), concurrency, (u) => to.put(u.key, u.body, { contentType: contentTypeFor(u.key) }));
    for (const u of uploads.filter((upload) => isSite(upload.key))) await to.put(u.key, u.body, { contentType: contentTypeFor(u.key) });
    await mapLimit(changes.filter((c) => c.status === 'deleted'), concurrency, (c) => to.delete(c.key));
  }

  const counts: Record<PushStatus, number> = { uploaded: 0, deleted: 0, unchanged: 0 };
  for (const change of changes) counts[change.status]++;
  return { dryRun: Boolean(options.dryRun), changes, counts, keptHome, requests: { from: { ...from.requests }, to: { ...to.requests } } };
}
