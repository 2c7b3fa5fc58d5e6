// Bundles the compiled CLI (dist/cli/run.js, tsc's output) into dist/bundle/, which bin/broadsheet.js runs: Node then
// reads and compiles about a hundred files at a command's start rather than some 400 modules of dist/ and
// node_modules. Each command, and each client loaded where it is used (the S3 and SES SDKs, nodemailer's SMTP
// connection), stays a chunk of its own that loads only when it runs.
// A build whose inputs (each file esbuild read, and the maps it followed) and options are those of the last one, with
// dist/bundle/ as that one left it (scripts/buildRecord.mjs), keeps the bundle: esbuild would write the same bytes.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, version } from 'esbuild';
import { distFiles, filesUnder, inputsDigest, isMain, readBuildRecord, sameFiles, writeBuildRecord } from './buildRecord.mjs';

const OUT = 'dist/bundle';
// This script holds the options; esbuild's version decides the bytes too.
const salt = `esbuild ${version}\0${readFileSync(new URL(import.meta.url))}`;

/** Bundles the CLI compiled under `root` (the repository), unless the bundle there is what this would make. */
export async function bundleCli(root) {
  const last = readBuildRecord(root);
  let inputs = last?.bundle?.inputs;
  let files = distFiles(root);
  // Read once: a bundle kept is recorded with the digest it was judged by.
  let digest = inputs === undefined ? undefined : inputsDigest(root, salt, inputs);
  const unchanged = digest !== undefined && digest === last.bundle.digest && sameFiles(filesUnder(last.files, OUT), filesUnder(files, OUT));
  if (!unchanged) {
    // The chunks' names change with their code: an old one left beside them would be hashed by lib/codeIdentity.ts.
    rmSync(join(root, OUT), { recursive: true, force: true });
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['dist/cli/run.js'],
      outdir: OUT,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The text as written (no \xB7 for ·), as in dist/.
      charset: 'utf8',
      // Through tsc's own maps to the TypeScript: bin/broadsheet.js turns them on for --debug.
      sourcemap: 'linked',
      logLevel: 'warning',
      metafile: true,
      // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
      banner: { js: "import { createRequire as __broadsheetRequire } from 'node:module'; const require = __broadsheetRequire(import.meta.url);" },
    });
    inputs = Object.keys(result.metafile.inputs).sort();
    files = distFiles(root);
    digest = inputsDigest(root, salt, inputs);
  }
  writeBuildRecord(root, files, { inputs, digest });
}

if (isMain(import.meta.url)) await bundleCli(process.cwd());
