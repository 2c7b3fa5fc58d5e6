import { lstatSync, readlinkSync } from 'node:fs';

/** Where `path` points when it is a symbolic link (read as written, not resolved); undefined for anything else or nothing. */
export function symlinkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}
