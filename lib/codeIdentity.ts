import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onFirstCall } from './shared/onFirstCall.js';

/**
 * A hash of the code that makes the output, read once per process: every script in this module's folder and below
 * (the CLI's bundle, dist/bundle/, and the publish function's on Lambda, which hold the libraries too; lib/ under
 * the tests) and the package-lock.json above it, which pins the libraries that render (markdown-it, sanitize-html,
 * parse5, feed) where they are not bundled. Every cache of a result the code made keys on it: the settled record, the entry
 * index's parsed and rendered entries, and each reusable unit's fingerprint. So new code never reuses what old code
 * made, and a publish after an upgrade writes what a publish from scratch would. Read when first asked for: a
 * command that keeps no such cache (a check without an output) never reads it (EntryIndex.context).
 */
export const codeIdentity = onFirstCall(() => folderIdentity(dirname(fileURLToPath(import.meta.url))));

/** The scripts under `root` (names and bytes, in a fixed order) and the nearest package-lock.json above it. */
export function folderIdentity(root: string): string {
  const hash = createHash('sha256');
  for (const file of scripts(root)) hash.update(`${file.slice(root.length)}\0`).update(readFileSync(file)).update('\0');
  const lock = lockFileAbove(root);
  hash.update(lock === undefined ? 'no lock file\0' : readFileSync(lock));
  return hash.digest('hex');
}

function scripts(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...scripts(path));
    else if (entry.isFile() && /\.(m?js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function lockFileAbove(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const lock = join(dir, 'package-lock.json');
    if (existsSync(lock)) return lock;
    if (dirname(dir) === dir) return undefined;
  }
}
