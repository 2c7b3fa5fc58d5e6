import { createHash } from 'node:crypto';
import { contentTypeFor } from '../lib/shared/contentTypes.js';
import { mapLimit } from '../lib/shared/mapLimit.js';
import type { RequestCounts, Store } from '../lib/store/store.js';

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
  /** Called once per file when its fate is known. */
  onChange?: (change: PushChange) => void;
}

export interface PushResult {
  dryRun: boolean;
  changes: PushChange[];
  counts: Record<PushStatus, number>;
  requests: { from: RequestCounts; to: RequestCounts };
}

/**
 * Mirrors the content folder into a store: uploads the files whose bytes differ, deletes the ones gone
 * from the folder. One LIST of the destination decides: its `version` is the object's ETag, which is the
 * MD5 of the bytes for a single-part upload without SSE-KMS (the content bucket uses SSE-S3). A version
 * that is not an MD5 just means the file is uploaded again. Hidden files (`.git`, `.DS_Store`) stay home.
 * site.yml goes last, so a publish fired by an upload never pairs a new site.yml with old entries.
 */
export async function pushContent(options: PushOptions): Promise<PushResult> {
  const { from, to } = options;
  const concurrency = options.concurrency ?? 8;
  const local = (await from.list('')).filter((object) => !object.key.split('/').some((segment) => segment.startsWith('.')));
  const remote = new Map((await to.list('')).map((object) => [object.key, object]));

  const bodies = await mapLimit(local, concurrency, async (object) => (await from.get(object.key)) ?? Buffer.alloc(0));
  const changes: PushChange[] = [];
  const uploads: { key: string; body: Buffer }[] = [];
  local.forEach((object, i) => {
    const body = bodies[i]!;
    const same = remote.get(object.key)?.version === createHash('md5').update(body).digest('hex');
    changes.push({ key: object.key, status: same ? 'unchanged' : 'uploaded', size: body.length });
    if (!same) uploads.push({ key: object.key, body });
  });
  const localKeys = new Set(local.map((object) => object.key));
  for (const [key, object] of remote) if (!localKeys.has(key)) changes.push({ key, status: 'deleted', size: object.size });
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
  return { dryRun: Boolean(options.dryRun), changes, counts, requests: { from: { ...from.requests }, to: { ...to.requests } } };
}
