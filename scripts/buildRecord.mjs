// What the last `npm run build` left in dist/, kept in dist/.build-record.json: each file's SHA-256, and what the CLI
// bundle was made from. tsc's incremental state (dist/.tsbuildinfo) knows the sources, not dist/; this record lets the
// next build trust that state, and skip the bundle, only while dist/ still holds what the build wrote.
// Paths are relative to the repository's root, `root`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = 'dist';
export const BUILD_RECORD = 'dist/.build-record.json';
export const TS_BUILD_INFO = 'dist/.tsbuildinfo';
/** Not this build's: `npm run bench` compiles bench/ into dist/bench/ (and lib/ over dist/lib/, which the record catches). */
const OTHERS = new Set([BUILD_RECORD, TS_BUILD_INFO, 'dist/bench']);

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Each file under dist/ but OTHERS, by path, with its SHA-256. */
export function distFiles(root, dir = DIST, files = {}) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return files;
    throw error;
  }
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (OTHERS.has(path)) continue;
    if (entry.isDirectory()) distFiles(root, path, files);
    else files[path] = sha256(readFileSync(join(root, path)));
  }
  return files;
}

/** The same paths with the same hashes. */
export function sameFiles(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The record the last build wrote, or undefined (none, or unreadable: then nothing is trusted). */
export function readBuildRecord(root) {
  try {
    return JSON.parse(readFileSync(join(root, BUILD_RECORD), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Records dist/'s files (distFiles) and the bundle's inputs. */
export function writeBuildRecord(root, files, bundle) {
  writeFileSync(join(root, BUILD_RECORD), `${JSON.stringify({ files, bundle })}\n`);
}

/** The files among `files` under `folder`. */
export function filesUnder(files, folder) {
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith(`${folder}/`)));
}

/**
 * A hash of what a bundle is made from: `salt` (the bundler's version and options), then each input file's path and
 * bytes and those of the source map it names (esbuild follows tsc's maps into the bundle's), the way esbuild finds it.
 * Undefined when one cannot be read.
 */
export function inputsDigest(root, salt, inputs) {
  const hash = createHash('sha256').update(`${salt}\0`);
  try {
    for (const input of [...inputs].sort()) {
      const bytes = readFileSync(join(root, input));
      hash.update(`${input}\0`).update(bytes).update('\0');
      // A map's comment ends the file; an inline one (data:) is in the bytes already.
      const map = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(bytes.subarray(-4096).toString('utf8'))?.[1];
      if (map !== undefined && !map.startsWith('data:')) {
        const mapPath = isAbsolute(map) ? map : join(dirname(input), decodeURIComponent(map));
        let mapBytes;
        try {
          mapBytes = readFileSync(isAbsolute(mapPath) ? mapPath : join(root, mapPath));
        } catch {
          mapBytes = 'no map';
        }
        hash.update(`${mapPath}\0`).update(mapBytes).update('\0');
      }
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Whether the module at `url` is the script Node was started with (`node scripts/x.mjs`), not an import of it. */
export function isMain(url) {
  return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(url);
}
