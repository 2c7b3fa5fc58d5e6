import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let identity: string | undefined;

/**
 * A hash of the code that makes the output: every script in this module's folder and below (dist/lib/ for the
 * CLI, the bundle for a Lambda function, lib/ under the tests). A publish records it, so new code never reuses
 * a result the old code made. Read once per process.
 */
export function codeIdentity(): string {
  if (identity === undefined) {
    const hash = createHash('sha256');
    const root = dirname(fileURLToPath(import.meta.url));
    for (const file of scripts(root)) hash.update(`${file.slice(root.length)}\0`).update(readFileSync(file)).update('\0');
    identity = hash.digest('hex');
  }
  return identity;
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
