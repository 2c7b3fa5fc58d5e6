import { createHash } from 'node:crypto';
import type { Artifact } from './artifact.js';
import type { Store } from './store.js';

export const MANIFEST_KEY = '_broadsheet/manifest.json';

export interface ManifestRecord {
  sha256: string;
  contentType: string;
  size: number;
}

/** Every published key with its hash: what the store holds, as far as Broadsheet knows. */
export type Manifest = Record<string, ManifestRecord>;

export type ChangeStatus = 'new' | 'changed' | 'unchanged' | 'deleted';

export interface Change {
  key: string;
  status: ChangeStatus;
  size: number;
}

export async function readManifest(store: Store): Promise<{ manifest: Manifest; text: string }> {
  const bytes = await store.get(MANIFEST_KEY);
  if (!bytes) return { manifest: {}, text: '' };
  const text = bytes.toString('utf8');
  try {
    const data = JSON.parse(text) as { objects?: Manifest };
    return { manifest: data.objects ?? {}, text };
  } catch {
    // Unreadable: treat everything as new; the next write repairs it.
    return { manifest: {}, text };
  }
}

export function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** What publishing `artifacts` over `previous` does to each key; deletions only of keys Broadsheet published. */
export function diffManifest(previous: Manifest, artifacts: readonly Artifact[]): { changes: Change[]; next: Manifest } {
  const next: Manifest = {};
  const changes: Change[] = [];
  for (const artifact of [...artifacts].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const record = { sha256: sha256(artifact.body), contentType: artifact.contentType, size: artifact.body.length };
    next[artifact.key] = record;
    const before = previous[artifact.key];
    const status: ChangeStatus = !before ? 'new' : before.sha256 === record.sha256 && before.contentType === record.contentType ? 'unchanged' : 'changed';
    changes.push({ key: artifact.key, status, size: record.size });
  }
  for (const key of Object.keys(previous).sort()) {
    if (!(key in next)) changes.push({ key, status: 'deleted', size: previous[key]!.size });
  }
  return { changes, next };
}

export function serializeManifest(manifest: Manifest): string {
  return JSON.stringify({ format: 1, objects: manifest }, null, 1) + '\n';
}
